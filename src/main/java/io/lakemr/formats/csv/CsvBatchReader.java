package io.lakemr.formats.csv;

import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.formats.FileRange;
import io.lakemr.formats.badrecords.BadRecord;
import io.lakemr.formats.badrecords.BadRecords;
import io.lakemr.formats.text.ByteScan;
import io.lakemr.formats.text.LineSource;
import io.lakemr.formats.text.LineSources;
import io.lakemr.formats.text.RangeReader;
import io.lakemr.formats.text.TextDictionary;
import io.lakemr.formats.text.Utf8;
import io.lakemr.formats.text.ValueParser;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * Reads one byte range of a CSV file into batches, parsing bytes straight into the column
 * vectors: no object per row, no string per field (a string column's entries point at one
 * stored copy of each value while it has few distinct values, see {@link TextDictionary}, and
 * are copied as bytes into the vector's buffer otherwise). It knows nothing of MapReduce.
 *
 * <p>Lines follow {@link LineSource}'s boundary rule. With a header, a range not at byte 0
 * reads the file's header from its start first. Columns are found by name in the header (or,
 * without one, by position in the table schema); a column the file lacks reads as null. An
 * unquoted empty field, or one equal to the null value, is null; a quoted empty field is the
 * empty string (and null for other types). A record that does not split, has the wrong number
 * of fields, holds invalid text or a value that does not convert to its column's type is bad
 * and goes to the {@link BadRecords} policy.
 */
public final class CsvBatchReader implements RangeReader {

  private final String file;
  private final CsvOptions options;
  private final CsvRecords records;
  private final BadRecords bad;
  private static final int KIND_LONG = 0;
  private static final int KIND_INT = 1;
  private static final int KIND_DATE = 2;
  private static final int KIND_TIMESTAMP = 3;
  private static final int KIND_BOOLEAN = 4;
  private static final int KIND_FLOAT = 5;
  private static final int KIND_DOUBLE = 6;
  private static final int KIND_BYTES = 7;

  private final ColumnType[] types;
  /** Per column, its type as one of the {@code KIND_*} codes the row loop switches on. */
  private final int[] kinds;
  private final String[] names;
  private final int[] fieldOf;
  private final byte[][] partitionValues;
  private final byte[] nullValue;
  private final boolean utf8;
  private final Charset encoding;
  private final ValueParser parser;
  /** Per string column, its values' dictionary (null for other columns). */
  private final TextDictionary[] dictionaries;
  private int expectedFields;
  private boolean exhausted;

  /**
   * @param range the byte range to read (the whole file for a multi-line or gzip/zstd file)
   * @param table the table's columns: with no header, the file's columns in order
   * @param columns the batch's columns, in order: table columns or partition columns
   * @param partitionColumns names of the partition columns of the range's partition values
   * @param bad what to do with bad records
   */
  public CsvBatchReader(Configuration conf, FileRange range, CsvOptions options, List<Column> table,
      List<Column> columns, List<String> partitionColumns, BadRecords bad) throws IOException {
    this.file = range.path().toString();
    this.options = options;
    this.bad = bad;
    this.encoding = options.encoding();
    this.utf8 = encoding.equals(StandardCharsets.UTF_8);
    this.nullValue = options.nullValue().getBytes(encoding);
    this.parser = new ValueParser(options.timestampFormatter());
    int n = columns.size();
    this.types = new ColumnType[n];
    this.kinds = new int[n];
    this.names = new String[n];
    this.fieldOf = new int[n];
    this.partitionValues = new byte[n][];
    this.dictionaries = new TextDictionary[n];
    LineSource lines = LineSources.open(conf, range.path(), range.start(), range.length(), options.multiline(),
        options.maxLineBytes());
    this.records = new CsvRecords(lines, options);
    try {
      if (options.header()) {
        List<String> header = range.start() == 0 ? readHeader(records) : readHeaderFromStart(conf, range);
        int[] pos = CsvHeader.positions(header, columns, file);
        System.arraycopy(pos, 0, fieldOf, 0, n);
        expectedFields = header.size();
      } else {
        expectedFields = table.size();
        for (int c = 0; c < n; c++) {
          fieldOf[c] = indexOf(table, columns.get(c).name());
        }
      }
      for (int c = 0; c < n; c++) {
        types[c] = columns.get(c).type();
        kinds[c] = kindOf(types[c]);
        dictionaries[c] = kinds[c] == KIND_BYTES ? new TextDictionary() : null;
        names[c] = columns.get(c).name();
        int p = partitionColumns.indexOf(names[c]);
        if (p >= 0) {
          fieldOf[c] = -1;
          String v = range.partitionValues().get(p);
          partitionValues[c] = v == null ? null : v.getBytes(StandardCharsets.UTF_8);
        }
      }
    } catch (IOException | RuntimeException e) {
      records.close();
      throw e;
    }
  }

