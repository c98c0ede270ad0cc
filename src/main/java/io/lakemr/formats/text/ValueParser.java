package io.lakemr.formats.text;

import ch.randelshofer.fastdoubleparser.JavaDoubleParser;
import io.lakemr.data.ColumnType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;

/**
 * Parses text values straight from bytes into the numbers a batch holds, with no object per
 * value on the common paths. Each {@code parse*} method returns whether the text was a value of
 * that type and leaves it in {@link #longValue} or {@link #doubleValue}.
 *
 * <ul>
 *   <li>long, int: optional sign and decimal digits, in range.</li>
 *   <li>double, float: decimal with optional fraction and exponent, {@code NaN},
 *       {@code Infinity}, {@code -Infinity}; correctly rounded.</li>
 *   <li>boolean: {@code true}/{@code false} in any case, {@code 1}/{@code 0}.</li>
 *   <li>date: ISO 8601 {@code yyyy-MM-dd}, as days since 1970-01-01.</li>
 *   <li>timestamp: ISO 8601 {@code yyyy-MM-dd[Thh:mm[:ss[.fraction]]][Z|+hh:mm|+hhmm|+hh]}
 *       ({@code T} or a space between date and time), as UTC epoch milliseconds; no offset
 *       means UTC; digits past milliseconds are dropped (rounded down). With a custom
 *       {@code --timestamp-format} pattern, timestamps must match that pattern instead.</li>
 * </ul>
 */
public final class ValueParser {

  static final long MILLIS_PER_DAY = 86_400_000L;

