package io.lakemr.api;

import io.lakemr.data.BatchRow;
import java.math.BigDecimal;
import java.util.Arrays;
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
  private final BatchRow view = new BatchRow();
  private VectorizedRowBatch batch;

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
    view.of(rows).at(rows.size == 0 ? 0 : rows.selectedInUse ? rows.selected[0] : 0);
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
    view.at(batch.selectedInUse ? batch.selected[i] : i);
    return this;
  }

  /**
   * Whether the value is null.
   *
   * @param col the column's index
   * @return true for null
   */
  public boolean isNull(int col) {
    return view.isNull(col);
  }

  /**
   * The value of an int, long, date (days) or timestamp (milliseconds) column; 1 or 0 for a
   * boolean. Meaningless when {@link #isNull}.
   *
   * @param col the column's index
   * @return the value
   */
  public long getLong(int col) {
    return view.getLong(col);
  }

  /**
   * The value of a boolean column.
   *
   * @param col the column's index
   * @return the value
   */
  public boolean getBoolean(int col) {
    return view.getBoolean(col);
  }

  /**
   * The value of a float or double column. Meaningless when {@link #isNull}.
   *
   * @param col the column's index
   * @return the value
   */
  public double getDouble(int col) {
    return view.getDouble(col);
  }

  /**
   * The value of a string column, as a new {@code String}.
   *
   * @param col the column's index
   * @return the value, or null when null
   */
  public String getString(int col) {
    return isNull(col) ? null : view.getString(col);
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
    int start = view.bytesStart(col);
    return Arrays.copyOfRange(view.bytes(col), start, start + view.bytesLength(col));
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
    return view.getDecimal(col).getHiveDecimal().bigDecimalValue().setScale(view.decimalScale(col));
  }
}
