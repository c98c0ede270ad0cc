package io.lakemr.expr;

import io.lakemr.data.ColumnType;
import java.math.BigDecimal;
import org.apache.hadoop.hive.common.type.HiveDecimal;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.hive.serde2.io.HiveDecimalWritable;

/**
 * A decimal column compared with a number literal, exactly: {@code 12.30} equals a
 * {@code decimal(5,2)} 12.30 and 12.3; the literal is taken as written, not as the double it
 * would be elsewhere ({@code dfix > 10085077667797998369.5} is exact). Null where the column is.
 */
final class DecimalCompareExpr extends VectorExpr {

  private final CompareExpr.Op op;
  private final VectorExpr column;
  private final HiveDecimalWritable literal;

  /** {@code column op literal}, the literal as written. */
  DecimalCompareExpr(CompareExpr.Op op, VectorExpr column, BigDecimal literal, int pos) {
    super(ColumnType.BOOLEAN);
    this.op = op;
    this.column = column;
    HiveDecimal value = HiveDecimal.create(literal, false);
    if (value == null) {
      throw new ExprError("number " + literal.toPlainString() + " has more digits than a decimal holds (38)", pos);
    }
    this.literal = new HiveDecimalWritable(value);
  }

  @Override
  ColumnVector evaluate(VectorizedRowBatch batch) {
    DecimalColumnVector v = (DecimalColumnVector) column.evaluate(batch);
    LongColumnVector o = (LongColumnVector) scratch(batch);
    int n = batch.size;
    boolean sel = batch.selectedInUse;
    if (v.isRepeating) {
      o.isRepeating = true;
      n = Math.min(n, 1);
      sel = false;
    }
    boolean sawNull = false;
    for (int j = 0; j < n; j++) {
      int i = sel ? batch.selected[j] : j;
      int k = v.isRepeating ? 0 : i;
      if (!v.noNulls && v.isNull[k]) {
        o.isNull[i] = true;
        sawNull = true;
        continue;
      }
      o.isNull[i] = false;
      o.vector[i] = op.test(v.vector[k].compareTo(literal)) ? 1 : 0;
    }
    o.noNulls = !sawNull;
    return o;
  }
}
