package io.lakemr.formats.output;

import java.nio.charset.StandardCharsets;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/** Small helpers to set values of batches in tests. */
final class TestBatches {

  private TestBatches() {
  }

  static void setLong(VectorizedRowBatch b, int col, int row, Long v) {
    LongColumnVector c = (LongColumnVector) b.cols[col];
    if (v == null) {
      c.noNulls = false;
      c.isNull[row] = true;
    } else {
      c.isNull[row] = false;
      c.vector[row] = v;
    }
  }

  static void setDouble(VectorizedRowBatch b, int col, int row, Double v) {
    DoubleColumnVector c = (DoubleColumnVector) b.cols[col];
    if (v == null) {
      c.noNulls = false;
      c.isNull[row] = true;
    } else {
      c.isNull[row] = false;
      c.vector[row] = v;
    }
  }

  static void setString(VectorizedRowBatch b, int col, int row, String v) {
    setBytes(b, col, row, v == null ? null : v.getBytes(StandardCharsets.UTF_8));
  }

  static void setBytes(VectorizedRowBatch b, int col, int row, byte[] v) {
    BytesColumnVector c = (BytesColumnVector) b.cols[col];
    if (v == null) {
      c.noNulls = false;
      c.isNull[row] = true;
    } else {
      c.isNull[row] = false;
      c.setVal(row, v);
    }
  }
}
