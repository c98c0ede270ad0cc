package io.lakemr.expr;

import io.lakemr.data.ColumnType;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * A constant (or null) of some type: a repeating vector, set up again on every call because a
 * batch reader may have reset it.
 */
final class ConstantExpr extends VectorExpr {

  private final Object value;
  private final byte[] bytes;

  /**
   * @param value a Long (long-backed types, booleans as 0/1), Double, String, or null
   */
  ConstantExpr(ColumnType type, Object value) {
    super(type);
    this.value = value;
    this.bytes = value instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : null;
  }

  Object value() {
    return value;
  }

  @Override
  ColumnVector evaluate(VectorizedRowBatch batch) {
    ColumnVector v = scratch(batch);
    v.isRepeating = true;
    if (value == null) {
      v.noNulls = false;
      v.isNull[0] = true;
      return v;
    }
    v.isNull[0] = false;
    if (v instanceof LongColumnVector l) {
      l.vector[0] = (Long) value;
    } else if (v instanceof DoubleColumnVector d) {
      d.vector[0] = (Double) value;
    } else {
      ((BytesColumnVector) v).setRef(0, bytes, 0, bytes.length);
    }
    return v;
  }
}
