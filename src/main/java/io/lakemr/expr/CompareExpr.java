package io.lakemr.expr;

import io.lakemr.data.ColumnType;
import java.util.Arrays;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * A comparison of two vectors of the same kind, giving a boolean vector (1 true, 0 false) that
 * is null where either side is. Longs compare as signed longs; doubles numerically, with
 * {@code -0.0 = 0.0} and NaN equal to itself and above every other number (as Spark and DuckDB
 * order them); strings and bytes by their bytes, unsigned (code-point order for UTF-8).
 */
final class CompareExpr extends VectorExpr {

  /** The comparisons. */
  enum Op {
    EQ, NE, LT, LE, GT, GE;

    boolean test(int c) {
      switch (this) {
        case EQ:
          return c == 0;
        case NE:
          return c != 0;
        case LT:
          return c < 0;
        case LE:
          return c <= 0;
        case GT:
          return c > 0;
        default:
          return c >= 0;
      }
    }
  }

  private final Op op;
  private final VectorExpr left;
  private final VectorExpr right;

  CompareExpr(Op op, VectorExpr left, VectorExpr right) {
    super(ColumnType.BOOLEAN);
    this.op = op;
    this.left = left;
    this.right = right;
  }

  /** Double comparison with -0.0 = 0.0 and NaN greatest and equal to itself. */
  static int compareDoubles(double a, double b) {
    return a < b ? -1 : a > b ? 1 : a == b ? 0 : Double.compare(a, b);
  }

  static int compareBytes(BytesColumnVector v, int i, BytesColumnVector w, int k) {
    return Arrays.compareUnsigned(v.vector[i], v.start[i], v.start[i] + v.length[i],
        w.vector[k], w.start[k], w.start[k] + w.length[k]);
  }

  @Override
  ColumnVector evaluate(VectorizedRowBatch batch) {
    ColumnVector l = left.evaluate(batch);
    ColumnVector r = right.evaluate(batch);
    LongColumnVector o = (LongColumnVector) scratch(batch);
    int n = batch.size;
    boolean sel = batch.selectedInUse;
    int[] s = batch.selected;
    if (allRepeating(l, r)) {
      o.isRepeating = true;
      n = Math.min(n, 1);
      sel = false;
    }
    boolean nulls = anyNulls(l, r);
    boolean ar = l.isRepeating;
    boolean br = r.isRepeating;
    long[] out = o.vector;
    boolean[] isNull = o.isNull;
    boolean sawNull = false;
    for (int j = 0; j < n; j++) {
      int i = sel ? s[j] : j;
      if (nulls && (nullAt(l, i) || nullAt(r, i))) {
        isNull[i] = true;
        sawNull = true;
        continue;
      }
      isNull[i] = false;
      int ia = ar ? 0 : i;
      int ib = br ? 0 : i;
      int c;
      if (l instanceof LongColumnVector lv) {
        c = Long.compare(lv.vector[ia], ((LongColumnVector) r).vector[ib]);
      } else if (l instanceof DoubleColumnVector dv) {
        c = compareDoubles(dv.vector[ia], ((DoubleColumnVector) r).vector[ib]);
      } else {
        c = compareBytes((BytesColumnVector) l, ia, (BytesColumnVector) r, ib);
      }
      out[i] = op.test(c) ? 1 : 0;
    }
    o.noNulls = !sawNull;
    return o;
  }
}
