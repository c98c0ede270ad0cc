package io.lakemr.expr;

import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.Schemas;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/** Builds batches from Java values and reads values back, for expression tests. */
final class Rows {

  private Rows() {
  }

  /** Sets row i of v: null, Long/Integer, Double, String or Boolean. */
  static void set(ColumnVector v, int i, Object value) {
    if (value == null) {
      v.noNulls = false;
      v.isNull[i] = true;
      return;
    }
    v.isNull[i] = false;
    if (v instanceof LongColumnVector l) {
      l.vector[i] = value instanceof Boolean b ? (b ? 1 : 0) : ((Number) value).longValue();
    } else if (v instanceof DoubleColumnVector d) {
      d.vector[i] = ((Number) value).doubleValue();
    } else {
      ((BytesColumnVector) v).setVal(i, ((String) value).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Row i of v as a Java value of the type: Long, Double, String, Boolean or null. */
  static Object get(ColumnVector v, ColumnType type, int i) {
    int k = v.isRepeating ? 0 : i;
    if (!v.noNulls && v.isNull[k]) {
      return null;
    }
    if (v instanceof LongColumnVector l) {
      return type == ColumnType.BOOLEAN ? (Object) (l.vector[k] != 0) : (Object) l.vector[k];
    }
    if (v instanceof DoubleColumnVector d) {
      return d.vector[k];
    }
    BytesColumnVector b = (BytesColumnVector) v;
    return new String(b.vector[k], b.start[k], b.length[k], StandardCharsets.UTF_8);
  }

  /** A one-row batch. */
  static VectorizedRowBatch one(List<Column> columns, Object... values) {
    VectorizedRowBatch b = Schemas.newBatch(columns, 4);
    b.size = 1;
    for (int c = 0; c < columns.size(); c++) {
      set(b.cols[c], 0, values[c]);
    }
    return b;
  }

  /** Evaluates an expression over one row. */
  static Object eval(String text, List<Column> columns, Object... values) {
    Expression e = Expression.parse("--test", text, columns, java.util.Map.of());
    VectorExpr x = e.compile(columns);
    return get(x.evaluate(one(columns, values)), x.type(), 0);
  }
}
