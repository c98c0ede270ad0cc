package io.lakemr.agg;

import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.WritableUtils;

/**
 * {@code count_distinct(col)} in the second stage of a distinct aggregation: its partial is a
 * count of distinct values, and partials merge by adding.
 *
 * <p>Adding is right because the first stage has already grouped rows by (group key, value):
 * each distinct non-null value of a group reaches the second stage as exactly one partial of 1
 * (a null value as one partial of 0). Rows never reach this accumulator directly; see
 * {@link DistinctAggregation}. State, merging and the result are those of {@code count}.
 */
final class CountDistinctAccumulator extends CountAccumulator {

  CountDistinctAccumulator(int input) {
    super(input);
  }

  @Override
  public void update(VectorizedRowBatch batch, int[] rows, int[] groups, int n) {
    throw new IllegalStateException("count_distinct is computed in two stages; rows go to the first");
  }

  /** The partial of one (group, value) sub-group from the first stage. */
  static void writeFirstStage(boolean valueIsNull, DataOutput out) throws IOException {
    WritableUtils.writeVLong(out, valueIsNull ? 0 : 1);
  }
}
