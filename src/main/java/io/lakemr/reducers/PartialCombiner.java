package io.lakemr.reducers;

import io.lakemr.agg.AggregatePlan;
import io.lakemr.agg.PartialMerger;
import io.lakemr.data.GroupKey;
import java.io.IOException;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.mapreduce.Reducer;

/** Merges the partial aggregates of a group into one partial. */
public class PartialCombiner extends Reducer<GroupKey, BytesWritable, GroupKey, BytesWritable> {

  private PartialMerger merger;
  private final BytesWritable out = new BytesWritable();

  @Override
  protected void setup(Context context) {
    merger = new PartialMerger(AggregatePlan.load(context.getConfiguration()));
  }

  @Override
  protected void reduce(GroupKey key, Iterable<BytesWritable> values, Context context)
      throws IOException, InterruptedException {
    merger.reset();
    for (BytesWritable v : values) {
      merger.merge(v.getBytes(), v.getLength());
    }
    DataOutputBuffer merged = merger.mergedPartial();
    out.set(merged.getData(), 0, merged.getLength());
    context.write(key, out);
  }
}
