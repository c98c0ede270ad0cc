package io.lakemr.expr;

import io.lakemr.data.ColumnType;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * {@code AND}, {@code OR} and {@code NOT} with SQL's three-valued logic: {@code false AND null}
 * is false, {@code true OR null} is true, {@code NOT null} is null, and otherwise a null operand
 * makes the result null.
 */
final class LogicExpr extends VectorExpr {

  /** The connectives. */
  enum Op { AND, OR, NOT }

  private final Op op;
  private final VectorExpr left;
  private final VectorExpr right;

  /** @param right null for NOT */
  LogicExpr(Op op, VectorExpr left, VectorExpr right) {
    super(ColumnType.BOOLEAN);
    this.op = op;
    this.left = left;
    this.right = right;
  }

  @Override
  ColumnVector evaluate(VectorizedRowBatch batch) {
    LongColumnVector l = (LongColumnVector) left.evaluate(batch);
    LongColumnVector r = right == null ? l : (LongColumnVector) right.evaluate(batch);
    LongColumnVector o = (LongColumnVector) scratch(batch);
    int n = batch.size;
    boolean sel = batch.selectedInUse;
    int[] s = batch.selected;
    if (allRepeating(l, r)) {
      o.isRepeating = true;
      n = Math.min(n, 1);
      sel = false;
    }
    boolean sawNull = false;
    for (int j = 0; j < n; j++) {
      int i = sel ? s[j] : j;
      boolean ln = nullAt(l, i);
      long lv = l.vector[at(l, i)];
      boolean isNull;
      long v;
      if (op == Op.NOT) {
        isNull = ln;
        v = 1 - lv;
      } else {
        boolean rn = nullAt(r, i);
        long rv = r.vector[at(r, i)];
        long decisive = op == Op.AND ? 0 : 1;
        if ((!ln && lv == decisive) || (!rn && rv == decisive)) {
          isNull = false;
          v = decisive;
        } else {
          isNull = ln || rn;
          v = 1 - decisive;
        }
      }
      o.isNull[i] = isNull;
      o.vector[i] = v;
      sawNull |= isNull;
    }
    o.noNulls = !sawNull;
    return o;
  }
}
