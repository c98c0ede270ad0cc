package io.lakemr.reducers;

import io.lakemr.agg.DistinctAggregation;
import io.lakemr.agg.PartialMerger;
import io.lakemr.data.GroupKey;
import io.lakemr.tasks.TaskFailures;
import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * The reducer of stage 1 of a distinct aggregation ({@link DistinctAggregation}): merges each
 * (group, value) sub-group, turns it into a partial of the whole query, merges the sub-groups
 * of one group as they arrive (keys are sorted), and writes one (group key, partial) per group.
 */
public class DistinctStageReducer extends Reducer<GroupKey, BytesWritable, GroupKey, BytesWritable> {

  private DistinctAggregation distinct;
  private PartialMerger subGroup;
  private PartialMerger group;
  private final DataOutputBuffer partial = new DataOutputBuffer();
  private final GroupKey outKey = new GroupKey();
  private final BytesWritable outValue = new BytesWritable();
  private byte[] currentGroup;

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    distinct = DistinctAggregation.load(context.getConfiguration());
    subGroup = new PartialMerger(distinct.firstStage());
    group = new PartialMerger(distinct.queryPlan());
  }

  @Override
  protected void reduce(GroupKey key, Iterable<BytesWritable> values, Context context)
      throws IOException, InterruptedException {
    subGroup.reset();
    for (BytesWritable v : values) {
      subGroup.merge(v.getBytes(), v.getLength());
    }
    subGroupMerged(key, subGroup);
    byte[] k = key.getBytes();
    int len = distinct.groupKeyLength(k);
    if (currentGroup == null || !Arrays.equals(currentGroup, 0, currentGroup.length, k, 0, len)) {
      emit(context);
      currentGroup = Arrays.copyOf(k, len);
      group.reset();
    }
    partial.reset();
    distinct.writeQueryPartial(k, subGroup, partial);
    group.merge(partial.getData(), partial.getLength());
  }

  /** Called with each (group, value) sub-group's merged partials of the first-stage plan. */
  protected void subGroupMerged(GroupKey key, PartialMerger merged) throws IOException {
  }

  private void emit(Context context) throws IOException, InterruptedException {
    if (currentGroup == null) {
      return;
    }
    DataOutputBuffer merged = group.mergedPartial();
    outKey.set(currentGroup, 0, currentGroup.length);
    outValue.set(merged.getData(), 0, merged.getLength());
    context.write(outKey, outValue);
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    emit(context);
  }

  @Override
  public void run(Context context) throws IOException, InterruptedException {
    TaskFailures.run(context, () -> super.run(context));
  }
}
