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
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * Writes rows as JSON Lines: one JSON object per row and per line, streamed through a buffer.
 *
 * <ul>
 *   <li>UTF-8 without a byte-order mark; each line ends with {@code \n}, the last included.</li>
 *   <li>Every column is a member of every object, in column order; null is {@code null}.</li>
 *   <li>Integers as JSON numbers (readers that keep numbers as IEEE doubles, such as
 *       JavaScript, lose precision beyond 2^53); booleans {@code true}/{@code false}.</li>
 *   <li>Doubles and floats as {@link Double#toString(double)} / {@link Float#toString(float)},
 *       which read back to the same value ({@code 1.0E-5} is a valid JSON number). JSON has no
 *       NaN or infinities: they are written as {@code null}, so a numeric column stays numeric
 *       for readers that infer types (DuckDB, pandas, Spark), at the cost of telling NaN from
 *       null.</li>
 *   <li>Dates as {@code "yyyy-MM-dd"}; timestamps as {@code "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'"}
 *       in UTC, the text the CSV output uses; bytes as standard base64 strings.</li>
 *   <li>Strings are escaped as RFC 8259 asks: {@code "} and {@code \} with a backslash,
 *       control characters as {@code \n}, {@code \r}, {@code \t}, {@code \b}, {@code \f} or
 *       {@code \}{@code u00XX}; everything else, non-ASCII included, as its UTF-8 bytes.</li>
 * </ul>
 */
public final class JsonLinesBatchWriter implements BatchWriter {

  private static final byte[] NULL = "null".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  private final Path file;
  private final ColumnType[] types;
  /** {@code {"name":} for the first column, {@code ,"name":} for the others. */
  private final byte[][] memberPrefixes;
  private final TextSink sink;
  private final StringBuilder scratch = new StringBuilder(32);
  private final Base64.Encoder base64 = Base64.getEncoder();
  private long rows;

  /** Creates {@code file} (it must not exist). */
  public JsonLinesBatchWriter(Configuration conf, Path file, List<Column> columns) throws IOException {
    this.file = file;
    this.types = new ColumnType[columns.size()];
    this.memberPrefixes = new byte[columns.size()][];
    for (int i = 0; i < types.length; i++) {
      types[i] = columns.get(i).type();
      StringBuilder sb = new StringBuilder(i == 0 ? "{" : ",");
      appendJsonString(sb, columns.get(i).name());
      memberPrefixes[i] = sb.append(':').toString().getBytes(StandardCharsets.UTF_8);
    }
    this.sink = new TextSink(file.getFileSystem(conf).create(file, false));
  }

  /** Appends a JSON string literal, escaped, to a builder (for names; values go byte by byte). */
  static void appendJsonString(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\').append(c);
      } else if (c < 0x20) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    sb.append('"');
  }

  @Override
  public void write(VectorizedRowBatch batch) throws IOException {
    if (sink.isClosed()) {
      throw new IOException("JSON Lines writer of " + file + " is closed");
    }
    if (batch.numCols < types.length) {
      throw new IllegalArgumentException("batch has " + batch.numCols + " columns, " + file + " has " + types.length);
    }
    int n = batch.size;
    for (int j = 0; j < n; j++) {
      int row = batch.selectedInUse ? batch.selected[j] : j;
      for (int c = 0; c < types.length; c++) {
        sink.put(memberPrefixes[c], 0, memberPrefixes[c].length);
        putValue(types[c], batch.cols[c], row);
      }
      if (types.length == 0) {
        sink.put((byte) '{');
      }
      sink.put((byte) '}');
      sink.put((byte) '\n');
    }
    rows += n;
  }

  private void putValue(ColumnType type, ColumnVector v, int row) throws IOException {
    int i = v.isRepeating ? 0 : row;
    if (!v.noNulls && v.isNull[i]) {
      sink.put(NULL, 0, NULL.length);
      return;
    }
    scratch.setLength(0);
    switch (type) {
      case BOOLEAN: {
        byte[] b = ((LongColumnVector) v).vector[i] != 0 ? TRUE : FALSE;
        sink.put(b, 0, b.length);
        return;
      }
      case INT:
      case LONG:
        scratch.append(((LongColumnVector) v).vector[i]);
        break;
      case FLOAT:
      case DOUBLE: {
        double d = ((DoubleColumnVector) v).vector[i];
        if (!Double.isFinite(d)) {
          sink.put(NULL, 0, NULL.length);
          return;
        }
        if (type == ColumnType.FLOAT) {
          ValueText.appendFloat(scratch, d);
        } else {
          ValueText.appendDouble(scratch, d);
        }
        break;
      }
      case DECIMAL: {
        DecimalColumnVector d = (DecimalColumnVector) v;
        scratch.append(Decimals.text(d.vector[i], d.scale)); // a JSON number, exact
        break;
      }
      case DATE:
        scratch.append('"');
        ValueText.appendDate(scratch, ((LongColumnVector) v).vector[i]);
        scratch.append('"');
        break;
      case TIMESTAMP:
        scratch.append('"');
        ValueText.appendTimestamp(scratch, ((LongColumnVector) v).vector[i], 'T', true);
        scratch.append('"');
        break;
      case STRING: {
        BytesColumnVector b = (BytesColumnVector) v;
        putString(b.vector[i], b.start[i], b.length[i]);
        return;
      }
      case BYTES: {
        BytesColumnVector b = (BytesColumnVector) v;
        byte[] enc = base64.encode(Arrays.copyOfRange(b.vector[i], b.start[i], b.start[i] + b.length[i]));
        sink.put((byte) '"');
        sink.put(enc, 0, enc.length);
        sink.put((byte) '"');
        return;
      }
      default:
        throw new AssertionError(type);
    }
    sink.putAscii(scratch); // ValueText writes ASCII only
  }

  private void putString(byte[] bytes, int start, int length) throws IOException {
    sink.put((byte) '"');
    for (int k = start; k < start + length; k++) {
      byte c = bytes[k];
      if (c == '"' || c == '\\') {
        sink.put((byte) '\\');
        sink.put(c);
      } else if (c >= 0 && c < 0x20) {
        sink.put((byte) '\\');
        switch (c) {
          case '\n':
            sink.put((byte) 'n');
            break;
          case '\r':
            sink.put((byte) 'r');
            break;
          case '\t':
            sink.put((byte) 't');
            break;
          case '\b':
            sink.put((byte) 'b');
            break;
          case '\f':
            sink.put((byte) 'f');
            break;
          default:
            sink.put((byte) 'u');
            sink.put((byte) '0');
            sink.put((byte) '0');
            sink.put(HEX[c >> 4]);
            sink.put(HEX[c & 0xF]);
        }
      } else {
        sink.put(c);
      }
    }
    sink.put((byte) '"');
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
