package io.lakemr.agg;

import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.hive.serde2.io.HiveDecimalWritable;

/** {@code min} or {@code max} of a decimal column, exact; keeps the column's precision and scale. */
final class DecimalMinMaxAccumulator extends Accumulator {

  private final Column column;
  private final boolean max;
  private HiveDecimalWritable[] values = new HiveDecimalWritable[0];

  DecimalMinMaxAccumulator(int input, Column column, boolean max) {
    super(input);
    this.column = column;
    this.max = max;
  }

  @Override
  public ColumnType resultType() {
    return ColumnType.DECIMAL;
  }

  @Override
  public Column resultColumn(String resultName) {
    return column.named(resultName);
  }

  @Override
  public void ensureCapacity(int groups) {
    if (groups > values.length) {
      values = Arrays.copyOf(values, capacityFor(values.length, groups));
    }
  }

  private void offer(int g, HiveDecimalWritable v) {
    if (values[g] == null) {
      values[g] = new HiveDecimalWritable(v);
    } else {
      int c = v.compareTo(values[g]);
      if (max ? c > 0 : c < 0) {
        values[g].set(v);
      }
    }
  }

  @Override
  public void update(VectorizedRowBatch batch, int[] rows, int[] groups, int n) {
    for (int i = 0; i < n; i++) {
      HiveDecimalWritable x = DecimalPartials.value(batch, input, rows[i]);
      if (x != null) {
        offer(groups[i], x);
      }
    }
  }

  @Override
  public void write(int group, DataOutput out) throws IOException {
    out.writeBoolean(values[group] != null);
    if (values[group] != null) {
      DecimalPartials.write(out, values[group]);
    }
  }

  @Override
  public void merge(int group, DataInput in) throws IOException {
    if (in.readBoolean()) {
      offer(group, new HiveDecimalWritable(DecimalPartials.read(in)));
    }
  }

  @Override
  public void finish(int group, ColumnVector out, int row) {
    if (values[group] == null) {
      setNull(out, row);
      return;
    }
    out.isNull[row] = false;
    ((DecimalColumnVector) out).set(row, values[group]);
  }

  @Override
  public int bytesPerGroup() {
    return 64;
  }

  @Override
  public void clear() {
    Arrays.fill(values, null);
  }
}
