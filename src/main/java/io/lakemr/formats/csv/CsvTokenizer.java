package io.lakemr.formats.csv;

import io.lakemr.formats.text.ByteScan;
import java.util.Arrays;

/**
 * Splits one CSV record's bytes into fields (RFC 4180): positions only, no copies. A field
 * starting with the quote byte is quoted: it runs to the matching closing quote and may hold
 * delimiters and line ends; inside it the escape byte (by default the quote itself, so
 * {@code ""}) makes the next quote literal. A quote inside an unquoted field is literal.
 */
final class CsvTokenizer {

  /** The record split well. */
  static final int OK = 0;
  /** The record ended inside a quoted field (a multi-line record may continue on the next line). */
  static final int UNCLOSED = 1;
  /** Something other than a delimiter followed a closing quote. */
  static final int AFTER_QUOTE = 2;

  static final byte QUOTED = 1;
  static final byte ESCAPED = 2;

  private final byte delimiter;
  private final byte quote;
  private final byte escape;

  int count;
  int[] starts = new int[16];
  int[] ends = new int[16];
  byte[] flags = new byte[16];
  /** Where the record went wrong, for {@link #AFTER_QUOTE}. */
  int errorAt;
  private byte[] unescaped = new byte[256];

  CsvTokenizer(byte delimiter, byte quote, byte escape) {
    this.delimiter = delimiter;
    this.quote = quote;
    this.escape = escape == 0 ? quote : escape;
  }

  /** Splits {@code b[from, to)}; returns {@link #OK}, {@link #UNCLOSED} or {@link #AFTER_QUOTE}. */
  int split(byte[] b, int from, int to) {
    count = 0;
    int p = from;
    final byte d = delimiter;
    while (true) {
      if (count == starts.length) {
        grow();
      }
      if (p < to && b[p] == quote && quote != 0) {
        int status = quoted(b, p, to);
        if (status != OK) {
          return status;
        }
        p = ends[count] + 1;
        count++;
        if (p == to) {
          return OK;
        }
        if (b[p] != d) {
          errorAt = p;
          return AFTER_QUOTE;
        }
        p++;
        continue;
      }
      int s = p;
      p = ByteScan.indexOf(b, p, to, d);
      starts[count] = s;
      ends[count] = p;
      flags[count] = 0;
      count++;
      if (p == to) {
        return OK;
      }
      p++;
    }
  }

  private int quoted(byte[] b, int open, int to) {
    byte f = QUOTED;
    int p = open + 1;
    while (p < to) {
      byte c = b[p];
      if (c == escape && escape != quote) {
        f |= ESCAPED;
        p += 2;
        continue;
      }
      if (c == quote) {
        if (p + 1 < to && b[p + 1] == quote && escape == quote) {
          f |= ESCAPED;
          p += 2;
          continue;
        }
        starts[count] = open + 1;
        ends[count] = p;
        flags[count] = f;
        return OK;
      }
      p++;
    }
    return UNCLOSED;
  }

  private void grow() {
    int n = starts.length * 2;
    starts = Arrays.copyOf(starts, n);
    ends = Arrays.copyOf(ends, n);
    flags = Arrays.copyOf(flags, n);
  }

  /**
   * The content of an escaped quoted field with its escapes removed, in a scratch buffer valid
   * until the next call; returns its length.
   */
  int unescape(byte[] b, int field) {
    int s = starts[field];
    int e = ends[field];
    if (unescaped.length < e - s) {
      unescaped = new byte[Math.max(e - s, unescaped.length * 2)];
    }
    int n = 0;
    for (int p = s; p < e; p++) {
      byte c = b[p];
      if ((c == escape || (c == quote && escape == quote)) && p + 1 < e) {
        p++;
        c = b[p];
      }
      unescaped[n++] = c;
    }
    return n;
  }

  byte[] unescapedBuffer() {
    return unescaped;
  }
}
