package io.lakemr.expr;

import io.lakemr.data.ColumnType;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/** {@code coalesce(a, b, ...)}: the first non-null argument, null when all are null. */
final class CoalesceExpr extends VectorExpr {

  private final VectorExpr[] args;
  private final ColumnVector[] in;

  CoalesceExpr(ColumnType type, VectorExpr... args) {
    super(type);
    this.args = args.clone();
    this.in = new ColumnVector[args.length];
  }

  @Override
  ColumnVector evaluate(VectorizedRowBatch batch) {
    for (int k = 0; k < args.length; k++) {
      in[k] = args[k].evaluate(batch);
    }
    if (in[0].noNulls) {
      return in[0];
    }
    ColumnVector o = scratch(batch);
    int n = batch.size;
    boolean sel = batch.selectedInUse;
    if (allRepeating(in)) {
      o.isRepeating = true;
      n = Math.min(n, 1);
      sel = false;
    }
    boolean sawNull = false;
    for (int j = 0; j < n; j++) {
      int i = sel ? batch.selected[j] : j;
      ColumnVector from = null;
      for (ColumnVector v : in) {
        if (!nullAt(v, i)) {
          from = v;
          break;
        }
      }
      if (from == null) {
        o.isNull[i] = true;
        sawNull = true;
        continue;
      }
      o.isNull[i] = false;
      int k = at(from, i);
      if (o instanceof LongColumnVector l) {
        l.vector[i] = ((LongColumnVector) from).vector[k];
      } else if (o instanceof DoubleColumnVector d) {
        d.vector[i] = ((DoubleColumnVector) from).vector[k];
      } else {
        BytesColumnVector b = (BytesColumnVector) from;
        ((BytesColumnVector) o).setRef(i, b.vector[k], b.start[k], b.length[k]);
      }
    }
    o.noNulls = !sawNull;
    return o;
  }
}
