package io.lakemr.formats.csv;

import io.lakemr.formats.text.ByteScan;
import io.lakemr.formats.text.LineSource;
import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;

/**
 * The CSV records of a {@link LineSource}, split into fields: blank lines and comment lines are
 * skipped; with multi-line records, a line ending inside a quoted field continues on the next
 * (line ends kept in the field). A record that cannot be split is still returned, with
 * {@link #error()} saying why, so the caller can apply its bad-record policy and go on.
 */
final class CsvRecords implements Closeable {

  private final LineSource lines;
  private final CsvOptions options;
  final CsvTokenizer fields;
  private byte[] joined = new byte[1024];
  private byte[] buf;
  private int from;
  private int to;
  private long line;
  private long offset;
  private String error;
  private boolean ascii;

  CsvRecords(LineSource lines, CsvOptions options) {
    this.lines = lines;
    this.options = options;
    this.fields = new CsvTokenizer(options.delimiter(), options.quote(), options.escape());
  }

  /** Moves to the next record; false at the end of the range. */
  boolean next() throws IOException {
    while (lines.next()) {
      int s = lines.start();
      int e = lines.end();
      if (!lines.tooLong() && (e == s || (options.comment() != 0 && lines.buffer()[s] == options.comment()))) {
        continue;
      }
      buf = lines.buffer();
      from = s;
      to = e;
      line = lines.lineNumber();
      offset = lines.offset();
      error = null;
      if (lines.tooLong()) {
        error = "line of " + lines.lineBytes() + " bytes is longer than max-line-bytes " + options.maxLineBytes();
        return true;
      }
      int status = fields.split(buf, from, to);
      if (status == CsvTokenizer.UNCLOSED && options.multiline()) {
        status = continueRecord();
      }
      ascii = ByteScan.isAscii(buf, from, to);
      if (status == CsvTokenizer.UNCLOSED) {
        error = "unclosed quote";
      } else if (status == CsvTokenizer.AFTER_QUOTE) {
        error = "character '" + (char) (buf[fields.errorAt] & 0xFF) + "' after a closing quote (byte "
            + (fields.errorAt - from) + " of the record)";
      }
      return true;
    }
    return false;
  }

  /** Joins following lines until the quoted field closes; returns the tokenizer status. */
  private int continueRecord() throws IOException {
    int n = 0;
    n = append(n, lines.buffer(), lines.start(), lines.terminatorEnd());
    int status = CsvTokenizer.UNCLOSED;
    while (status == CsvTokenizer.UNCLOSED && lines.next()) {
      int contentEnd = n + (lines.end() - lines.start());
      n = append(n, lines.buffer(), lines.start(), lines.terminatorEnd());
      if (lines.tooLong() || n > options.maxLineBytes()) {
        buf = joined;
        from = 0;
        to = n;
        error = "record of more than " + options.maxLineBytes() + " bytes (max-line-bytes), or an unclosed quote";
        return CsvTokenizer.OK;
      }
      buf = joined;
      from = 0;
      to = contentEnd;
      status = fields.split(buf, from, to);
    }
    if (status == CsvTokenizer.UNCLOSED) {
      buf = joined;
      from = 0;
      to = n;
    }
    return status;
  }

  private int append(int n, byte[] b, int s, int e) {
    int len = e - s;
    if (joined.length < n + len) {
      joined = Arrays.copyOf(joined, Math.max(n + len, joined.length * 2));
    }
    System.arraycopy(b, s, joined, n, len);
    return n + len;
  }

  /** Whether every byte of the record is ASCII (so its text needs no UTF-8 check). */
  boolean isAscii() {
    return ascii;
  }

  /** Why the record could not be split into fields, or null when it could. */
  String error() {
    return error;
  }

  byte[] buffer() {
    return buf;
  }

  int from() {
    return from;
  }

  int to() {
    return to;
  }

  long line() {
    return line;
  }

  long offset() {
    return offset;
  }

  float progress() {
    return lines.progress();
  }

  @Override
  public void close() throws IOException {
    lines.close();
  }
}
