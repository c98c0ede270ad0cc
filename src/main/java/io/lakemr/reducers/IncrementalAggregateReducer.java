package io.lakemr.reducers;

import io.lakemr.agg.AggregatePlan;
import io.lakemr.agg.PartialMerger;
import io.lakemr.catalog.TableLog;
import io.lakemr.data.GroupKey;
import java.io.IOException;
import org.apache.hadoop.io.DataOutputBuffer;

/**
 * {@link AggregateReducer} that also keeps each group's merged partial: beside the result rows
 * it writes, per output partition, a state file under {@value TableLog#STATE_DIR}/ of the
 * job's output, which the next incremental run merges its new input into.
 */
public class IncrementalAggregateReducer extends AggregateReducer {

  private StateFileWriter state;

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    super.setup(context);
    AggregatePlan plan = AggregatePlan.load(context.getConfiguration());
    state = new StateFileWriter(context, TableLog.STATE_DIR, StateReducer.partitionNames(plan));
  }

  @Override
  protected void partitionStarted(String[] values) throws IOException {
    state.startPartition(values);
  }

  @Override
  protected void groupMerged(GroupKey key, PartialMerger merged) throws IOException {
    DataOutputBuffer partial = merged.mergedPartial();
    state.write(key, partial.getData(), partial.getLength());
  }

  @Override
  protected void cleanup(Context context) throws IOException {
    try {
      super.cleanup(context);
    } finally {
      state.close();
    }
  }
}
