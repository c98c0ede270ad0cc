package io.lakemr.expr;

import io.lakemr.data.ColumnType;
import io.lakemr.data.Schemas;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * A compiled expression: evaluates a whole batch at once into a column vector.
 *
 * <p>Rules every operator keeps: it computes only the batch's current rows ({@code selected}
 * when {@code selectedInUse}, else {@code 0..size-1}); it honours {@code isRepeating} and
 * {@code noNulls} of its inputs and never changes them; its output is its own vector (or, for a
 * column reference, the batch's), set up completely on every call, since batch readers reset
 * all vectors between batches. When every input repeats, the output repeats and only row 0 is
 * computed. When the output's {@code noNulls} is false, {@code isNull} is set for every current
 * row.
 */
abstract class VectorExpr {

  private final ColumnType type;
  private ColumnVector out;

  VectorExpr(ColumnType type) {
    this.type = type;
  }

  /** The type of the values this expression computes. */
  final ColumnType type() {
    return type;
  }

  /** Computes the current rows of the batch. */
  abstract ColumnVector evaluate(VectorizedRowBatch batch);

  /** This operator's output vector, large enough for the batch, reset. */
  final ColumnVector scratch(VectorizedRowBatch batch) {
    int capacity = Math.max(batch.getMaxSize(), batch.size);
    if (out == null || out.isNull.length < capacity) {
      out = Schemas.newVector(type, capacity);
    } else {
      out.reset();
    }
    return out;
  }

  /** True when row i of v is null. */
  static boolean nullAt(ColumnVector v, int i) {
    return !v.noNulls && v.isNull[v.isRepeating ? 0 : i];
  }

  /** The index holding row i's value in v. */
  static int at(ColumnVector v, int i) {
    return v.isRepeating ? 0 : i;
  }

  /** True when every vector repeats. */
  static boolean allRepeating(ColumnVector... vs) {
    for (ColumnVector v : vs) {
      if (!v.isRepeating) {
        return false;
      }
    }
    return true;
  }

  /** True when some vector may hold nulls. */
  static boolean anyNulls(ColumnVector... vs) {
    for (ColumnVector v : vs) {
      if (!v.noNulls) {
        return true;
      }
    }
    return false;
  }
}
