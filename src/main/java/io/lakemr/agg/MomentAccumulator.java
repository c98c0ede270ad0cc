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
 * {@code stddev}/{@code stddev_samp}, {@code stddev_pop}, {@code variance}/{@code var_samp} and
 * {@code var_pop} of a numeric column, as a double.
 *
 * <p>Each group keeps its count n, its mean and M2, the sum of squared deviations from the
 * mean. Rows are folded in with Welford's update ({@code delta = x - mean; mean += delta / n;
 * M2 += delta * (x - mean)}) and partial states are merged with Chan, Golub and LeVeque's
 * pairwise formula ({@code M2 = M2a + M2b + delta^2 * na * nb / n}). Neither ever subtracts
 * two large sums, so data with a large mean and a small spread (mean 1e9, spread 1) keeps its
 * precision, where the textbook {@code sum(x^2) - sum(x)^2 / n} loses it all.
 *
 * <p>Mean and M2 are held as double-doubles ({@link DoubleDouble}, about 106 bits) and rounded
 * to a double only in {@link #finish}, so the result does not depend, but for a rounding tie
 * beyond the 100th bit, on the order rows arrive in, how the input was split, or whether a
 * combiner ran. Long values enter exactly, beyond 2^53 too.
 *
 * <p>As in SQL: the sample forms are null below two values, the population forms null without
 * values; nulls are skipped. An infinite or NaN value makes the result NaN.
 */
final class MomentAccumulator extends Accumulator {

  private final boolean sample;
  private final boolean root;
  private long[] counts = new long[0];
  private double[] meanHi = new double[0];
  private double[] meanLo = new double[0];
  private double[] m2Hi = new double[0];
  private double[] m2Lo = new double[0];
  private final DoubleDouble x = new DoubleDouble();
  private final DoubleDouble mean = new DoubleDouble();
  private final DoubleDouble delta = new DoubleDouble();
  private final DoubleDouble t = new DoubleDouble();

  /**
   * @param sample divide by n - 1 (else by n)
   * @param root the standard deviation (else the variance)
   */
  MomentAccumulator(int input, boolean sample, boolean root) {
    super(input);
    this.sample = sample;
    this.root = root;
  }

  static MomentAccumulator of(AggFunction f, int input) {
    switch (f) {
      case STDDEV:
      case STDDEV_SAMP:
        return new MomentAccumulator(input, true, true);
      case STDDEV_POP:
        return new MomentAccumulator(input, false, true);
      case VARIANCE:
      case VAR_SAMP:
        return new MomentAccumulator(input, true, false);
      case VAR_POP:
        return new MomentAccumulator(input, false, false);
      default:
        throw new AssertionError(f);
    }
  }

  @Override
  public ColumnType resultType() {
    return ColumnType.DOUBLE;
  }

  @Override
  public void ensureCapacity(int groups) {
    if (groups > counts.length) {
      int cap = capacityFor(counts.length, groups);
      counts = Arrays.copyOf(counts, cap);
      meanHi = Arrays.copyOf(meanHi, cap);
      meanLo = Arrays.copyOf(meanLo, cap);
      m2Hi = Arrays.copyOf(m2Hi, cap);
      m2Lo = Arrays.copyOf(m2Lo, cap);
    }
  }

  /** Welford's update of group g with the value in {@link #x}. */
  private void fold(int g) {
    long n = ++counts[g];
    mean.set(meanHi[g], meanLo[g]);
    delta.set(x.hi, x.lo).subtract(mean);
    mean.add(t.set(delta.hi, delta.lo).divide(n));
    // M2 += delta * (x - new mean)
    t.set(x.hi, x.lo).subtract(mean).multiply(delta).add(m2Hi[g], m2Lo[g]);
    meanHi[g] = mean.hi;
    meanLo[g] = mean.lo;
    m2Hi[g] = t.hi;
    m2Lo[g] = t.lo;
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
          x.set(vals[r], 0);
          fold(groups[i]);
        }
      }
    } else {
      long[] vals = ((LongColumnVector) v).vector;
      for (int i = 0; i < n; i++) {
        int r = repeating ? 0 : rows[i];
        if (noNulls || repeating || !v.isNull[r]) {
          x.setLong(vals[r]);
          fold(groups[i]);
        }
      }
    }
  }

  @Override
  public void write(int group, DataOutput out) throws IOException {
    WritableUtils.writeVLong(out, counts[group]);
    if (counts[group] > 0) {
      out.writeDouble(meanHi[group]);
      out.writeDouble(meanLo[group]);
      out.writeDouble(m2Hi[group]);
      out.writeDouble(m2Lo[group]);
    }
  }

  @Override
  public void merge(int group, DataInput in) throws IOException {
    long nb = WritableUtils.readVLong(in);
    if (nb == 0) {
      return;
    }
    double bMeanHi = in.readDouble();
    double bMeanLo = in.readDouble();
    double bM2Hi = in.readDouble();
    double bM2Lo = in.readDouble();
    int g = group;
    long na = counts[g];
    if (na == 0) {
      counts[g] = nb;
      meanHi[g] = bMeanHi;
      meanLo[g] = bMeanLo;
      m2Hi[g] = bM2Hi;
      m2Lo[g] = bM2Lo;
      return;
    }
    long n = na + nb;
    mean.set(meanHi[g], meanLo[g]);
    delta.set(bMeanHi, bMeanLo).subtract(mean);
    // M2 = M2a + M2b + delta^2 * na * nb / n
    t.set(delta.hi, delta.lo).multiply(delta).multiply(na, 0).multiply(nb, 0).divide(n)
        .add(m2Hi[g], m2Lo[g]).add(bM2Hi, bM2Lo);
    m2Hi[g] = t.hi;
    m2Lo[g] = t.lo;
    // mean = mean_a + delta * nb / n
    mean.add(delta.multiply(nb, 0).divide(n));
    meanHi[g] = mean.hi;
    meanLo[g] = mean.lo;
    counts[g] = n;
  }

  @Override
  public void finish(int group, ColumnVector out, int row) {
    long n = counts[group];
    if (n == 0 || (sample && n < 2)) {
      setNull(out, row);
      return;
    }
    double variance = t.set(m2Hi[group], m2Lo[group]).divide(sample ? n - 1 : n).value();
    if (variance < 0) {
      variance = 0;
    }
    out.isNull[row] = false;
    ((DoubleColumnVector) out).vector[row] = root ? Math.sqrt(variance) : variance;
  }

  @Override
  public int bytesPerGroup() {
    return 40;
  }

  @Override
  public void clear() {
    Arrays.fill(counts, 0);
    Arrays.fill(meanHi, 0);
    Arrays.fill(meanLo, 0);
    Arrays.fill(m2Hi, 0);
    Arrays.fill(m2Lo, 0);
  }
}
