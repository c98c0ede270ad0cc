package io.lakemr.expr;

import io.lakemr.data.ColumnType;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * Base of the functions and casts: evaluates its arguments as whole vectors, then runs one
 * kernel over the current rows (once when every argument repeats). A null argument makes the
 * result null without calling the kernel; the kernel may also give null (an out-of-domain
 * value) by returning false.
 */
abstract class RowwiseExpr extends VectorExpr {

  private final VectorExpr[] args;
  private final ColumnVector[] in;

  RowwiseExpr(ColumnType type, VectorExpr... args) {
    super(type);
    this.args = args.clone();
    this.in = new ColumnVector[args.length];
  }

  /**
   * Computes row i into out (at index i) from the inputs (each at {@link #at}(v, i)).
   *
   * @return false when the result is null
   */
  abstract boolean compute(ColumnVector[] in, int i, ColumnVector out);

  @Override
  final ColumnVector evaluate(VectorizedRowBatch batch) {
    for (int k = 0; k < args.length; k++) {
      in[k] = args[k].evaluate(batch);
    }
    ColumnVector o = scratch(batch);
    int n = batch.size;
    boolean sel = batch.selectedInUse;
    if (allRepeating(in)) {
      o.isRepeating = true;
      n = Math.min(n, 1);
      sel = false;
    }
    boolean nulls = anyNulls(in);
    boolean sawNull = false;
    for (int j = 0; j < n; j++) {
      int i = sel ? batch.selected[j] : j;
      boolean isNull = nulls && anyNullAt(i);
      if (!isNull) {
        isNull = !compute(in, i, o);
      }
      o.isNull[i] = isNull;
      sawNull |= isNull;
    }
    o.noNulls = !sawNull;
    return o;
  }

  private boolean anyNullAt(int i) {
    for (ColumnVector v : in) {
      if (nullAt(v, i)) {
        return true;
      }
    }
    return false;
  }

  static long longAt(ColumnVector v, int i) {
    return ((LongColumnVector) v).vector[at(v, i)];
  }

  static double doubleAt(ColumnVector v, int i) {
    return ((DoubleColumnVector) v).vector[at(v, i)];
  }

  static void setLong(ColumnVector out, int i, long value) {
    ((LongColumnVector) out).vector[i] = value;
  }

  static void setDouble(ColumnVector out, int i, double value) {
    ((DoubleColumnVector) out).vector[i] = value;
  }

  /** Copies bytes into the output vector's own buffer. */
  static void setBytes(ColumnVector out, int i, byte[] b, int start, int length) {
    ((BytesColumnVector) out).setVal(i, b, start, length);
  }
}
