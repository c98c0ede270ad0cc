package io.lakemr.formats.output;

import java.time.LocalDate;

/**
 * Text forms of dates, timestamps and floating-point values shared by the CSV writer and
 * partition directory names. All output is ASCII.
 *
 * <ul>
 *   <li>Dates (days since 1970-01-01) as {@code yyyy-MM-dd}, proleptic Gregorian.</li>
 *   <li>Timestamps (milliseconds since 1970-01-01T00:00Z) as {@code yyyy-MM-dd}, a separator,
 *       {@code HH:mm:ss.SSS}, in UTC; milliseconds are always written.</li>
 *   <li>Years outside 0000-9999 follow ISO 8601's expanded form ({@code +10000-01-01},
 *       {@code -0001-12-31}), as {@link LocalDate#toString()} writes them.</li>
 *   <li>Doubles as {@link Double#toString(double)}, floats as {@link Float#toString(float)}:
 *       they read back to the same value, and spell {@code NaN}, {@code Infinity} and
 *       {@code -Infinity} that way.</li>
 * </ul>
 */
final class ValueText {

  private static final long MILLIS_PER_DAY = 86_400_000L;

  private ValueText() {
  }

  /** Appends a date given as days since the epoch. */
  static void appendDate(StringBuilder sb, long days) {
    if (days < -719_528L || days > 2_932_896L) { // outside 0000-01-01 .. 9999-12-31
      sb.append(LocalDate.ofEpochDay(days));
      return;
    }
    // Civil-from-days (H. Hinnant), exact for the proleptic Gregorian calendar.
    long z = days + 719_468L;
    long era = Math.floorDiv(z, 146_097L);
    long doe = z - era * 146_097L;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    int day = (int) (doy - (153 * mp + 2) / 5 + 1);
    int month = (int) (mp < 10 ? mp + 3 : mp - 9);
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    pad(sb, (int) year, 4);
    sb.append('-');
    pad(sb, month, 2);
    sb.append('-');
    pad(sb, day, 2);
  }

  /**
   * Appends a timestamp given as milliseconds since the epoch, in UTC:
   * {@code yyyy-MM-dd<sep>HH:mm:ss.SSS}, followed by {@code Z} when {@code zulu} is set.
   */
  static void appendTimestamp(StringBuilder sb, long millis, char sep, boolean zulu) {
    long days = Math.floorDiv(millis, MILLIS_PER_DAY);
    int msOfDay = (int) Math.floorMod(millis, MILLIS_PER_DAY);
    appendDate(sb, days);
    sb.append(sep);
    pad(sb, msOfDay / 3_600_000, 2);
    sb.append(':');
    pad(sb, msOfDay / 60_000 % 60, 2);
    sb.append(':');
    pad(sb, msOfDay / 1000 % 60, 2);
    sb.append('.');
    pad(sb, msOfDay % 1000, 3);
    if (zulu) {
      sb.append('Z');
    }
  }

  /** Appends a double in its shortest round-trip form ({@code NaN}, {@code Infinity} as such). */
  static void appendDouble(StringBuilder sb, double v) {
    sb.append(v);
  }

  /** Appends a float value (held in a double vector) as the float it is. */
  static void appendFloat(StringBuilder sb, double v) {
    sb.append((float) v);
  }

  private static void pad(StringBuilder sb, int v, int width) {
    int digits = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : v < 10_000 ? 4 : 10;
    for (int i = digits; i < width; i++) {
      sb.append('0');
    }
    sb.append(v);
  }
}
