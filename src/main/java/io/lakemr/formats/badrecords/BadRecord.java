package io.lakemr.formats.badrecords;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A record that could not be read: where it is, why, and its raw text (at most
 * {@value #MAX_RAW_BYTES} bytes of it, decoded as UTF-8 with invalid bytes replaced).
 *
 * @param file the file it came from
 * @param line its 1-based line number in the file, or -1 when unknown (a split that does not
 *     start at the beginning of a file knows byte offsets only)
 * @param offset byte offset of its first byte in the file (in the decompressed stream for a
 *     compressed file read whole), or -1 when unknown
 * @param column the column whose value was bad, or null when the record as a whole was
 * @param reason what is wrong
 * @param raw the record's text, cut at {@value #MAX_RAW_BYTES} bytes
 */
public record BadRecord(String file, long line, long offset, String column, String reason, String raw) {

  /** Raw text kept per bad record: {@value} bytes. */
  public static final int MAX_RAW_BYTES = 4096;

  public BadRecord {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(raw, "raw");
  }

  /** A bad record whose raw text is the given bytes, cut at {@value #MAX_RAW_BYTES}. */
  public static BadRecord of(String file, long line, long offset, String column, String reason,
      byte[] bytes, int from, int length) {
    return new BadRecord(file, line, offset, column, reason, rawText(bytes, from, length));
  }

  /** UTF-8 text of at most {@value #MAX_RAW_BYTES} bytes, not ending in a cut character. */
  static String rawText(byte[] bytes, int from, int length) {
    int n = Math.min(length, MAX_RAW_BYTES);
    if (n < length) {
      int back = n;
      while (back > 0 && n - back < 4 && (bytes[from + back] & 0xC0) == 0x80) {
        back--;
      }
      if (n - back < 4) {
        n = back;
      }
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE)
        .onUnmappableCharacter(CodingErrorAction.REPLACE);
    try {
      return decoder.decode(ByteBuffer.wrap(bytes, from, n)).toString();
    } catch (CharacterCodingException e) {
      throw new AssertionError("a replacing decoder threw", e);
    }
  }

  /** Where the record is and what is wrong, in one line: {@code file line 7, column value: ...}. */
  public String describe() {
    StringBuilder b = new StringBuilder(file);
    if (line >= 0) {
      b.append(" line ").append(line);
    }
    if (offset >= 0) {
      b.append(line >= 0 ? " (byte " : " byte ").append(offset).append(line >= 0 ? ")" : "");
    }
    if (column != null) {
      b.append(", column ").append(column);
    }
    return b.append(": ").append(reason).toString();
  }

  /**
   * The record as one JSON object without a line end: {@code file}, {@code line},
   * {@code offset} (null when unknown), {@code column} (null for the whole record),
   * {@code reason}, {@code raw}.
   */
  public String toJson() {
    StringBuilder b = new StringBuilder(raw.length() + file.length() + reason.length() + 80);
    b.append("{\"file\":");
    quote(b, file);
    b.append(",\"line\":").append(line >= 0 ? Long.toString(line) : "null");
    b.append(",\"offset\":").append(offset >= 0 ? Long.toString(offset) : "null");
    b.append(",\"column\":");
    if (column == null) {
      b.append("null");
    } else {
      quote(b, column);
    }
    b.append(",\"reason\":");
    quote(b, reason);
    b.append(",\"raw\":");
    quote(b, raw);
    return b.append('}').toString();
  }

  private static void quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> b.append("\\\"");
        case '\\' -> b.append("\\\\");
        case '\n' -> b.append("\\n");
        case '\r' -> b.append("\\r");
        case '\t' -> b.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x2028 || c == 0x2029) {
            b.append(String.format("\\u%04x", (int) c));
          } else {
            b.append(c);
          }
        }
      }
    }
    b.append('"');
  }
}