  private static int indexOf(List<Column> table, String name) {
    for (int i = 0; i < table.size(); i++) {
      if (table.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private List<String> readHeader(CsvRecords r) throws IOException {
    if (!r.next()) {
      exhausted = true;
      return List.of();
    }
    if (r.error() != null) {
      throw new IOException(file + " line " + r.line() + ": header: " + r.error());
    }
    return CsvHeader.names(r, encoding);
  }

  private List<String> readHeaderFromStart(Configuration conf, FileRange range) throws IOException {
    try (CsvRecords start = new CsvRecords(LineSources.openWhole(conf, range.path(), options.maxLineBytes()),
        options.withMultiline(false))) {
      return readHeader(start);
    }
  }

  /**
   * Fills the batch with the next rows (resetting it first).
   *
   * @return false when the range has no more rows (the batch is then empty)
   */
  @Override
  public boolean next(VectorizedRowBatch batch) throws IOException {
    batch.reset();
    int max = batch.getMaxSize();
    int r = 0;
    while (r < max && !exhausted) {
      if (!records.next()) {
        exhausted = true;
        break;
      }
      if (records.error() != null) {
        reportBad(null, records.error());
        continue;
      }
      if (records.fields.count != expectedFields) {
        reportBad(null, records.fields.count + " fields, expected " + expectedFields);
        continue;
      }
      if (fillRow(batch.cols, r)) {
        r++;
      }
    }
    for (int c = 0; c < types.length; c++) {
      if (fieldOf[c] < 0) {
        fillConstant(batch.cols[c], partitionValues[c]);
      }
    }
    batch.size = r;
    bad.good(r);
    return r > 0;
  }

  private static void fillConstant(ColumnVector v, byte[] value) {
    v.isRepeating = true;
    if (value == null) {
      v.noNulls = false;
      v.isNull[0] = true;
    } else {
      ((BytesColumnVector) v).setRef(0, value, 0, value.length);
    }
  }

  private void reportBad(String column, String reason) throws IOException {
    bad.bad(BadRecord.of(file, records.line(), records.offset(), column, reason, records.buffer(), records.from(),
        records.to() - records.from()));
  }

  /** Converts the current record's fields into row {@code r}; false (reported) when one does not convert. */
  private boolean fillRow(ColumnVector[] cols, int r) throws IOException {
    CsvTokenizer t = records.fields;
    byte[] b = records.buffer();
    for (int c = 0; c < fieldOf.length; c++) {
      int f = fieldOf[c];
      if (f < 0) {
        continue;
      }
      ColumnVector v = cols[c];
      int s = t.starts[f];
      int e = t.ends[f];
      byte flags = t.flags[f];
      if (flags == 0 && (s == e || isNullText(b, s, e))) {
        setNull(v, r);
        continue;
      }
      if (kinds[c] == KIND_BYTES) {
        if (!setBytes((BytesColumnVector) v, r, c, b, f, flags)) {
          return false;
        }
        continue;
      }
      if ((flags & CsvTokenizer.ESCAPED) != 0) {
        int n = t.unescape(b, f);
        if (!convert(v, r, c, t.unescapedBuffer(), 0, n)) {
          return false;
        }
      } else if (s == e) {
        setNull(v, r);
      } else if (!convert(v, r, c, b, s, e)) {
        return false;
      }
    }
    return true;
  }

  private boolean isNullText(byte[] b, int s, int e) {
    int n = nullValue.length;
    if (n == 0 || e - s != n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (b[s + i] != nullValue[i]) {
        return false;
      }
    }
    return true;
  }

  private static void setNull(ColumnVector v, int r) {
    v.noNulls = false;
    v.isNull[r] = true;
  }

  private boolean setBytes(BytesColumnVector v, int r, int c, byte[] b, int f, byte flags) throws IOException {
    CsvTokenizer t = records.fields;
    byte[] src = b;
    int s = t.starts[f];
    int len = t.ends[f] - s;
    if ((flags & CsvTokenizer.ESCAPED) != 0) {
      len = t.unescape(b, f);
      src = t.unescapedBuffer();
      s = 0;
    }
    if (!records.isAscii() && !ByteScan.isAscii(src, s, s + len)) {
      if (!utf8) {
        byte[] text = new String(src, s, len, encoding).getBytes(StandardCharsets.UTF_8);
        v.setVal(r, text, 0, text.length);
        v.isNull[r] = false;
        return true;
      }
      if (!Utf8.isValid(src, s, s + len)) {
        reportBad(names[c], "invalid UTF-8");
        return false;
      }
    }
    dictionaries[c].set(v, r, src, s, len);
    v.isNull[r] = false;
    return true;
  }

  private boolean convert(ColumnVector v, int r, int c, byte[] b, int s, int e) throws IOException {
    if (b[s] == ' ' || b[e - 1] == ' ') {
      while (s < e && b[s] == ' ') {
        s++;
      }
      while (e > s && b[e - 1] == ' ') {
        e--;
      }
    }
    ValueParser p = parser;
    boolean ok;
    switch (kinds[c]) {
      case KIND_LONG -> ok = p.parseLong(b, s, e);
      case KIND_INT -> ok = p.parseInt(b, s, e);
      case KIND_DATE -> ok = p.parseDate(b, s, e);
      case KIND_TIMESTAMP -> ok = p.parseTimestamp(b, s, e);
      case KIND_BOOLEAN -> ok = p.parseBoolean(b, s, e);
      default -> {
        ok = p.parseDouble(b, s, e);
        if (ok) {
          ((DoubleColumnVector) v).vector[r] = kinds[c] == KIND_FLOAT ? (float) p.doubleValue : p.doubleValue;
          v.isNull[r] = false;
          return true;
        }
      }
    }
    if (!ok) {
      String text = new String(b, s, Math.min(e - s, 64), encoding);
      reportBad(names[c], "'" + text + "' is not a " + types[c].displayName());
      return false;
    }
    ((LongColumnVector) v).vector[r] = p.longValue;
    v.isNull[r] = false;
    return true;
  }

  private static int kindOf(ColumnType type) {
    return switch (type) {
      case LONG -> KIND_LONG;
      case INT -> KIND_INT;
      case DATE -> KIND_DATE;
      case TIMESTAMP -> KIND_TIMESTAMP;
      case BOOLEAN -> KIND_BOOLEAN;
      case FLOAT -> KIND_FLOAT;
      case DOUBLE -> KIND_DOUBLE;
      default -> KIND_BYTES;
    };
  }

  /** Share of the range read, 0 to 1. */
  @Override
  public float progress() {
    return exhausted ? 1f : records.progress();
  }

  @Override
  public void close() throws IOException {
    records.close();
  }
}
