package io.lakemr.formats.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.formats.FileRange;
import io.lakemr.formats.badrecords.BadRecord;
import io.lakemr.formats.badrecords.BadRecords;
import io.lakemr.formats.text.LineSource;
import io.lakemr.formats.text.LineSources;
import io.lakemr.formats.text.RangeReader;
import io.lakemr.formats.text.ValueParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * Reads one byte range of a JSON Lines file (one object per line) into batches with Jackson's
 * streaming parser: no tree, no map per row. It knows nothing of MapReduce.
 *
 * <p>Lines follow {@link LineSource}'s boundary rule; blank lines are skipped. A key of a
 * nested object is the column {@code outer_inner}; keys no column wants are skipped, and a
 * column whose key is missing is null. A value that does not fit its column (an array, an
 * object, a string in a number column, a fraction in an integer column) makes the record bad,
 * except that a string column keeps any value as its JSON text. Malformed JSON, a line that is
 * not an object and a line over the length limit are bad too.
 */
public final class JsonLinesBatchReader implements RangeReader {

  private final String file;
  private final LineSource lines;
  private final BadRecords bad;
  private final JsonFactory factory;
  private final JsonColumnTree root;
  private final ColumnType[] types;
  private final String[] names;
  private final boolean[] fromFile;
  private final byte[][] partitionValues;
  private final long[] seen;
  private final ValueParser parser;
  private final JsonLineScanner scanner;
  private final ByteArrayBuilder jsonText = new ByteArrayBuilder();
  private ColumnVector[] cols;
  private byte[] scratch = new byte[256];
  private long attempt;
  private boolean exhausted;

  /**
   * @param columns the batch's columns, in order: flattened JSON columns or partition columns
   * @param partitionColumns names of the partition columns of the range's partition values
   */
  public JsonLinesBatchReader(Configuration conf, FileRange range, JsonOptions options, List<Column> columns,
      List<String> partitionColumns, BadRecords bad) throws IOException {
    this.file = range.path().toString();
    this.bad = bad;
    this.factory = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    this.parser = new ValueParser(options.timestampFormatter());
    int n = columns.size();
    this.types = new ColumnType[n];
    this.names = new String[n];
    this.fromFile = new boolean[n];
    this.partitionValues = new byte[n][];
    this.seen = new long[n];
    List<String> fileNames = new ArrayList<>();
    for (int c = 0; c < n; c++) {
      types[c] = columns.get(c).type();
      names[c] = columns.get(c).name();
      int p = partitionColumns.indexOf(names[c]);
      fromFile[c] = p < 0;
      fileNames.add(p < 0 ? names[c] : "\u0000partition");
      if (p >= 0) {
        String v = range.partitionValues().get(p);
        partitionValues[c] = v == null ? null : v.getBytes(StandardCharsets.UTF_8);
      }
    }
    this.root = JsonColumnTree.of(fileNames);
    this.scanner = new JsonLineScanner(root, types, seen, parser);
    this.lines = LineSources.open(conf, range.path(), range.start(), range.length(), false, options.maxLineBytes());
  }

  /**
   * Fills the batch with the next rows (resetting it first).
   *
   * @return false when the range has no more rows (the batch is then empty)
   */
  @Override
  public boolean next(VectorizedRowBatch batch) throws IOException {
    batch.reset();
    cols = batch.cols;
    int max = batch.getMaxSize();
    int r = 0;
    while (r < max && !exhausted) {
      if (!lines.next()) {
        exhausted = true;
        break;
      }
      if (lines.tooLong()) {
        reportBad(null, "line of " + lines.lineBytes() + " bytes is longer than max-line-bytes");
        continue;
      }
      if (isBlank(lines.buffer(), lines.start(), lines.end())) {
        continue;
      }
      if (parseLine(r)) {
        r++;
      }
    }
    for (int c = 0; c < types.length; c++) {
      if (!fromFile[c]) {
        fillConstant(cols[c], partitionValues[c]);
      }
    }
    batch.size = r;
    bad.good(r);
    return r > 0;
  }

