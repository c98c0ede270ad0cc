package io.lakemr.expr;

import io.lakemr.data.ColumnType;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;

/**
 * The functions of epoch-millisecond timestamps, in UTC: {@code date} ({@code yyyy-MM-dd}),
 * {@code year}, {@code month}, {@code day}, {@code hour}, and {@code window_start(ts, size)},
 * the start of the tumbling window of that many milliseconds holding ts, windows being aligned
 * to the epoch (floor division, so a timestamp before 1970 falls in the window that starts at or
 * before it). The input may also be a date (days since the epoch) for date, year, month and day.
 */
final class TimeExpr extends RowwiseExpr {

  static final long DAY_MILLIS = 86_400_000L;
  private static final int CACHE = 1024;

  /** The functions. */
  enum Fn { DATE, YEAR, MONTH, DAY, HOUR, WINDOW_START }

  private final Fn fn;
  private final boolean days;
  private final long windowMillis;
  /** Direct-mapped cache of date strings by day, so a batch makes no string per row. */
  private final long[] cachedDays = new long[CACHE];
  private final byte[][] cachedText = new byte[CACHE][];

  /**
   * @param windowMillis the window size for WINDOW_START, else ignored
   */
  TimeExpr(Fn fn, VectorExpr operand, ColumnType type, long windowMillis) {
    super(type, operand);
    this.fn = fn;
    this.days = operand.type() == ColumnType.DATE;
    this.windowMillis = windowMillis;
  }

  @Override
  boolean compute(ColumnVector[] in, int i, ColumnVector out) {
    long v = longAt(in[0], i);
    switch (fn) {
      case WINDOW_START: {
        long start = v - Math.floorMod(v, windowMillis);
        if (start > v) {
          return false; // before Long.MIN_VALUE
        }
        setLong(out, i, start);
        return true;
      }
      case HOUR:
        setLong(out, i, Math.floorMod(v, DAY_MILLIS) / 3_600_000L);
        return true;
      case DATE: {
        byte[] text = dateText(days ? v : Math.floorDiv(v, DAY_MILLIS));
        ((BytesColumnVector) out).setRef(i, text, 0, text.length);
        return true;
      }
      default:
        setLong(out, i, civil(days ? v : Math.floorDiv(v, DAY_MILLIS), fn));
        return true;
    }
  }

  private byte[] dateText(long day) {
    int slot = (int) (day & (CACHE - 1));
    byte[] text = cachedText[slot];
    if (text == null || cachedDays[slot] != day) {
      text = LocalDate.ofEpochDay(day).toString().getBytes(StandardCharsets.US_ASCII);
      cachedText[slot] = text;
      cachedDays[slot] = day;
    }
    return text;
  }

  /** Year, month or day of a day number (proleptic Gregorian), by H. Hinnant's civil_from_days. */
  static long civil(long day, Fn part) {
    long z = day + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long d = doy - (153 * mp + 2) / 5 + 1;
    long m = mp < 10 ? mp + 3 : mp - 9;
    switch (part) {
      case DAY:
        return d;
      case MONTH:
        return m;
      default:
        return yoe + era * 400 + (m <= 2 ? 1 : 0);
    }
  }

  /**
   * Parses a window size: a positive whole number and a unit, {@code s}, {@code m}, {@code h} or
   * {@code d} ({@code 90s}, {@code 15m}, {@code 1h}, {@code 7d}).
   *
   * @return milliseconds, or -1 when the text is not a size
   */
  static long parseSize(String text) {
    String t = text.trim();
    if (t.length() < 2) {
      return -1;
    }
    long unit;
    switch (t.charAt(t.length() - 1)) {
      case 's':
        unit = 1000L;
        break;
      case 'm':
        unit = 60_000L;
        break;
      case 'h':
        unit = 3_600_000L;
        break;
      case 'd':
        unit = DAY_MILLIS;
        break;
      default:
        return -1;
    }
    String digits = t.substring(0, t.length() - 1).trim();
    if (digits.isEmpty() || !digits.chars().allMatch(Character::isDigit) || digits.length() > 12) {
      return -1;
    }
    long n = Long.parseLong(digits);
    return n <= 0 ? -1 : n * unit;
  }
}
