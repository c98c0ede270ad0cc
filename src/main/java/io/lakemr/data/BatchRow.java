package io.lakemr.data;

import java.nio.charset.StandardCharsets;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.hive.serde2.io.HiveDecimalWritable;

/**
 * A reusable view of one row of a batch, for code that works a row at a time.
 *
 * <p>Point it at a batch with {@link #of(VectorizedRowBatch)} and at a row with {@link #at(int)};
 * no object is made per row. Repeating vectors and the null flags are honoured.
 */
public final class BatchRow {

  private VectorizedRowBatch batch;
  private int row;

  public BatchRow of(VectorizedRowBatch batch) {
    this.batch = batch;
    this.row = 0;
    return this;
  }

  /** Moves to a row index of the batch (an index into the vectors, not into the selection). */
  public BatchRow at(int row) {
    this.row = row;
    return this;
  }

  public int row() {
    return row;
  }

  public VectorizedRowBatch batch() {
    return batch;
  }

  private int index(ColumnVector v) {
    return v.isRepeating ? 0 : row;
  }

  public boolean isNull(int col) {
    ColumnVector v = batch.cols[col];
    return !v.noNulls && v.isNull[index(v)];
  }

  public long getLong(int col) {
    LongColumnVector v = (LongColumnVector) batch.cols[col];
    return v.vector[index(v)];
  }

  public boolean getBoolean(int col) {
    return getLong(col) != 0;
  }

  /** The value of a decimal column (its vector's own; do not keep it). */
  public HiveDecimalWritable getDecimal(int col) {
    DecimalColumnVector v = (DecimalColumnVector) batch.cols[col];
    return v.vector[index(v)];
  }

  /** The scale of a decimal column. */
  public int decimalScale(int col) {
    return ((DecimalColumnVector) batch.cols[col]).scale;
  }

  public double getDouble(int col) {
    DoubleColumnVector v = (DoubleColumnVector) batch.cols[col];
    return v.vector[index(v)];
  }

  /** The bytes of a string or bytes column; valid until the batch is refilled. */
  public byte[] bytes(int col) {
    BytesColumnVector v = (BytesColumnVector) batch.cols[col];
    return v.vector[index(v)];
  }

  public int bytesStart(int col) {
    BytesColumnVector v = (BytesColumnVector) batch.cols[col];
    return v.start[index(v)];
  }

  public int bytesLength(int col) {
    BytesColumnVector v = (BytesColumnVector) batch.cols[col];
    return v.length[index(v)];
  }

  /** A string column's value as a new String (allocates; prefer the byte accessors in loops). */
  public String getString(int col) {
    BytesColumnVector v = (BytesColumnVector) batch.cols[col];
    int i = index(v);
    return new String(v.vector[i], v.start[i], v.length[i], StandardCharsets.UTF_8);
  }
}
