package io.lakemr.agg;

import io.lakemr.data.ColumnType;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.WritableUtils;

/**
 * {@code count_distinct(col)} in the second stage of a distinct aggregation: its partial is a
 * count of distinct values, and partials merge by adding.
 *
 * <p>Adding is right because the first stage has already grouped rows by (group key, value):
 * each distinct non-null value of a group reaches the second stage as exactly one partial of 1
 * (a null value as one partial of 0). Rows never reach this accumulator directly; see
 * {@link DistinctAggregation}.
 */
final class CountDistinctAccumulator extends Accumulator {

  private long[] counts = new long[0];

  CountDistinctAccumulator(int input) {
    super(input);
  }

  @Override
  public ColumnType resultType() {
    return ColumnType.LONG;
  }

  @Override
  public void ensureCapacity(int groups) {
    if (groups > counts.length) {
      counts = Arrays.copyOf(counts, capacityFor(counts.length, groups));
    }
  }

  @Override
  public void update(VectorizedRowBatch batch, int[] rows, int[] groups, int n) {
    throw new IllegalStateException("count_distinct is computed in two stages; rows go to the first");
  }

  /** The partial of one (group, value) sub-group from the first stage. */
  static void writeFirstStage(boolean valueIsNull, DataOutput out) throws IOException {
    WritableUtils.writeVLong(out, valueIsNull ? 0 : 1);
  }

  @Override
  public void write(int group, DataOutput out) throws IOException {
    WritableUtils.writeVLong(out, counts[group]);
  }

  @Override
  public void merge(int group, DataInput in) throws IOException {
    counts[group] += WritableUtils.readVLong(in);
  }

  @Override
  public void finish(int group, ColumnVector out, int row) {
    out.isNull[row] = false;
    ((LongColumnVector) out).vector[row] = counts[group];
  }

  @Override
  public int bytesPerGroup() {
    return 8;
  }

  @Override
  public void clear() {
    Arrays.fill(counts, 0);
  }
}
