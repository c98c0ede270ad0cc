package io.lakemr.expr;

import io.lakemr.data.ColumnType;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * {@code + - * / %} over two vectors of the same kind: longs (wrapping on overflow, as Java
 * and Spark's default mode do) or doubles. Division and remainder by zero give null.
 * {@code /} of longs is never compiled here: the checker makes it a division of doubles.
 */
final class ArithmeticExpr extends VectorExpr {

  /** The operators. */
  enum Op { ADD, SUB, MUL, DIV, MOD }

  private final Op op;
  private final VectorExpr left;
  private final VectorExpr right;

  ArithmeticExpr(Op op, VectorExpr left, VectorExpr right, ColumnType type) {
    super(type);
    this.op = op;
    this.left = left;
    this.right = right;
  }

  @Override
  ColumnVector evaluate(VectorizedRowBatch batch) {
    ColumnVector l = left.evaluate(batch);
    ColumnVector r = right.evaluate(batch);
    ColumnVector o = scratch(batch);
    int n = batch.size;
    boolean sel = batch.selectedInUse;
    if (allRepeating(l, r)) {
      o.isRepeating = true;
      n = Math.min(n, 1);
      sel = false;
    }
    boolean sawNull = o instanceof LongColumnVector lo
        ? longs((LongColumnVector) l, (LongColumnVector) r, lo, n, sel, batch.selected)
        : doubles((DoubleColumnVector) l, (DoubleColumnVector) r, (DoubleColumnVector) o, n, sel, batch.selected);
    o.noNulls = !sawNull;
    return o;
  }

  private boolean longs(LongColumnVector l, LongColumnVector r, LongColumnVector o, int n, boolean sel, int[] s) {
    long[] a = l.vector;
    long[] b = r.vector;
    long[] out = o.vector;
    boolean[] isNull = o.isNull;
    boolean nulls = anyNulls(l, r);
    boolean ar = l.isRepeating;
    boolean br = r.isRepeating;
    boolean sawNull = false;
    for (int j = 0; j < n; j++) {
      int i = sel ? s[j] : j;
      if (nulls && (nullAt(l, i) || nullAt(r, i))) {
        isNull[i] = true;
        sawNull = true;
        continue;
      }
      long x = a[ar ? 0 : i];
      long y = b[br ? 0 : i];
      boolean isNullNow = false;
      switch (op) {
        case ADD:
          out[i] = x + y;
          break;
        case SUB:
          out[i] = x - y;
          break;
        case MUL:
          out[i] = x * y;
          break;
        case MOD:
          if (y == 0) {
            isNullNow = true;
          } else {
            out[i] = y == -1 ? 0 : x % y;
          }
          break;
        default:
          throw new AssertionError(op);
      }
      isNull[i] = isNullNow;
      sawNull |= isNullNow;
    }
    return sawNull;
  }

  private boolean doubles(DoubleColumnVector l, DoubleColumnVector r, DoubleColumnVector o, int n, boolean sel,
      int[] s) {
    double[] a = l.vector;
    double[] b = r.vector;
    double[] out = o.vector;
    boolean[] isNull = o.isNull;
    boolean nulls = anyNulls(l, r);
    boolean ar = l.isRepeating;
    boolean br = r.isRepeating;
    boolean sawNull = false;
    for (int j = 0; j < n; j++) {
      int i = sel ? s[j] : j;
      if (nulls && (nullAt(l, i) || nullAt(r, i))) {
        isNull[i] = true;
        sawNull = true;
        continue;
      }
      double x = a[ar ? 0 : i];
      double y = b[br ? 0 : i];
      boolean isNullNow = false;
      switch (op) {
        case ADD:
          out[i] = x + y;
          break;
        case SUB:
          out[i] = x - y;
          break;
        case MUL:
          out[i] = x * y;
          break;
        case DIV:
          if (y == 0) {
            isNullNow = true;
          } else {
            out[i] = x / y;
          }
          break;
        case MOD:
          if (y == 0) {
            isNullNow = true;
          } else {
            out[i] = x % y;
          }
          break;
        default:
          throw new AssertionError(op);
      }
      isNull[i] = isNullNow;
      sawNull |= isNullNow;
    }
    return sawNull;
  }
}
