package io.lakemr.formats.json;

import io.lakemr.data.ColumnType;
import io.lakemr.formats.text.TextDictionary;
import io.lakemr.formats.text.ValueParser;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;

/**
 * The fast path of {@link JsonLinesBatchReader}: reads a line that is a plain JSON object
 * straight from its bytes into the column vectors, keys looked up by their bytes and numbers
 * parsed in place, with no token objects and no strings. It takes only what it can read exactly
 * as Jackson would: ASCII keys and strings without escapes, numbers of the JSON grammar (integers
 * of at most 18 digits), {@code true}, {@code false}, {@code null} and nested objects that lead
 * to columns, each value fitting its column. On anything else (an escape, non-ASCII text, an
 * array, a value that does not fit, malformed JSON) it gives up, and the reader parses the line
 * again with Jackson, which fills the row or reports it bad exactly as before.
 */
final class JsonLineScanner {

  private static final byte[] TRUE = {'t', 'r', 'u', 'e'};
  private static final byte[] FALSE = {'f', 'a', 'l', 's', 'e'};
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};
  /**
   * Lengths past which Jackson's default read constraints may refuse a number, a string or a
   * key (1,000; 20,000,000; 50,000): such values are left to Jackson to accept or report.
   */
  private static final int MAX_NUMBER = 1_000;
  private static final int MAX_STRING = 20_000_000;
  private static final int MAX_KEY = 50_000;

  private final JsonColumnTree root;
  private final ColumnType[] types;
  private final long[] seen;
  private final ValueParser parser;
  private final TextDictionary[] dictionaries;
  private byte[] b;
  private int p;
  private int end;
  private ColumnVector[] cols;
  private int row;
  private long attempt;
  /** The last number scanned: where it starts, and whether it had no fraction or exponent. */
  private int numberStart;
  private boolean integral;

  JsonLineScanner(JsonColumnTree root, ColumnType[] types, long[] seen, ValueParser parser) {
    this.root = root;
    this.types = types;
    this.seen = seen;
    this.parser = parser;
    this.dictionaries = new TextDictionary[types.length];
    for (int c = 0; c < types.length; c++) {
      dictionaries[c] = types[c].vectorType() == ColumnVector.Type.BYTES ? new TextDictionary() : null;
    }
  }

  /**
   * Fills row {@code r} from the object in {@code line[from, to)}, marking each column it sets
   * in {@code seen} with {@code attempt}; false when the line needs Jackson (the row may then be
   * partly written, and the caller writes it again).
   */
  boolean scan(byte[] line, int from, int to, ColumnVector[] vectors, int r, long attemptMark) {
    b = line;
    p = from;
    end = to;
    cols = vectors;
    row = r;
    attempt = attemptMark;
    skipBlanks();
    if (p >= end || b[p] != '{') {
      return false;
    }
    p++;
    if (!object(root)) {
      return false;
    }
    skipBlanks();
    return p == end;
  }

  /** The members of an object whose '{' was just read, through its '}'. */
  private boolean object(JsonColumnTree node) {
    skipBlanks();
    if (p < end && b[p] == '}') {
      p++;
      return true;
    }
    while (true) {
      skipBlanks();
      if (p >= end || b[p] != '"') {
        return false;
      }
      int keyStart = p + 1;
      int keyEnd = plainStringEnd(keyStart);
      if (keyEnd < 0 || keyEnd - keyStart > MAX_KEY) {
        return false;
      }
      p = keyEnd + 1;
      skipBlanks();
      if (p >= end || b[p] != ':') {
        return false;
      }
      p++;
      skipBlanks();
      if (p >= end || !value(node.child(b, keyStart, keyEnd))) {
        return false;
      }
      skipBlanks();
      if (p >= end) {
        return false;
      }
      byte c = b[p++];
      if (c == '}') {
        return true;
      }
      if (c != ',') {
        return false;
      }
    }
  }

  /** One member's value, for the key's node (null when no column wants the key). */
  private boolean value(JsonColumnTree child) {
    byte c = b[p];
    int column = child == null ? -1 : child.column;
    if (c == '{') {
      if (child == null || child.children.isEmpty()) {
        return false; // skipped or kept as JSON text: Jackson's work
      }
      p++;
      return object(child);
    }
    if (c == '"') {
      int s = p + 1;
      int e = plainStringEnd(s);
      if (e < 0 || e - s > MAX_STRING) {
        return false;
      }
      p = e + 1;
      return column < 0 || setString(column, s, e);
    }
    if (c == '-' || (c >= '0' && c <= '9')) {
      return number() && (column < 0 || setNumber(column, numberStart, p));
    }
    if (literal(NULL)) {
      if (column >= 0) {
        seen[column] = attempt;
        cols[column].noNulls = false;
        cols[column].isNull[row] = true;
      }
      return true;
    }
    boolean t = literal(TRUE);
    if (!t && !literal(FALSE)) {
      return false;
    }
    return column < 0 || setBoolean(column, t);
  }

  private boolean setString(int c, int s, int e) {
    ColumnType type = types[c];
    if (type.vectorType() == ColumnVector.Type.BYTES) {
      dictionaries[c].set((BytesColumnVector) cols[c], row, b, s, e - s);
    } else if (type == ColumnType.DATE ? parser.parseDate(b, s, e)
        : type == ColumnType.TIMESTAMP && parser.parseTimestamp(b, s, e)) {
      ((LongColumnVector) cols[c]).vector[row] = parser.longValue;
    } else {
      return false;
    }
    return mark(c);
  }

  private boolean setNumber(int c, int s, int e) {
    ColumnType type = types[c];
    ColumnVector v = cols[c];
    if (type.vectorType() == ColumnVector.Type.BYTES) {
      ((BytesColumnVector) v).setVal(row, b, s, e - s);
      return mark(c);
    }
    if (type.vectorType() == ColumnVector.Type.DOUBLE) {
      // an integer converts from its long, as Jackson's getDoubleValue does (so "-0" is 0.0)
      if (integral ? !parser.parseLong(b, s, e) : !parser.parseDouble(b, s, e)) {
        return false;
      }
      double d = integral ? (double) parser.longValue : parser.doubleValue;
      ((DoubleColumnVector) v).vector[row] = type == ColumnType.FLOAT ? (float) d : d;
      return mark(c);
    }
    boolean fits = integral && switch (type) {
      case LONG, TIMESTAMP -> parser.parseLong(b, s, e);
      case INT -> parser.parseInt(b, s, e);
      default -> false;
    };
    if (!fits) {
      return false;
    }
    ((LongColumnVector) v).vector[row] = parser.longValue;
    return mark(c);
  }

  private boolean setBoolean(int c, boolean value) {
    ColumnType type = types[c];
    if (type == ColumnType.BOOLEAN) {
      ((LongColumnVector) cols[c]).vector[row] = value ? 1 : 0;
    } else if (type.vectorType() == ColumnVector.Type.BYTES) {
      byte[] text = value ? TRUE : FALSE;
      ((BytesColumnVector) cols[c]).setVal(row, text, 0, text.length);
    } else {
      return false;
    }
    return mark(c);
  }

  private boolean mark(int c) {
    seen[c] = attempt;
    cols[c].isNull[row] = false;
    return true;
  }

  /**
   * Scans a number of the JSON grammar ({@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?});
   * false otherwise, and for an integer of more than 18 digits (Jackson's big integers).
   */
  private boolean number() {
    numberStart = p;
    if (b[p] == '-') {
      p++;
    }
    int digits = p;
    if (p < end && b[p] == '0') {
      p++;
    } else {
      skipDigits();
    }
    if (p == digits) {
      return false;
    }
    int integerDigits = p - digits;
    integral = true;
    if (p < end && b[p] == '.') {
      integral = false;
      p++;
      if (!skipDigits()) {
        return false;
      }
    }
    if (p < end && (b[p] | 0x20) == 'e') {
      integral = false;
      p++;
      if (p < end && (b[p] == '+' || b[p] == '-')) {
        p++;
      }
      if (!skipDigits()) {
        return false;
      }
    }
    return (!integral || integerDigits <= 18) && p - numberStart <= MAX_NUMBER;
  }

  /** Skips decimal digits; whether there was at least one. */
  private boolean skipDigits() {
    int s = p;
    while (p < end && b[p] >= '0' && b[p] <= '9') {
      p++;
    }
    return p > s;
  }

  /** Reads a literal at {@code p} if it is there (what follows it is the caller's to check). */
  private boolean literal(byte[] word) {
    int n = word.length;
    if (end - p < n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (b[p + i] != word[i]) {
        return false;
      }
    }
    p += n;
    return true;
  }

  /**
   * Where the string whose content starts at {@code s} closes, or -1 when it holds an escape,
   * a control character or a non-ASCII byte, or does not close on the line.
   */
  private int plainStringEnd(int s) {
    for (int i = s; i < end; i++) {
      byte c = b[i];
      if (c == '"') {
        return i;
      }
      if (c < 0x20 || c == '\\') {
        return -1; // non-ASCII bytes are negative
      }
    }
    return -1;
  }

  private void skipBlanks() {
    while (p < end) {
      byte c = b[p];
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        return;
      }
      p++;
    }
  }
}
