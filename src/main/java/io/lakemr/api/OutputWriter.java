package io.lakemr.api;

import io.lakemr.data.ColumnType;
import io.lakemr.formats.output.PartitionedBatchWriter;
import java.io.Closeable;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.hadoop.hive.common.type.HiveDecimal;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * Writes a task's output rows, opened with {@link LakemrOutput#writer}: a row at a time, as a
 * reusable row builder ({@code setX} for each column, then {@link #write()}), or whole batches
 * ({@link #write(VectorizedRowBatch)}). The columns are {@link LakemrOutput#schema}'s, by
 * index ({@link TableColumns#indexOf}); a column not set in a row is null.
 *
 * <p>Partition column values choose the row's directory. Rows should come grouped by
 * partition, as a reducer whose keys start with the partition columns sees them: each change of
 * partition closes the open file, and a partition seen again gets a further file. Rows are
 * buffered into batches of {@value #BATCH_ROWS}; {@link #close} writes the last ones and closes
 * the file: call it in the task's {@code cleanup}, or the task's last rows are lost.
 *
 * <pre>{@code
 * protected void setup(Context context) throws IOException, InterruptedException {
 *   out = LakemrOutput.writer(context);
 *   station = out.columns().indexOf("station");
 *   total = out.columns().indexOf("total");
 * }
 *
 * protected void reduce(Text key, Iterable<DoubleWritable> values, Context context) throws IOException {
 *   double sum = 0;
 *   for (DoubleWritable v : values) {
 *     sum += v.get();
 *   }
 *   out.setString(station, key.toString()).setDouble(total, sum).write();
 * }
 *
 * protected void cleanup(Context context) throws IOException {
 *   out.close();
 * }
 * }</pre>
 */
public final class OutputWriter implements Closeable {

  /** Rows buffered before they are written. */
  public static final int BATCH_ROWS = VectorizedRowBatch.DEFAULT_SIZE;

  private final TableColumns columns;
  private final ColumnType[] types;
  private final int[] partitionColumns;
  private final int[] fileColumns;
  private final PartitionedBatchWriter out;
  private final VectorizedRowBatch rows;
  private final boolean[] set;
  private final VectorizedRowBatch fileView;
  private final int[] run = new int[BATCH_ROWS];
  private String[] current;
  private String[] next;
  private int row;
  private boolean closed;

  OutputWriter(TableColumns columns, List<String> partitionBy, PartitionedBatchWriter out) {
    this.columns = columns;
    this.out = out;
    this.types = columns.list().stream().map(c -> c.type().internal()).toArray(ColumnType[]::new);
    this.partitionColumns = partitionBy.stream().mapToInt(columns::indexOf).toArray();
    this.fileColumns = IntStream.range(0, columns.size())
        .filter(i -> !partitionBy.contains(columns.get(i).name())).toArray();
    this.rows = newBatch();
    this.set = new boolean[columns.size()];
    this.fileView = new VectorizedRowBatch(fileColumns.length, BATCH_ROWS);
    this.next = new String[partitionColumns.length];
  }

  /**
   * The columns of the rows written, partition columns included.
   *
   * @return the columns
   */
  public TableColumns columns() {
    return columns;
  }

  /**
   * A new, empty batch with a vector for each column, to fill and hand to
   * {@link #write(VectorizedRowBatch)}.
   *
   * @return a batch of {@value #BATCH_ROWS} rows' room
   */
  public VectorizedRowBatch newBatch() {
    VectorizedRowBatch b = new VectorizedRowBatch(columns.size(), BATCH_ROWS);
    for (int i = 0; i < columns.size(); i++) {
      TableColumn c = columns.get(i);
      b.cols[i] = switch (c.type().internal().vectorType()) {
        case LONG -> new LongColumnVector(BATCH_ROWS);
        case DOUBLE -> new DoubleColumnVector(BATCH_ROWS);
        case DECIMAL -> new DecimalColumnVector(BATCH_ROWS, c.precision(), c.scale());
        default -> {
          BytesColumnVector v = new BytesColumnVector(BATCH_ROWS);
          v.initBuffer();
          yield v;
        }
      };
    }
    return b;
  }

  private ColumnVector slot(int col, ColumnVector.Type kind, String what) {
    checkOpen();
    if (types[col].vectorType() != kind) {
      throw new IllegalArgumentException("column " + columns.get(col) + " cannot take " + what);
    }
    set[col] = true;
    return rows.cols[col];
  }

  /**
   * Sets an int, long, date (days since 1970-01-01), timestamp (milliseconds since the epoch)
   * or boolean (0 or 1) column of the row being built.
   *
   * @param col the column's index
   * @param value the value
   * @return this writer
   * @throws IllegalArgumentException when the column holds another type, or an int column is
   *     given a value out of the int range
   */
  public OutputWriter setLong(int col, long value) {
    LongColumnVector v = (LongColumnVector) slot(col, ColumnVector.Type.LONG, "a long");
    if (types[col] == ColumnType.INT && (int) value != value) {
      throw new IllegalArgumentException("column " + columns.get(col) + " cannot hold " + value);
    }
    v.vector[row] = value;
    return this;
  }

  /**
   * Sets a boolean column of the row being built.
   *
   * @param col the column's index
   * @param value the value
   * @return this writer
   * @throws IllegalArgumentException when the column holds another type
   */
  public OutputWriter setBoolean(int col, boolean value) {
    return setLong(col, value ? 1 : 0);
  }

  /**
   * Sets a float or double column of the row being built.
   *
   * @param col the column's index
   * @param value the value
   * @return this writer
   * @throws IllegalArgumentException when the column holds another type
   */
  public OutputWriter setDouble(int col, double value) {
    ((DoubleColumnVector) slot(col, ColumnVector.Type.DOUBLE, "a double")).vector[row] = value;
    return this;
  }

  /**
   * Sets a string column of the row being built; null sets null.
   *
   * @param col the column's index
   * @param value the value, or null
   * @return this writer
   * @throws IllegalArgumentException when the column holds another type
   */
  public OutputWriter setString(int col, String value) {
    return value == null ? setNull(col) : setBytes(col, value.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sets a string (UTF-8) or bytes column of the row being built; the bytes are copied. Null
   * sets null.
   *
   * @param col the column's index
   * @param value the value, or null
   * @return this writer
   * @throws IllegalArgumentException when the column holds another type
   */
  public OutputWriter setBytes(int col, byte[] value) {
    if (value == null) {
      return setNull(col);
    }
    ((BytesColumnVector) slot(col, ColumnVector.Type.BYTES, "bytes or a string")).setVal(row, value);
    return this;
  }

  /**
   * Sets a decimal column of the row being built, rounded (half up) to the column's scale;
   * null sets null.
   *
   * @param col the column's index
   * @param value the value, or null
   * @return this writer
   * @throws IllegalArgumentException when the column holds another type, or the value has
   *     more digits before the point than the column's precision allows
   */
  public OutputWriter setDecimal(int col, BigDecimal value) {
    if (value == null) {
      return setNull(col);
    }
    DecimalColumnVector v = (DecimalColumnVector) slot(col, ColumnVector.Type.DECIMAL, "a decimal");
    HiveDecimal d = HiveDecimal.create(value);
    v.vector[row].set(d, v.precision, v.scale);
    if (d == null || !v.vector[row].isSet()) {
      throw new IllegalArgumentException("column " + columns.get(col) + " cannot hold " + value);
    }
    return this;
  }

  /**
   * Sets a column of the row being built to null.
   *
   * @param col the column's index
   * @return this writer
   */
  public OutputWriter setNull(int col) {
    checkOpen();
    ColumnVector v = rows.cols[col];
    v.isNull[row] = true;
    v.noNulls = false;
    set[col] = true;
    return this;
  }

  /**
   * Ends the row being built; columns not set are null. The next {@code setX} calls build the
   * next row.
   *
   * @throws IOException when writing a full buffer of rows fails
   */
  public void write() throws IOException {
    checkOpen();
    for (int c = 0; c < set.length; c++) {
      if (!set[c]) {
        rows.cols[c].isNull[row] = true;
        rows.cols[c].noNulls = false;
      }
    }
    Arrays.fill(set, false);
    row++;
    if (row == BATCH_ROWS) {
      flush();
    }
  }

  /**
   * Writes a batch's selected rows, after the rows built before it. Its first
   * {@link #columns()}{@code .size()} vectors hold the columns, in order, of the types
   * {@link #newBatch} makes; the batch is not changed and may be reused once this returns.
   *
   * @param batch the rows
   * @throws IllegalArgumentException when the batch has too few vectors or one of the wrong kind
   * @throws IOException when writing fails
   */
  public void write(VectorizedRowBatch batch) throws IOException {
    checkOpen();
    if (batch.numCols < columns.size()) {
      throw new IllegalArgumentException("the batch has " + batch.numCols + " columns, the output " + columns.size()
          + " (" + columns + ")");
    }
    for (int c = 0; c < columns.size(); c++) {
      ColumnVector v = batch.cols[c];
      if (v == null || v.type != types[c].vectorType()) {
        throw new IllegalArgumentException("column " + columns.get(c) + " needs a " + types[c].vectorType()
            + " vector, the batch has " + (v == null ? "none" : "a " + v.type));
      }
    }
    flush();
    writeRows(batch);
  }

  private void flush() throws IOException {
    if (row > 0) {
      rows.size = row;
      writeRows(rows);
      rows.reset();
      row = 0;
    }
  }

  /** Writes the batch's selected rows, a run of rows of one partition at a time. */
  private void writeRows(VectorizedRowBatch batch) throws IOException {
    for (int f = 0; f < fileColumns.length; f++) {
      fileView.cols[f] = batch.cols[fileColumns[f]];
    }
    if (partitionColumns.length == 0) {
      if (current == null) {
        current = new String[0];
        out.startPartition(current);
      }
      fileView.size = batch.size;
      fileView.selectedInUse = batch.selectedInUse;
      fileView.selected = batch.selected;
      out.write(fileView);
      return;
    }
    int n = 0;
    for (int j = 0; j < batch.size; j++) {
      int i = batch.selectedInUse ? batch.selected[j] : j;
      for (int p = 0; p < partitionColumns.length; p++) {
        int c = partitionColumns[p];
        next[p] = PartitionedBatchWriter.render(types[c], batch.cols[c], i);
      }
      if (!Arrays.equals(next, current)) {
        writeRun(n);
        n = 0;
        String[] previous = current;
        current = next;
        next = previous == null ? new String[partitionColumns.length] : previous;
        out.startPartition(current);
      }
      run[n++] = i;
      if (n == run.length) {
        writeRun(n);
        n = 0;
      }
    }
    writeRun(n);
  }

  private void writeRun(int n) throws IOException {
    if (n > 0) {
      fileView.size = n;
      fileView.selectedInUse = true;
      fileView.selected = run;
      out.write(fileView);
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("the output writer is closed");
    }
  }

  /**
   * Writes the rows still buffered and closes the open file. Closing twice does nothing.
   *
   * @throws IOException when writing or closing fails
   */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    try {
      flush();
    } finally {
      closed = true;
      out.close();
    }
  }
}
