package io.lakemr.expr;

import io.lakemr.data.ColumnType;
import io.lakemr.data.Decimals;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.serde2.io.HiveDecimalWritable;

/**
 * A conversion between value kinds. Double to long truncates toward zero, and NaN, infinities
 * and values outside the long range give null. Strings to numbers parse the trimmed text
 * ({@code '12'}, {@code '-3.5e2'}; a string holding a fraction becomes a long by truncation);
 * text that is not a number gives null. Numbers become their shortest decimal form, booleans
 * {@code true}/{@code false}, dates {@code yyyy-MM-dd}, timestamps
 * {@code yyyy-MM-dd HH:mm:ss.SSS} in UTC.
 */
final class CastExpr extends RowwiseExpr {

  private static final DateTimeFormatter TIMESTAMP_TEXT =
      DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

  private final ColumnType from;

  CastExpr(VectorExpr operand, ColumnType to) {
    super(to, operand);
    this.from = operand.type();
  }

  @Override
  boolean compute(ColumnVector[] in, int i, ColumnVector out) {
    ColumnVector v = in[0];
    if (from == ColumnType.DECIMAL) {
      return fromDecimal((DecimalColumnVector) v, i, out);
    }
    switch (type().vectorType()) {
      case LONG:
        if (from.vectorType() == ColumnVector.Type.LONG) {
          setLong(out, i, longAt(v, i));
          return true;
        }
        if (from.vectorType() == ColumnVector.Type.DOUBLE) {
          return toLong(doubleAt(v, i), out, i);
        }
        return parseLong(text(v, i), out, i);
      case DOUBLE:
        if (from.vectorType() == ColumnVector.Type.LONG) {
          setDouble(out, i, (double) longAt(v, i));
          return true;
        }
        if (from.vectorType() == ColumnVector.Type.DOUBLE) {
          setDouble(out, i, doubleAt(v, i));
          return true;
        }
        Double d = parseDouble(text(v, i));
        if (d == null) {
          return false;
        }
        setDouble(out, i, d);
        return true;
      default:
        if (from.vectorType() == ColumnVector.Type.BYTES) {
          BytesColumnVector b = (BytesColumnVector) v;
          int k = at(b, i);
          ((BytesColumnVector) out).setRef(i, b.vector[k], b.start[k], b.length[k]);
          return true;
        }
        byte[] s = toText(v, i).getBytes(StandardCharsets.UTF_8);
        setBytes(out, i, s, 0, s.length);
        return true;
    }
  }

  /** A decimal as a long (truncated toward zero; null outside the long range), a double, or its plain text. */
  private boolean fromDecimal(DecimalColumnVector v, int i, ColumnVector out) {
    HiveDecimalWritable d = v.vector[at(v, i)];
    switch (type().vectorType()) {
      case LONG:
        BigInteger whole = d.getHiveDecimal().bigDecimalValue().setScale(0, RoundingMode.DOWN).toBigIntegerExact();
        if (whole.bitLength() >= 64) {
          return false;
        }
        setLong(out, i, whole.longValue());
        return true;
      case DOUBLE:
        setDouble(out, i, d.doubleValue());
        return true;
      default:
        byte[] s = Decimals.text(d, v.scale).getBytes(StandardCharsets.US_ASCII);
        setBytes(out, i, s, 0, s.length);
        return true;
    }
  }

  private String toText(ColumnVector v, int i) {
    switch (from) {
      case BOOLEAN:
        return longAt(v, i) != 0 ? "true" : "false";
      case DATE:
        return LocalDate.ofEpochDay(longAt(v, i)).toString();
      case TIMESTAMP:
        return TIMESTAMP_TEXT.format(Instant.ofEpochMilli(longAt(v, i)));
      case FLOAT:
        return Float.toString((float) doubleAt(v, i));
      case DOUBLE:
        return Double.toString(doubleAt(v, i));
      default:
        return Long.toString(longAt(v, i));
    }
  }

  private static String text(ColumnVector v, int i) {
    BytesColumnVector b = (BytesColumnVector) v;
    int k = at(b, i);
    return new String(b.vector[k], b.start[k], b.length[k], StandardCharsets.UTF_8).trim();
  }

  /** Truncates toward zero; false (null) for NaN, infinities and values outside the long range. */
  static boolean toLong(double d, ColumnVector out, int i) {
    if (!(d >= -0x1p63 && d < 0x1p63)) {
      return false;
    }
    setLong(out, i, (long) d);
    return true;
  }

  private static boolean parseLong(String s, ColumnVector out, int i) {
    try {
      setLong(out, i, Long.parseLong(s));
      return true;
    } catch (NumberFormatException e) {
      Double d = parseDouble(s);
      return d != null && toLong(d, out, i);
    }
  }

  /** A decimal number, NaN or (+/-)Infinity; null for anything else (Java's 1d/1f suffixes included). */
  static Double parseDouble(String s) {
    if (s.isEmpty()) {
      return null;
    }
    char last = s.charAt(s.length() - 1);
    if (Character.isLetter(last) && last != 'N' && last != 'y') {
      return null;
    }
    if (s.startsWith("0x") || s.startsWith("0X") || s.startsWith("-0x") || s.startsWith("+0x")) {
      return null;
    }
    try {
      return Double.parseDouble(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
