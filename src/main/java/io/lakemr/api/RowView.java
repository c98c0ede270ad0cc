package io.lakemr.api;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * A reusable view of one row of a batch, for code that works a row at a time; no object is
 * made per row.
 *
 * <p>Point it at a batch with {@link #of}, then at each of its {@link #size()} rows with
 * {@link #at}: row {@code i} is the {@code i}-th row the batch selects (its selection vector
 * is honoured, so rows a filter removed are never seen), and repeating vectors and null flags
 * are honoured too. Columns are given by index, {@link TableColumns#indexOf} once per name.
 * Reading a column as the wrong type throws {@code ClassCastException}.
 */
public final class RowView {

  private final TableColumns columns;
  private VectorizedRowBatch batch;
  private int row;

  /**
   * A view of batches with these columns.
   *
   * @param columns the columns of the batches, in vector order
   */
  public RowView(TableColumns columns) {
    this.columns = columns;
  }

  /**
   * The columns of the batches this view reads.
   *
   * @return the columns
   */
  public TableColumns columns() {
    return columns;
  }

  /**
   * Points the view at a batch, at its first row.
   *
   * @param rows the batch
   * @return this view
   */
  public RowView of(VectorizedRowBatch rows) {
    this.batch = rows;
    this.row = rows.size == 0 ? 0 : rows.selectedInUse ? rows.selected[0] : 0;
    return this;
  }

  /**
   * The number of rows of the batch: the rows it selects.
   *
   * @return the number of rows
   */
  public int size() {
    return batch.size;
  }

  /**
   * Moves to a row.
   *
   * @param i the row, 0 to {@link #size()} - 1
   * @return this view
   */
  public RowView at(int i) {
    if (i < 0 || i >= batch.size) {
      throw new IndexOutOfBoundsException("row " + i + " of a batch of " + batch.size);
    }
    row = batch.selectedInUse ? batch.selected[i] : i;
    return this;
  }

  private int index(ColumnVector v) {
    return v.isRepeating ? 0 : row;
  }

  /**
   * Whether the value is null.
   *
   * @param col the column's index
   * @return true for null
   */
  public boolean isNull(int col) {
    ColumnVector v = batch.cols[col];
    return !v.noNulls && v.isNull[index(v)];
  }

  /**
   * The value of an int, long, date (days) or timestamp (milliseconds) column; 1 or 0 for a
   * boolean. Meaningless when {@link #isNull}.
   *
   * @param col the column's index
   * @return the value
   */
  public long getLong(int col) {
    LongColumnVector v = (LongColumnVector) batch.cols[col];
    return v.vector[index(v)];
  }

  /**
   * The value of a boolean column.
   *
   * @param col the column's index
   * @return the value
   */
  public boolean getBoolean(int col) {
    return getLong(col) != 0;
  }

  /**
   * The value of a float or double column. Meaningless when {@link #isNull}.
   *
   * @param col the column's index
   * @return the value
   */
  public double getDouble(int col) {
    DoubleColumnVector v = (DoubleColumnVector) batch.cols[col];
    return v.vector[index(v)];
  }

  /**
   * The value of a string column, as a new {@code String}.
   *
   * @param col the column's index
   * @return the value, or null when null
   */
  public String getString(int col) {
    if (isNull(col)) {
      return null;
    }
    BytesColumnVector v = (BytesColumnVector) batch.cols[col];
    int i = index(v);
    return new String(v.vector[i], v.start[i], v.length[i], StandardCharsets.UTF_8);
  }

  /**
   * The value of a string (UTF-8) or bytes column, as a new array.
   *
   * @param col the column's index
   * @return a copy of the value, or null when null
   */
  public byte[] getBytes(int col) {
    if (isNull(col)) {
      return null;
    }
    BytesColumnVector v = (BytesColumnVector) batch.cols[col];
    int i = index(v);
    return Arrays.copyOfRange(v.vector[i], v.start[i], v.start[i] + v.length[i]);
  }

  /**
   * The value of a decimal column.
   *
   * @param col the column's index
   * @return the value, with the column's scale, or null when null
   */
  public BigDecimal getDecimal(int col) {
    if (isNull(col)) {
      return null;
    }
    DecimalColumnVector v = (DecimalColumnVector) batch.cols[col];
    return v.vector[index(v)].getHiveDecimal().bigDecimalValue().setScale(v.scale);
  }
}
