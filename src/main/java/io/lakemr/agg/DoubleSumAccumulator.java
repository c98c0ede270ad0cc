package io.lakemr.agg;

import io.lakemr.data.ColumnType;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.WritableUtils;

/**
 * {@code sum} of a floating-point column, or {@code avg} of any numeric column, as a double.
 *
 * <p>Each group's sum is kept as a double-double: a high part and the exact rounding error of
 * every addition (Knuth's TwoSum) in a low part, about 106 bits in all. Sums of values within
 * 2^50 of each other's magnitude are then exact, so the result does not depend on the order
 * rows arrive in, on how the input was split, or on whether a combiner ran: the same query gives
 * the same bits. Null when the group has no value.
 */
final class DoubleSumAccumulator extends Accumulator {

  private final boolean average;
  private double[] sums = new double[0];
  private double[] compensations = new double[0];
  private long[] counts = new long[0];

  DoubleSumAccumulator(int input, boolean average) {
    super(input);
    this.average = average;
  }

  @Override
  public ColumnType resultType() {
    return ColumnType.DOUBLE;
  }

  @Override
  public void ensureCapacity(int groups) {
    if (groups > sums.length) {
      int cap = capacityFor(sums.length, groups);
      sums = Arrays.copyOf(sums, cap);
      compensations = Arrays.copyOf(compensations, cap);
      counts = Arrays.copyOf(counts, cap);
    }
  }

  private void add(int g, double x) {
    double hi = sums[g];
    double s = hi + x;
    if (!Double.isFinite(s)) {
      sums[g] = s; // infinities and NaN carry no rounding error to keep
      return;
    }
    double bp = s - hi;
    double err = (hi - (s - bp)) + (x - bp);
    double lo = compensations[g] + err;
    double h = s + lo;
    compensations[g] = lo - (h - s);
    sums[g] = h;
  }

  @Override
  public void update(VectorizedRowBatch batch, int[] rows, int[] groups, int n) {
    ColumnVector v = batch.cols[input];
    boolean repeating = v.isRepeating;
    boolean noNulls = v.noNulls;
    if (repeating && !noNulls && v.isNull[0]) {
      return;
    }
    if (v instanceof DoubleColumnVector dv) {
      double[] vals = dv.vector;
      for (int i = 0; i < n; i++) {
        int r = repeating ? 0 : rows[i];
        if (noNulls || repeating || !v.isNull[r]) {
          int g = groups[i];
          add(g, vals[r]);
          counts[g]++;
        }
      }
    } else {
      long[] vals = ((LongColumnVector) v).vector;
      for (int i = 0; i < n; i++) {
        int r = repeating ? 0 : rows[i];
        if (noNulls || repeating || !v.isNull[r]) {
          int g = groups[i];
          add(g, vals[r]);
          counts[g]++;
        }
      }
    }
  }

  @Override
  public void write(int group, DataOutput out) throws IOException {
    WritableUtils.writeVLong(out, counts[group]);
    if (counts[group] > 0) {
      out.writeDouble(sums[group]);
      out.writeDouble(compensations[group]);
    }
  }

  @Override
  public void merge(int group, DataInput in) throws IOException {
    long n = WritableUtils.readVLong(in);
    if (n > 0) {
      add(group, in.readDouble());
      add(group, in.readDouble());
      counts[group] += n;
    }
  }

  @Override
  public void finish(int group, ColumnVector out, int row) {
    long n = counts[group];
    if (n == 0) {
      setNull(out, row);
      return;
    }
    double hi = sums[group];
    double sum = Double.isFinite(hi) ? hi + compensations[group] : hi;
    out.isNull[row] = false;
    ((DoubleColumnVector) out).vector[row] = average ? sum / n : sum;
  }

  @Override
  public int bytesPerGroup() {
    return 24;
  }

  @Override
  public void clear() {
    Arrays.fill(sums, 0);
    Arrays.fill(compensations, 0);
    Arrays.fill(counts, 0);
  }
}
