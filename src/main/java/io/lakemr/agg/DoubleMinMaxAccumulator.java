package io.lakemr.agg;

import io.lakemr.data.ColumnType;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * {@code min} or {@code max} of a floating-point column; keeps the column's type. Values are
 * ordered as {@link Double#compare} orders them: NaN above +Infinity, as Spark and DuckDB do.
 */
final class DoubleMinMaxAccumulator extends Accumulator {

  private final ColumnType type;
  private final boolean max;
  private double[] values = new double[0];
  private boolean[] seen = new boolean[0];

  DoubleMinMaxAccumulator(int input, ColumnType type, boolean max) {
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

  private void offer(int g, double v) {
    if (!seen[g]) {
      values[g] = v;
      seen[g] = true;
    } else {
      int c = Double.compare(v, values[g]);
      if (max ? c > 0 : c < 0) {
        values[g] = v;
      }
    }
  }

  @Override
  public void update(VectorizedRowBatch batch, int[] rows, int[] groups, int n) {
    DoubleColumnVector v = (DoubleColumnVector) batch.cols[input];
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
      out.writeDouble(values[group]);
    }
  }

  @Override
  public void merge(int group, DataInput in) throws IOException {
    if (in.readBoolean()) {
      offer(group, in.readDouble());
    }
  }

  @Override
  public void finish(int group, ColumnVector out, int row) {
    if (!seen[group]) {
      setNull(out, row);
      return;
    }
    out.isNull[row] = false;
    ((DoubleColumnVector) out).vector[row] = values[group];
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
