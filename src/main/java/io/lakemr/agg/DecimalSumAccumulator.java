package io.lakemr.agg;

import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.hive.serde2.io.HiveDecimalWritable;
import org.apache.hadoop.io.WritableUtils;

/**
 * {@code sum} or {@code avg} of a {@code decimal(p,s)} column, exact, with Spark's result types:
 * the sum is {@code decimal(min(38, p+10), s)}; the average is
 * {@code decimal(min(38, p+4), min(38, s+4))}, the exact sum divided by the count and rounded
 * half up to that scale. A sum that does not fit its type fails with
 * {@link AggregateOverflowException}. Null when the group has no value.
 */
final class DecimalSumAccumulator extends Accumulator {

  private final String name;
  private final boolean average;
  private final int precision;
  private final int scale;
  private HiveDecimalWritable[] sums = new HiveDecimalWritable[0];
  private long[] counts = new long[0];

  DecimalSumAccumulator(int input, Column column, boolean average, String name) {
    super(input);
    this.name = name;
    this.average = average;
    this.precision = Math.min(Column.MAX_PRECISION, column.precision() + (average ? 4 : 10));
    this.scale = average ? Math.min(Column.MAX_PRECISION, column.scale() + 4) : column.scale();
  }

  @Override
  public ColumnType resultType() {
    return ColumnType.DECIMAL;
  }

  @Override
  public Column resultColumn(String resultName) {
    return Column.decimal(resultName, precision, scale);
  }

  @Override
  public void ensureCapacity(int groups) {
    if (groups > sums.length) {
      int cap = capacityFor(sums.length, groups);
      sums = Arrays.copyOf(sums, cap);
      counts = Arrays.copyOf(counts, cap);
    }
  }

  private void add(int g, HiveDecimalWritable x, long n) {
    if (sums[g] == null) {
      sums[g] = new HiveDecimalWritable(0);
    }
    sums[g].mutateAdd(x);
    if (!sums[g].isSet()) {
      throw new AggregateOverflowException(name + " overflowed 38 digits (adding " + x + ")");
    }
    counts[g] += n;
  }

  @Override
  public void update(VectorizedRowBatch batch, int[] rows, int[] groups, int n) {
    for (int i = 0; i < n; i++) {
      HiveDecimalWritable x = DecimalPartials.value(batch, input, rows[i]);
      if (x != null) {
        add(groups[i], x, 1);
      }
    }
  }

  @Override
  public void write(int group, DataOutput out) throws IOException {
    WritableUtils.writeVLong(out, counts[group]);
    if (counts[group] > 0) {
      DecimalPartials.write(out, sums[group]);
    }
  }

  @Override
  public void merge(int group, DataInput in) throws IOException {
    long n = WritableUtils.readVLong(in);
    if (n > 0) {
      add(group, new HiveDecimalWritable(DecimalPartials.read(in)), n);
    }
  }

  @Override
  public void finish(int group, ColumnVector out, int row) {
    long n = counts[group];
    if (n == 0) {
      setNull(out, row);
      return;
    }
    HiveDecimalWritable result = sums[group];
    if (average) {
      result = new HiveDecimalWritable(result.getHiveDecimal().bigDecimalValue()
          .divide(BigDecimal.valueOf(n), scale, RoundingMode.HALF_UP).toPlainString());
    }
    HiveDecimalWritable fitted = new HiveDecimalWritable(result);
    fitted.mutateEnforcePrecisionScale(precision, scale);
    if (!fitted.isSet()) {
      throw new AggregateOverflowException(name + " = " + result + " does not fit decimal(" + precision + ","
          + scale + ")");
    }
    out.isNull[row] = false;
    ((DecimalColumnVector) out).set(row, fitted);
  }

  @Override
  public int bytesPerGroup() {
    return 72;
  }

  @Override
  public void clear() {
    Arrays.fill(sums, null);
    Arrays.fill(counts, 0);
  }
}
