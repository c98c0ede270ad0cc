package io.lakemr.formats.csv;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

/**
 * How CSV files are read, fixed when a reader is made.
 *
 * @param header whether each file's first record names its columns
 * @param delimiter the field separator, one byte
 * @param quote the quote byte, or 0 for none
 * @param escape the byte that escapes a quote inside a quoted field (the quote itself means
 *     doubled quotes, as RFC 4180)
 * @param nullValue an unquoted field equal to this is null (an unquoted empty field always is)
 * @param comment lines starting with this byte are skipped, or 0 for none
 * @param encoding the files' character set; it must write ASCII as ASCII (UTF-8, ISO-8859-*,
 *     windows-125*)
 * @param timestampFormat a {@code DateTimeFormatter} pattern for timestamps, or null for ISO 8601
 * @param multiline whether quoted fields may hold line ends (each file is then read whole)
 * @param maxLineBytes longer lines (records) are bad
 */
public record CsvOptions(boolean header, byte delimiter, byte quote, byte escape, String nullValue, byte comment,
    Charset encoding, String timestampFormat, boolean multiline, int maxLineBytes) {

  /** Default longest line: {@value} bytes (16 MiB). */
  public static final int MAX_LINE_BYTES_DEFAULT = 16 << 20;

  /** Header, comma, double quotes escaped by doubling, empty as null, UTF-8, ISO timestamps. */
  public static final CsvOptions DEFAULTS = new CsvOptions(true, (byte) ',', (byte) '"', (byte) '"', "", (byte) 0,
      StandardCharsets.UTF_8, null, false, MAX_LINE_BYTES_DEFAULT);

  public CsvOptions {
    if (delimiter == '\n' || delimiter == '\r' || delimiter < 0) {
      throw new IllegalArgumentException("delimiter must be one ASCII character other than a line end");
    }
    if (quote != 0 && quote == delimiter) {
      throw new IllegalArgumentException("quote and delimiter must differ");
    }
    if (nullValue == null) {
      nullValue = "";
    }
    byte[] nl = "\n,".getBytes(encoding);
    if (nl.length != 2 || nl[0] != '\n' || nl[1] != ',') {
      throw new IllegalArgumentException("encoding " + encoding.name()
          + " does not write ASCII as ASCII; convert the files to UTF-8");
    }
    if (timestampFormat != null && !timestampFormat.isEmpty()) {
      DateTimeFormatter.ofPattern(timestampFormat);
    }
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("max-line-bytes must be at least 1, not " + maxLineBytes);
    }
  }

  /** A one-byte option value: one ASCII character, or {@code \t}, or empty for none. */
  public static byte charOption(String option, String value) {
    if (value == null || value.isEmpty()) {
      return 0;
    }
    String v = value.equals("\\t") || value.equalsIgnoreCase("tab") ? "\t" : value;
    if (v.length() != 1 || v.charAt(0) > 127) {
      throw new IllegalArgumentException(option + " '" + value + "' is not one ASCII character");
    }
    return (byte) v.charAt(0);
  }

  /** The timestamp pattern as a formatter, or null for ISO 8601. */
  public DateTimeFormatter timestampFormatter() {
    return timestampFormat == null || timestampFormat.isEmpty() ? null : DateTimeFormatter.ofPattern(timestampFormat);
  }

  public CsvOptions withHeader(boolean h) {
    return new CsvOptions(h, delimiter, quote, escape, nullValue, comment, encoding, timestampFormat, multiline,
        maxLineBytes);
  }

  public CsvOptions withDelimiter(byte d) {
    return new CsvOptions(header, d, quote, escape, nullValue, comment, encoding, timestampFormat, multiline,
        maxLineBytes);
  }

  public CsvOptions withMultiline(boolean m) {
    return new CsvOptions(header, delimiter, quote, escape, nullValue, comment, encoding, timestampFormat, m,
        maxLineBytes);
  }

  public CsvOptions withMaxLineBytes(int max) {
    return new CsvOptions(header, delimiter, quote, escape, nullValue, comment, encoding, timestampFormat, multiline,
        max);
  }

  public CsvOptions withNullValue(String n) {
    return new CsvOptions(header, delimiter, quote, escape, n, comment, encoding, timestampFormat, multiline,
        maxLineBytes);
  }

  public CsvOptions withComment(byte c) {
    return new CsvOptions(header, delimiter, quote, escape, nullValue, c, encoding, timestampFormat, multiline,
        maxLineBytes);
  }

  public CsvOptions withEncoding(Charset e) {
    return new CsvOptions(header, delimiter, quote, escape, nullValue, comment, e, timestampFormat, multiline,
        maxLineBytes);
  }

  public CsvOptions withTimestampFormat(String f) {
    return new CsvOptions(header, delimiter, quote, escape, nullValue, comment, encoding, f, multiline,
        maxLineBytes);
  }

  public CsvOptions withQuoteAndEscape(byte q, byte e) {
    return new CsvOptions(header, delimiter, q, e, nullValue, comment, encoding, timestampFormat, multiline,
        maxLineBytes);
  }
}
