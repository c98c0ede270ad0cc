package io.lakemr.agg;

import io.lakemr.data.ColumnType;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/** {@code min} or {@code max} of a column held as longs; keeps the column's type. */
final class LongMinMaxAccumulator extends Accumulator {

  private final ColumnType type;
  private final boolean max;
  private long[] values = new long[0];
  private boolean[] seen = new boolean[0];

  LongMinMaxAccumulator(int input, ColumnType type, boolean max) {
    super(input);
    this.type = type;
    this.max = max;
  }

  @Override
  public ColumnType resultType() {
    return type;
  }

  @Override
  public void ensureCapacity(int groups) {
    if (groups > values.length) {
      int cap = capacityFor(values.length, groups);
      values = Arrays.copyOf(values, cap);
      seen = Arrays.copyOf(seen, cap);
    }
  }

  private void offer(int g, long v) {
    if (!seen[g]) {
      values[g] = v;
      seen[g] = true;
    } else if (max ? v > values[g] : v < values[g]) {
      values[g] = v;
    }
  }

  @Override
  public void update(VectorizedRowBatch batch, int[] rows, int[] groups, int n) {
    LongColumnVector v = (LongColumnVector) batch.cols[input];
    if (v.isRepeating) {
      if (v.noNulls || !v.isNull[0]) {
        for (int i = 0; i < n; i++) {
          offer(groups[i], v.vector[0]);
        }
      }
      return;
    }
    for (int i = 0; i < n; i++) {
      int r = rows[i];
      if (v.noNulls || !v.isNull[r]) {
        offer(groups[i], v.vector[r]);
      }
    }
  }

  @Override
  public void write(int group, DataOutput out) throws IOException {
    out.writeBoolean(seen[group]);
    if (seen[group]) {
      out.writeLong(values[group]);
    }
  }

  @Override
  public void merge(int group, DataInput in) throws IOException {
    if (in.readBoolean()) {
      offer(group, in.readLong());
    }
  }

  @Override
  public void finish(int group, ColumnVector out, int row) {
    if (!seen[group]) {
      setNull(out, row);
      return;
    }
    out.isNull[row] = false;
    ((LongColumnVector) out).vector[row] = values[group];
  }

  @Override
  public int bytesPerGroup() {
    return 9;
  }

  @Override
  public void clear() {
    Arrays.fill(seen, false);
  }
}
