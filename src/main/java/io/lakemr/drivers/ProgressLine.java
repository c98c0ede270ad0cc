package io.lakemr.drivers;

import java.util.Locale;

/**
 * The text of one progress line of a job's stage, for people: the job, the phase, its percent,
 * the rows so far and per second, the time the stage has taken and an estimate of the time
 * left, e.g. {@code [lakemr convert] map  67%  1,234,567 rows  412k rows/s  0:03 elapsed  0:02 left}.
 * Pure: it formats what it is given.
 */
final class ProgressLine {

  /** The least share done, and time taken, before the time left is estimated. */
  static final double ESTIMATE_FROM_FRACTION = 0.01;
  static final long ESTIMATE_FROM_MS = 1000;

  private ProgressLine() {
  }

  /**
   * The line of a stage.
   *
   * @param fraction share of the stage done, 0 to 1
   * @param rows rows the stage has read or written so far, or -1 when not known
   * @param rowsPerSecond the stage's rate, or a negative number when not known
   * @param elapsedMs time since the stage started
   */
  static String format(String job, String phase, double fraction, long rows, double rowsPerSecond, long elapsedMs) {
    StringBuilder b = new StringBuilder();
    b.append('[').append(job).append("] ").append(String.format(Locale.ROOT, "%-6s %3d%%", phase, percent(fraction)));
    if (rows >= 0) {
      b.append(String.format(Locale.ROOT, "  %,d rows", rows));
    }
    if (rowsPerSecond >= 0) {
      b.append("  ").append(rate(rowsPerSecond)).append(" rows/s");
    }
    b.append("  ").append(duration(elapsedMs)).append(" elapsed");
    long left = timeLeft(fraction, elapsedMs);
    if (fraction < 1) {
      b.append("  ").append(left < 0 ? "?" : duration(left)).append(" left");
    }
    return b.toString();
  }

  /** Whole percent, rounded down so that 100% means done. */
  static int percent(double fraction) {
    return (int) Math.floor(Math.max(0, Math.min(1, fraction)) * 100 + 1e-9);
  }

  /**
   * The time left if the rest of the stage goes as fast as it went so far; -1 before
   * {@value #ESTIMATE_FROM_FRACTION} of it is done or {@value #ESTIMATE_FROM_MS} ms have passed.
   */
  static long timeLeft(double fraction, long elapsedMs) {
    if (fraction < ESTIMATE_FROM_FRACTION || elapsedMs < ESTIMATE_FROM_MS) {
      return -1;
    }
    return fraction >= 1 ? 0 : Math.round(elapsedMs * (1 - fraction) / fraction);
  }

  /** A duration as {@code m:ss}, or {@code h:mm:ss} from an hour on. */
  static String duration(long ms) {
    long s = Math.max(0, ms) / 1000;
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  /** A rate in three significant figures at most, with k, M or G: {@code 950}, {@code 12.3k}, {@code 4.56M}. */
  static String rate(double perSecond) {
    String[] units = {"", "k", "M", "G", "T"};
    double v = perSecond;
    int u = 0;
    while (v >= 999.5 && u < units.length - 1) {
      v /= 1000;
      u++;
    }
    String digits = u == 0 || v >= 99.95 ? String.format(Locale.ROOT, "%.0f", v)
        : v >= 9.995 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%.2f", v);
    return digits + units[u];
  }
}