  private static boolean isBlank(byte[] b, int s, int e) {
    for (int i = s; i < e; i++) {
      if (b[i] != ' ' && b[i] != '\t' && b[i] != '\r') {
        return false;
      }
    }
    return true;
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

  /**
   * Parses the current line into row {@code r}; false (reported) when it is bad. The scanner
   * reads the common plain lines; Jackson reads the rest, and reports bad ones.
   */
  private boolean parseLine(int r) throws IOException {
    attempt++;
    if (!scanner.scan(lines.buffer(), lines.start(), lines.end(), cols, r, attempt)) {
      attempt++;
      if (!parseWithJackson(r)) {
        return false;
      }
    }
    for (int c = 0; c < types.length; c++) {
      if (fromFile[c] && seen[c] != attempt) {
        cols[c].noNulls = false;
        cols[c].isNull[r] = true;
      }
    }
    return true;
  }

  private boolean parseWithJackson(int r) throws IOException {
    try (JsonParser p = factory.createParser(lines.buffer(), lines.start(), lines.end() - lines.start())) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        reportBad(null, "not a JSON object");
        return false;
      }
      if (!parseObject(p, root, r)) {
        return false;
      }
      if (p.nextToken() != null) {
        reportBad(null, "text after the JSON object");
        return false;
      }
    } catch (JsonProcessingException e) {
      reportBad(null, "malformed JSON: " + firstLine(e.getOriginalMessage()));
      return false;
    }
    return true;
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }

  private boolean parseObject(JsonParser p, JsonColumnTree node, int r) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      JsonColumnTree child = node.children.get(p.currentName());
      JsonToken v = p.nextToken();
      if (child == null) {
        p.skipChildren();
        continue;
      }
      if (v == JsonToken.START_OBJECT && !child.children.isEmpty()) {
        if (!parseObject(p, child, r)) {
          return false;
        }
        continue;
      }
      if (child.column < 0) {
        p.skipChildren();
        continue;
      }
      if (!setValue(p, v, child.column, r)) {
        return false;
      }
    }
    return true;
  }

  private boolean setValue(JsonParser p, JsonToken v, int c, int r) throws IOException {
    seen[c] = attempt;
    ColumnVector vec = cols[c];
    if (v == JsonToken.VALUE_NULL) {
      vec.noNulls = false;
      vec.isNull[r] = true;
      return true;
    }
    vec.isNull[r] = false;
    ColumnType type = types[c];
    if (type.vectorType() == ColumnVector.Type.BYTES) {
      setBytes(p, v, (BytesColumnVector) vec, r);
      return true;
    }
    if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
      return badValue(c, (v == JsonToken.START_ARRAY ? "an array" : "an object") + " is not a " + type.displayName());
    }
    if (type.vectorType() == ColumnVector.Type.DOUBLE) {
      if (v != JsonToken.VALUE_NUMBER_INT && v != JsonToken.VALUE_NUMBER_FLOAT) {
        return badValue(c, describe(p, v) + " is not a " + type.displayName());
      }
      double d = p.getDoubleValue();
      ((DoubleColumnVector) vec).vector[r] = type == ColumnType.FLOAT ? (float) d : d;
      return true;
    }
    long value;
    switch (type) {
      case BOOLEAN -> {
        if (v != JsonToken.VALUE_TRUE && v != JsonToken.VALUE_FALSE) {
          return badValue(c, describe(p, v) + " is not a boolean");
        }
        value = v == JsonToken.VALUE_TRUE ? 1 : 0;
      }
      case DATE, TIMESTAMP -> {
        if (v == JsonToken.VALUE_NUMBER_INT && type == ColumnType.TIMESTAMP) {
          value = p.getLongValue();
        } else if (v != JsonToken.VALUE_STRING || !parseTime(p, type)) {
          return badValue(c, describe(p, v) + " is not a " + type.displayName());
        } else {
          value = parser.longValue;
        }
      }
      default -> {
        if (v != JsonToken.VALUE_NUMBER_INT || p.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          return badValue(c, describe(p, v) + " is not a " + type.displayName());
        }
        value = p.getLongValue();
        if (type == ColumnType.INT && (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE)) {
          return badValue(c, value + " is not an int");
        }
      }
    }
    ((LongColumnVector) vec).vector[r] = value;
    return true;
  }

  private static String describe(JsonParser p, JsonToken v) throws IOException {
    String text = p.getText();
    if (text.length() > 64) {
      text = text.substring(0, 64) + "...";
    }
    return v == JsonToken.VALUE_STRING ? "'" + text + "'" : text;
  }

  private boolean parseTime(JsonParser p, ColumnType type) throws IOException {
    int n = toUtf8(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
    return type == ColumnType.DATE ? parser.parseDate(scratch, 0, n) : parser.parseTimestamp(scratch, 0, n);
  }

  private void setBytes(JsonParser p, JsonToken v, BytesColumnVector vec, int r) throws IOException {
    if (v == JsonToken.VALUE_STRING) {
      int n = toUtf8(p.getTextCharacters(), p.getTextOffset(), p.getTextLength());
      vec.setVal(r, scratch, 0, n);
    } else if (v == JsonToken.START_OBJECT || v == JsonToken.START_ARRAY) {
      jsonText.reset();
      try (JsonGenerator g = factory.createGenerator(jsonText)) {
        g.copyCurrentStructure(p);
      }
      byte[] text = jsonText.toByteArray();
      vec.setVal(r, text, 0, text.length);
    } else {
      byte[] text = p.getText().getBytes(StandardCharsets.UTF_8);
      vec.setVal(r, text, 0, text.length);
    }
  }

  /** Encodes chars as UTF-8 into {@link #scratch}; returns the length. */
  private int toUtf8(char[] chars, int off, int len) {
    if (scratch.length < len * 3) {
      scratch = new byte[Math.max(len * 3, scratch.length * 2)];
    }
    int n = 0;
    for (int i = off; i < off + len; i++) {
      char ch = chars[i];
      if (ch < 0x80) {
        scratch[n++] = (byte) ch;
      } else if (ch < 0x800) {
        scratch[n++] = (byte) (0xC0 | (ch >> 6));
        scratch[n++] = (byte) (0x80 | (ch & 0x3F));
      } else if (Character.isHighSurrogate(ch) && i + 1 < off + len && Character.isLowSurrogate(chars[i + 1])) {
        int cp = Character.toCodePoint(ch, chars[++i]);
        scratch[n++] = (byte) (0xF0 | (cp >> 18));
        scratch[n++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
        scratch[n++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
        scratch[n++] = (byte) (0x80 | (cp & 0x3F));
      } else {
        char c = Character.isSurrogate(ch) ? '\uFFFD' : ch;
        scratch[n++] = (byte) (0xE0 | (c >> 12));
        scratch[n++] = (byte) (0x80 | ((c >> 6) & 0x3F));
        scratch[n++] = (byte) (0x80 | (c & 0x3F));
      }
    }
    return n;
  }

  private boolean badValue(int c, String reason) throws IOException {
    reportBad(names[c], reason);
    return false;
  }

  private void reportBad(String column, String reason) throws IOException {
    bad.bad(BadRecord.of(file, lines.lineNumber(), lines.offset(), column, reason, lines.buffer(), lines.start(),
        lines.end() - lines.start()));
  }

  /** Share of the range read, 0 to 1. */
  @Override
  public float progress() {
    return exhausted ? 1f : lines.progress();
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
