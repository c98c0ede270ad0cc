package io.lakemr.formats;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.BitSet;

/**
 * Hive-style partition directory names, {@code column=value}, escaped exactly as Hive's
 * {@code FileUtils.escapePathName} does so that Hive, Spark and Trino read them back.
 *
 * <p>Characters below 0x20, DEL and {@code "#%'*\/:=?\\\u007B[]^} become {@code %XX} (upper-case
 * hex); everything else, non-ASCII included, is kept. A null or empty value is written as
 * {@value #DEFAULT_PARTITION_NAME}.
 */
public final class HivePaths {

  /** Hive's directory name for a null or empty partition value. */
  public static final String DEFAULT_PARTITION_NAME = "__HIVE_DEFAULT_PARTITION__";

  private static final BitSet ESCAPED = new BitSet(128);

  static {
    for (char c = 0; c < ' '; c++) {
      ESCAPED.set(c);
    }
    for (char c : "\"#%'*/:=?\\\u007F{[]^".toCharArray()) {
      ESCAPED.set(c);
    }
  }

  private HivePaths() {
  }

  /** The escaped form of a value; null or empty gives {@value #DEFAULT_PARTITION_NAME}. */
  public static String escape(String value) {
    if (value == null || value.isEmpty()) {
      return DEFAULT_PARTITION_NAME;
    }
    StringBuilder sb = null;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c < 128 && ESCAPED.get(c)) {
        if (sb == null) {
          sb = new StringBuilder(value.length() + 8).append(value, 0, i);
        }
        sb.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
            .append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? value : sb.toString();
  }

  /**
   * The value a directory name stands for: {@code %XX} sequences decoded (as UTF-8 bytes, so
   * names written by tools that escape non-ASCII read back too), and
   * {@value #DEFAULT_PARTITION_NAME} read as null. A {@code %} not followed by two hex digits
   * is kept as it is, as Hive does.
   */
  public static String unescape(String name) {
    if (DEFAULT_PARTITION_NAME.equals(name)) {
      return null;
    }
    if (name.indexOf('%') < 0) {
      return name;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(name.length());
    byte[] raw = name.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '%' && i + 2 < raw.length
          && hex(raw[i + 1]) >= 0 && hex(raw[i + 2]) >= 0) {
        out.write((hex(raw[i + 1]) << 4) | hex(raw[i + 2]));
        i += 2;
      } else {
        out.write(raw[i]);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** {@code column=escaped(value)}. */
  public static String directoryName(String column, String value) {
    return escape(column) + "=" + escape(value);
  }

  private static int hex(byte b) {
    return Character.digit((char) b, 16);
  }
}
