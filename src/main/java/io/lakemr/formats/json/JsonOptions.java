package io.lakemr.formats.json;

import java.time.format.DateTimeFormatter;

/**
 * How JSON Lines files are read, fixed when a reader is made.
 *
 * @param timestampFormat a {@code DateTimeFormatter} pattern for timestamps given as strings, or
 *     null for ISO 8601
 * @param maxLineBytes longer lines are bad
 */
public record JsonOptions(String timestampFormat, int maxLineBytes) {

  /** Default longest line: {@value} bytes (16 MiB). */
  public static final int MAX_LINE_BYTES_DEFAULT = 16 << 20;

  public static final JsonOptions DEFAULTS = new JsonOptions(null, MAX_LINE_BYTES_DEFAULT);

  public JsonOptions {
    if (maxLineBytes < 1) {
      throw new IllegalArgumentException("max-line-bytes must be at least 1, not " + maxLineBytes);
    }
    if (timestampFormat != null && !timestampFormat.isEmpty()) {
      DateTimeFormatter.ofPattern(timestampFormat);
    }
  }

  /** The timestamp pattern as a formatter, or null for ISO 8601. */
  public DateTimeFormatter timestampFormatter() {
    return timestampFormat == null || timestampFormat.isEmpty() ? null : DateTimeFormatter.ofPattern(timestampFormat);
  }
}
