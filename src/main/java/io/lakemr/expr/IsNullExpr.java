package io.lakemr.expr;

import io.lakemr.data.ColumnType;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/** {@code x IS [NOT] NULL}: never null itself. */
final class IsNullExpr extends VectorExpr {

  private final VectorExpr operand;
  private final boolean negated;

  IsNullExpr(VectorExpr operand, boolean negated) {
    super(ColumnType.BOOLEAN);
    this.operand = operand;
    this.negated = negated;
  }

  @Override
  ColumnVector evaluate(VectorizedRowBatch batch) {
    ColumnVector v = operand.evaluate(batch);
    LongColumnVector o = (LongColumnVector) scratch(batch);
    long whenNull = negated ? 0 : 1;
    if (v.noNulls || v.isRepeating) {
      o.isRepeating = true;
      o.vector[0] = nullAt(v, 0) ? whenNull : 1 - whenNull;
      return o;
    }
    int n = batch.size;
    for (int j = 0; j < n; j++) {
      int i = batch.selectedInUse ? batch.selected[j] : j;
      o.vector[i] = v.isNull[i] ? whenNull : 1 - whenNull;
    }
    return o;
  }
}
