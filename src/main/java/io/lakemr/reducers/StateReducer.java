package io.lakemr.reducers;

import io.lakemr.agg.AggregatePlan;
import io.lakemr.agg.PartialMerger;
import io.lakemr.data.Column;
import io.lakemr.data.GroupKey;
import io.lakemr.tasks.TaskFailures;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Merges each group's partials and writes the merged partial, not a result, into one state
 * file per output partition ({@code col=value/state-JOB-r-NNNNN.seq} under the job's output):
 * the first job of an incremental run, whose partitions name the output partitions the new
 * input touches and whose states the next job merges with the table's.
 */
public class StateReducer extends Reducer<GroupKey, BytesWritable, NullWritable, NullWritable> {

  private PartialMerger merger;
  private KeyPartitions partitions;
  private StateFileWriter state;

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    AggregatePlan plan = AggregatePlan.load(context.getConfiguration());
    merger = new PartialMerger(plan);
    partitions = new KeyPartitions(plan);
    state = new StateFileWriter(context, "", partitionNames(plan));
  }

  /** The names of a plan's partition columns, in order. */
  static List<String> partitionNames(AggregatePlan plan) {
    List<String> names = new ArrayList<>();
    for (Column c : plan.keyColumns().subList(0, plan.partitionCount())) {
      names.add(c.name());
    }
    return names;
  }

  @Override
  protected void reduce(GroupKey key, Iterable<BytesWritable> values, Context context) throws IOException {
    merger.reset();
    for (BytesWritable v : values) {
      merger.merge(v.getBytes(), v.getLength());
    }
    state.write(partitions, key, merger);
  }

  @Override
  protected void cleanup(Context context) throws IOException {
    state.close();
  }

  @Override
  public void run(Context context) throws IOException, InterruptedException {
    TaskFailures.run(context, () -> super.run(context));
  }
}
