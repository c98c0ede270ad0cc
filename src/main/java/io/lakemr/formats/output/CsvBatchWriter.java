package io.lakemr.formats.output;

import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.Decimals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * Writes rows as CSV (RFC 4180).
 *
 * <ul>
 *   <li>UTF-8 without a byte-order mark; the first line holds the column names.</li>
 *   <li>Fields are separated by {@code ,} and lines end with CRLF, the last line included.</li>
 *   <li>A field holding a comma, a double quote, CR or LF is enclosed in double quotes, with
 *       each double quote inside doubled. Other fields (leading or trailing blanks, non-ASCII
 *       text) are written as they are.</li>
 *   <li>Null is an empty field; an empty string (or empty bytes) is written {@code ""}, so
 *       the two stay apart for readers that care (PostgreSQL's {@code COPY}, DuckDB).</li>
 *   <li>Integers in decimal; booleans {@code true}/{@code false}; doubles as
 *       {@link Double#toString(double)} and floats as {@link Float#toString(float)}, which read
 *       back to the same value ({@code 1.0E-5}, {@code NaN}, {@code Infinity},
 *       {@code -Infinity}).</li>
 *   <li>Dates {@code yyyy-MM-dd}; timestamps {@code yyyy-MM-dd'T'HH:mm:ss.SSS'Z'} in UTC; years
 *       outside 0000-9999 in ISO 8601's expanded form ({@code +10000-01-01}).</li>
 *   <li>Bytes in standard base64 (RFC 4648, with padding).</li>
 * </ul>
 */
public final class CsvBatchWriter implements BatchWriter {

  private static final byte[] CRLF = {'\r', '\n'};
  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);

  private final Path file;
  private final ColumnType[] types;
  private final TextSink sink;
  private final StringBuilder scratch = new StringBuilder(32);
  private final Base64.Encoder base64 = Base64.getEncoder();
  private long rows;

  /** Creates {@code file} (it must not exist) and writes the header line. */
  public CsvBatchWriter(Configuration conf, Path file, List<Column> columns) throws IOException {
    this.file = file;
    this.types = new ColumnType[columns.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = columns.get(i).type();
    }
    FileSystem fs = file.getFileSystem(conf);
    this.sink = new TextSink(fs.create(file, false));
    try {
      for (int i = 0; i < types.length; i++) {
        if (i > 0) {
          sink.put((byte) ',');
        }
        byte[] name = columns.get(i).name().getBytes(StandardCharsets.UTF_8);
        putText(name, 0, name.length);
      }
      sink.put(CRLF, 0, 2);
    } catch (IOException | RuntimeException e) {
      sink.closeQuietly(e);
      throw e;
    }
  }

  @Override
  public void write(VectorizedRowBatch batch) throws IOException {
    if (sink.isClosed()) {
      throw new IOException("CSV writer of " + file + " is closed");
    }
    if (batch.numCols < types.length) {
      throw new IllegalArgumentException("batch has " + batch.numCols + " columns, "
          + file + " has " + types.length);
    }
    int n = batch.size;
    for (int j = 0; j < n; j++) {
      int row = batch.selectedInUse ? batch.selected[j] : j;
      for (int c = 0; c < types.length; c++) {
        if (c > 0) {
          sink.put((byte) ',');
        }
        putValue(types[c], batch.cols[c], row);
      }
      sink.put(CRLF, 0, 2);
    }
    rows += n;
  }

  private void putValue(ColumnType type, ColumnVector v, int row) throws IOException {
    int i = v.isRepeating ? 0 : row;
    if (!v.noNulls && v.isNull[i]) {
      return;
    }
    switch (type) {
      case BOOLEAN: {
        byte[] b = ((LongColumnVector) v).vector[i] != 0 ? TRUE : FALSE;
        sink.put(b, 0, b.length);
        return;
      }
      case INT:
      case LONG:
        scratch.setLength(0);
        scratch.append(((LongColumnVector) v).vector[i]);
        putScratch();
        return;
      case DATE:
        scratch.setLength(0);
        ValueText.appendDate(scratch, ((LongColumnVector) v).vector[i]);
        putScratch();
        return;
      case TIMESTAMP:
        scratch.setLength(0);
        ValueText.appendTimestamp(scratch, ((LongColumnVector) v).vector[i], 'T', true);
        putScratch();
        return;
      case FLOAT:
        scratch.setLength(0);
        ValueText.appendFloat(scratch, ((DoubleColumnVector) v).vector[i]);
        putScratch();
        return;
      case DOUBLE:
        scratch.setLength(0);
        ValueText.appendDouble(scratch, ((DoubleColumnVector) v).vector[i]);
        putScratch();
        return;
      case DECIMAL: {
        DecimalColumnVector d = (DecimalColumnVector) v;
        scratch.setLength(0);
        scratch.append(Decimals.text(d.vector[i], d.scale));
        putScratch();
        return;
      }
      case STRING: {
        BytesColumnVector b = (BytesColumnVector) v;
        putText(b.vector[i], b.start[i], b.length[i]);
        return;
      }
      case BYTES: {
        BytesColumnVector b = (BytesColumnVector) v;
        if (b.length[i] == 0) {
          sink.put((byte) '"');
          sink.put((byte) '"');
          return;
        }
        byte[] enc = base64.encode(Arrays.copyOfRange(b.vector[i], b.start[i],
            b.start[i] + b.length[i]));
        sink.put(enc, 0, enc.length);
        return;
      }
      default:
        throw new AssertionError(type);
    }
  }

  /** A text field, quoted when RFC 4180 asks for it, or when empty. */
  private void putText(byte[] bytes, int start, int length) throws IOException {
    boolean quote = length == 0;
    for (int k = start; k < start + length && !quote; k++) {
      byte c = bytes[k];
      quote = c == ',' || c == '"' || c == '\r' || c == '\n';
    }
    if (!quote) {
      sink.put(bytes, start, length);
      return;
    }
    sink.put((byte) '"');
    for (int k = start; k < start + length; k++) {
      byte c = bytes[k];
      if (c == '"') {
        sink.put((byte) '"');
      }
      sink.put(c);
    }
    sink.put((byte) '"');
  }

  private void putScratch() throws IOException {
    sink.putAscii(scratch); // ValueText writes ASCII only
  }

  @Override
  public long rowsWritten() {
    return rows;
  }

  @Override
  public long bytesWritten() {
    return sink.size();
  }

  @Override
  public void close() throws IOException {
    sink.close();
  }
}
