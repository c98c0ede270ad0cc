package io.lakemr.expr;

import io.lakemr.data.ColumnType;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/** A column of the batch, by index: evaluates to the batch's own vector, copying nothing. */
final class ColumnExpr extends VectorExpr {

  private final int index;

  ColumnExpr(int index, ColumnType type) {
    super(type);
    this.index = index;
  }

  int index() {
    return index;
  }

  @Override
  ColumnVector evaluate(VectorizedRowBatch batch) {
    return batch.cols[index];
  }
}
