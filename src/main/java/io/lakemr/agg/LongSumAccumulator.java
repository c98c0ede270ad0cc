package io.lakemr.agg;

import io.lakemr.data.ColumnType;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * {@code sum} of an integral column, as a long. Overflow fails with
 * {@link AggregateOverflowException} instead of wrapping. Null when the group has no value.
 */
final class LongSumAccumulator extends Accumulator {

  private final String name;
  private long[] sums = new long[0];
  private boolean[] seen = new boolean[0];

  LongSumAccumulator(int input, String name) {
    super(input);
    this.name = name;
  }

  @Override
  public ColumnType resultType() {
    return ColumnType.LONG;
  }

  @Override
  public void ensureCapacity(int groups) {
    if (groups > sums.length) {
      int cap = capacityFor(sums.length, groups);
      sums = Arrays.copyOf(sums, cap);
      seen = Arrays.copyOf(seen, cap);
    }
  }

  private void add(int g, long v) {
    long s = sums[g];
    long r = s + v;
    if (((s ^ r) & (v ^ r)) < 0) {
      throw new AggregateOverflowException(name + " overflowed the long range (adding " + v + " to " + s + ")");
    }
    sums[g] = r;
    seen[g] = true;
  }

  @Override
  public void update(VectorizedRowBatch batch, int[] rows, int[] groups, int n) {
    LongColumnVector v = (LongColumnVector) batch.cols[input];
    long[] vals = v.vector;
    if (v.isRepeating) {
      if (v.noNulls || !v.isNull[0]) {
        for (int i = 0; i < n; i++) {
          add(groups[i], vals[0]);
        }
      }
    } else if (v.noNulls) {
      for (int i = 0; i < n; i++) {
        add(groups[i], vals[rows[i]]);
      }
    } else {
      for (int i = 0; i < n; i++) {
        int r = rows[i];
        if (!v.isNull[r]) {
          add(groups[i], vals[r]);
        }
      }
    }
  }

  @Override
  public void write(int group, DataOutput out) throws IOException {
    out.writeBoolean(seen[group]);
    if (seen[group]) {
      out.writeLong(sums[group]);
    }
  }

  @Override
  public void merge(int group, DataInput in) throws IOException {
    if (in.readBoolean()) {
      add(group, in.readLong());
    }
  }

  @Override
  public void finish(int group, ColumnVector out, int row) {
    if (!seen[group]) {
      setNull(out, row);
      return;
    }
    out.isNull[row] = false;
    ((LongColumnVector) out).vector[row] = sums[group];
  }

  @Override
  public int bytesPerGroup() {
    return 9;
  }

  @Override
  public void clear() {
    Arrays.fill(sums, 0);
    Arrays.fill(seen, false);
  }
}
