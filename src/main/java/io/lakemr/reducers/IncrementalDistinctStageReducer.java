package io.lakemr.reducers;

import io.lakemr.agg.AggregatePlan;
import io.lakemr.agg.PartialMerger;
import io.lakemr.catalog.TableLog;
import io.lakemr.data.GroupKey;
import java.io.IOException;

/**
 * {@link DistinctStageReducer} that also keeps each (group, value) sub-group's merged partial
 * of the first-stage plan, per output partition, in state files under
 * {@value TableLog#STATE_DIR}/ of the stage's output: the distinct values an incremental
 * {@code count_distinct} needs to count a value seen before only once.
 */
public class IncrementalDistinctStageReducer extends DistinctStageReducer {

  private KeyPartitions partitions;
  private StateFileWriter state;

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    super.setup(context);
    AggregatePlan firstStage = AggregatePlan.load(context.getConfiguration());
    partitions = new KeyPartitions(firstStage);
    state = new StateFileWriter(context, TableLog.STATE_DIR, StateReducer.partitionNames(firstStage));
  }

  @Override
  protected void subGroupMerged(GroupKey key, PartialMerger merged) throws IOException {
    state.write(partitions, key, merged);
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    try {
      super.cleanup(context);
    } finally {
      state.close();
    }
  }
}