  /** 10^0 .. 10^18, each exact as a double. */
  private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12,
      1e13, 1e14, 1e15, 1e16, 1e17, 1e18};

  /** Kinds of value {@link #kind} tells apart, as bits so a column can collect them. */
  public static final int KIND_LONG = 1;
  public static final int KIND_DOUBLE = 2;
  public static final int KIND_BOOLEAN = 4;
  public static final int KIND_DATE = 8;
  public static final int KIND_TIMESTAMP = 16;
  public static final int KIND_STRING = 32;

  private final DateTimeFormatter timestampFormat;

  /** The last value parsed as a long, boolean (1/0), date (days) or timestamp (millis). */
  public long longValue;
  /** The last value parsed as a double. */
  public double doubleValue;

  /** @param timestampFormat a custom timestamp pattern, or null for ISO 8601 */
  public ValueParser(DateTimeFormatter timestampFormat) {
    this.timestampFormat = timestampFormat;
  }

  /** A parser for ISO 8601 timestamps. */
  public ValueParser() {
    this(null);
  }

  public boolean parseLong(byte[] b, int from, int to) {
    int i = from;
    if (i >= to) {
      return false;
    }
    boolean neg = false;
    if (b[i] == '-' || b[i] == '+') {
      neg = b[i] == '-';
      i++;
      if (i >= to) {
        return false;
      }
    }
    long v = 0;
    for (; i < to; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return false;
      }
      if (v < -922337203685477580L || (v == -922337203685477580L && d > (neg ? 8 : 7))) {
        return false;
      }
      v = v * 10 - d;
    }
    longValue = neg ? v : -v;
    return true;
  }

  /** A long within the int range. */
  public boolean parseInt(byte[] b, int from, int to) {
    return parseLong(b, from, to) && longValue >= Integer.MIN_VALUE && longValue <= Integer.MAX_VALUE;
  }

  public boolean parseDouble(byte[] b, int from, int to) {
    if (from >= to) {
      return false;
    }
    if (parseShortDecimal(b, from, to)) {
      return true;
    }
    byte last = b[to - 1];
    if (!((last >= '0' && last <= '9') || last == '.')) {
      return parseSpecialDouble(b, from, to);
    }
    int first = b[from] == '-' || b[from] == '+' ? from + 1 : from;
    if (first + 1 < to && (b[first + 1] | 0x20) == 'x') {
      return false; // Java's hexadecimal form
    }
    try {
      doubleValue = JavaDoubleParser.parseDouble(b, from, to - from);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * The common short case exactly: at most 18 digits whose value is at most 2^53, no exponent.
   * The digits are an exact double and so is the power of ten, so one division is correctly
   * rounded.
   */
  private boolean parseShortDecimal(byte[] b, int from, int to) {
    int i = from;
    boolean neg = b[i] == '-';
    if (neg || b[i] == '+') {
      i++;
    }
    long digits = 0;
    int count = 0;
    int fraction = -1;
    for (; i < to; i++) {
      int d = b[i] - '0';
      if (d >= 0 && d <= 9) {
        digits = digits * 10 + d;
        if (++count > 18) {
          return false;
        }
      } else if (b[i] == '.' && fraction < 0) {
        fraction = i;
      } else {
        return false;
      }
    }
    if (count == 0 || digits > (1L << 53)) {
      return false;
    }
    int scale = fraction < 0 ? 0 : to - fraction - 1;
    double v = scale == 0 ? digits : digits / POWERS_OF_TEN[scale];
    doubleValue = neg ? -v : v;
    return true;
  }

  private boolean parseSpecialDouble(byte[] b, int from, int to) {
    String s = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
    switch (s) {
      case "NaN":
        doubleValue = Double.NaN;
        return true;
      case "Infinity":
      case "+Infinity":
        doubleValue = Double.POSITIVE_INFINITY;
        return true;
      case "-Infinity":
        doubleValue = Double.NEGATIVE_INFINITY;
        return true;
      default:
        return false;
    }
  }

  /** {@code true}/{@code false} in any case, or {@code 1}/{@code 0}. */
  public boolean parseBoolean(byte[] b, int from, int to) {
    if (to - from == 1 && (b[from] == '1' || b[from] == '0')) {
      longValue = b[from] - '0';
      return true;
    }
    return parseBooleanWord(b, from, to);
  }

  /** {@code true} or {@code false} in any case only. */
  public boolean parseBooleanWord(byte[] b, int from, int to) {
    if (matchesIgnoreCase(b, from, to, "true")) {
      longValue = 1;
      return true;
    }
    if (matchesIgnoreCase(b, from, to, "false")) {
      longValue = 0;
      return true;
    }
    return false;
  }

  private static boolean matchesIgnoreCase(byte[] b, int from, int to, String word) {
    if (to - from != word.length()) {
      return false;
    }
    for (int i = 0; i < word.length(); i++) {
      if ((b[from + i] | 0x20) != word.charAt(i)) {
        return false;
      }
    }
    return true;
  }

  /** ISO {@code yyyy-MM-dd} as days since 1970-01-01. */
  public boolean parseDate(byte[] b, int from, int to) {
    if (to - from != 10) {
      return false;
    }
    long days = isoDate(b, from);
    if (days == Long.MIN_VALUE) {
      return false;
    }
    longValue = days;
    return true;
  }

  /** A timestamp (or a date, at midnight UTC) as UTC epoch milliseconds. */
  public boolean parseTimestamp(byte[] b, int from, int to) {
    if (timestampFormat != null) {
      return parseWithFormat(b, from, to);
    }
    return parseIsoTimestamp(b, from, to);
  }

  private boolean parseIsoTimestamp(byte[] b, int from, int to) {
    if (to - from < 10) {
      return false;
    }
    long days = isoDate(b, from);
    if (days == Long.MIN_VALUE) {
      return false;
    }
    if (to - from == 10) {
      longValue = days * MILLIS_PER_DAY;
      return true;
    }
    int i = from + 10;
    byte sep = b[i];
    if ((sep != 'T' && sep != 't' && sep != ' ') || to - i < 6) {
      return false;
    }
    int hour = twoDigits(b, i + 1);
    int minute = b[i + 3] == ':' ? twoDigits(b, i + 4) : -1;
    if (hour < 0 || hour > 23 || minute < 0 || minute > 59) {
      return false;
    }
    i += 6;
    int second = 0;
    long millis = 0;
    if (i < to && b[i] == ':') {
      second = i + 3 <= to ? twoDigits(b, i + 1) : -1;
      if (second < 0 || second > 59) {
        return false;
      }
      i += 3;
      if (i < to && (b[i] == '.' || b[i] == ',')) {
        int digits = 0;
        i++;
        while (i < to && b[i] >= '0' && b[i] <= '9') {
          if (digits < 3) {
            millis = millis * 10 + (b[i] - '0');
          }
          digits++;
          i++;
        }
        if (digits == 0 || digits > 9) {
          return false;
        }
        for (int k = digits; k < 3; k++) {
          millis *= 10;
        }
      }
    }
    long offsetMinutes = zoneOffsetMinutes(b, i, to);
    if (offsetMinutes == Long.MIN_VALUE) {
      return false;
    }
    longValue = days * MILLIS_PER_DAY + hour * 3_600_000L + minute * 60_000L + second * 1000L + millis
        - offsetMinutes * 60_000L;
    return true;
  }

  /** Minutes east of UTC of {@code Z}, {@code +hh}, {@code +hhmm}, {@code +hh:mm} or nothing; MIN_VALUE if none of them. */
  private static long zoneOffsetMinutes(byte[] b, int i, int to) {
    if (i == to) {
      return 0;
    }
    if (to - i == 1 && (b[i] == 'Z' || b[i] == 'z')) {
      return 0;
    }
    if (b[i] != '+' && b[i] != '-') {
      return Long.MIN_VALUE;
    }
    int sign = b[i] == '-' ? -1 : 1;
    int n = to - i - 1;
    int hh = n >= 2 ? twoDigits(b, i + 1) : -1;
    int mm;
    if (n == 2) {
      mm = 0;
    } else if (n == 4) {
      mm = twoDigits(b, i + 3);
    } else if (n == 5 && b[i + 3] == ':') {
      mm = twoDigits(b, i + 4);
    } else {
      return Long.MIN_VALUE;
    }
    if (hh < 0 || hh > 18 || mm < 0 || mm > 59) {
      return Long.MIN_VALUE;
    }
    return sign * (hh * 60L + mm);
  }

  private static int twoDigits(byte[] b, int i) {
    int d1 = b[i] - '0';
    int d2 = b[i + 1] - '0';
    if (d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) {
      return -1;
    }
    return d1 * 10 + d2;
  }

  /** Days since 1970-01-01 of the {@code yyyy-MM-dd} at {@code i}, or MIN_VALUE. */
  private static long isoDate(byte[] b, int i) {
    if (b[i + 4] != '-' || b[i + 7] != '-') {
      return Long.MIN_VALUE;
    }
    int y1 = twoDigits(b, i);
    int y2 = twoDigits(b, i + 2);
    int month = twoDigits(b, i + 5);
    int day = twoDigits(b, i + 8);
    if (y1 < 0 || y2 < 0 || month < 1 || month > 12 || day < 1) {
      return Long.MIN_VALUE;
    }
    int year = y1 * 100 + y2;
    if (day > daysInMonth(year, month)) {
      return Long.MIN_VALUE;
    }
    return epochDay(year, month, day);
  }

  static int daysInMonth(int year, int month) {
    switch (month) {
      case 2:
        return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
      case 4:
      case 6:
      case 9:
      case 11:
        return 30;
      default:
        return 31;
    }
  }

  /** Days since 1970-01-01 of a proleptic Gregorian date (by 400-year eras). */
  static long epochDay(long year, int month, int day) {
    long y = month <= 2 ? year - 1 : year;
    long era = Math.floorDiv(y, 400);
    long yearOfEra = y - era * 400;
    long dayOfYear = (153L * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    long dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
    return era * 146_097 + dayOfEra - 719_468;
  }

  private boolean parseWithFormat(byte[] b, int from, int to) {
    String s = new String(b, from, to - from, StandardCharsets.UTF_8);
    try {
      TemporalAccessor t = timestampFormat.parseBest(s, OffsetDateTime::from, LocalDateTime::from, LocalDate::from);
      Instant instant;
      if (t instanceof OffsetDateTime odt) {
        instant = odt.toInstant();
      } else if (t instanceof LocalDateTime ldt) {
        instant = ldt.toInstant(ZoneOffset.UTC);
      } else {
        instant = ((LocalDate) t).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      longValue = instant.toEpochMilli();
      return true;
    } catch (DateTimeParseException | ArithmeticException e) {
      return false;
    }
  }

  /**
   * The kind of a non-empty value, trying in turn long, double, {@code true}/{@code false},
   * date and timestamp; anything else is a string.
   */
  public int kind(byte[] b, int from, int to) {
    if (parseLong(b, from, to)) {
      return KIND_LONG;
    }
    if (parseDouble(b, from, to)) {
      return KIND_DOUBLE;
    }
    if (parseBooleanWord(b, from, to)) {
      return KIND_BOOLEAN;
    }
    if (parseDate(b, from, to)) {
      return KIND_DATE;
    }
    if (parseTimestamp(b, from, to)) {
      return KIND_TIMESTAMP;
    }
    return KIND_STRING;
  }

  /**
   * The column type of a set of kinds seen: longs widen to doubles, dates to timestamps, and
   * anything mixed otherwise (or nothing but nulls) to string.
   */
  public static ColumnType typeOf(int kinds) {
    if (kinds == 0 || (kinds & KIND_STRING) != 0) {
      return ColumnType.STRING;
    }
    if ((kinds & ~KIND_LONG) == 0) {
      return ColumnType.LONG;
    }
    if ((kinds & ~(KIND_LONG | KIND_DOUBLE)) == 0) {
      return ColumnType.DOUBLE;
    }
    if (kinds == KIND_BOOLEAN) {
      return ColumnType.BOOLEAN;
    }
    if (kinds == KIND_DATE) {
      return ColumnType.DATE;
    }
    if ((kinds & ~(KIND_DATE | KIND_TIMESTAMP)) == 0) {
      return ColumnType.TIMESTAMP;
    }
    return ColumnType.STRING;
  }
}
