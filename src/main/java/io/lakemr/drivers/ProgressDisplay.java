package io.lakemr.drivers;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import java.io.PrintStream;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Shows a job's progress, one stage (map, then reduce) at a time, from the updates it is given;
 * it knows nothing of jobs ({@link JobProgress} polls them). At a terminal ({@link Mode#TTY})
 * each stage has one line, rewritten in place at most every {@value #TTY_REFRESH_MS} ms and
 * ended with a newline when the stage ends. Elsewhere ({@link Mode#PLAIN}) a stage prints its
 * first line, then a line at most every interval when its percent or rows moved, and its last
 * line. The clock is given, so that tests can move it.
 */
final class ProgressDisplay {

  /** How progress is shown. */
  enum Mode {
    /** One line per stage, rewritten in place. */
    TTY,
    /** New lines, at most one per interval. */
    PLAIN,
    /** Nothing. */
    OFF
  }

  /** Least milliseconds between two rewrites of a terminal line. */
  static final long TTY_REFRESH_MS = 250;

  /**
   * Columns of a terminal when the environment's {@code COLUMNS} does not say: a terminal line
   * is cut one short of them, since a line that wraps cannot be rewritten in place.
   */
  static final int TERMINAL_COLUMNS_DEFAULT = 80;

  /** Carriage return, then the line, then clear to the end of the line (ANSI). */
  static final String REWRITE = "\r";
  static final String CLEAR_TO_END = "\u001b[K";

  private final String job;
  private final Mode mode;
  private final long intervalMs;
  private final LongSupplier clockMs;
  private final PrintStream out;
  private int columns = TERMINAL_COLUMNS_DEFAULT;

  private String phase;
  private long stageStart;
  private double fraction;
  private long rows = -1;
  private long rowsAt;
  private long updatedAt;
  private String lastShown;
  private long lastShownAt;
  private int lastPercent = -1;
  private long lastRows = -1;

  ProgressDisplay(String job, Mode mode, long intervalMs, LongSupplier clockMs, PrintStream out) {
    this.job = job;
    this.mode = mode;
    this.intervalMs = intervalMs;
    this.clockMs = clockMs;
    this.out = out;
  }

  /** Sets the terminal's columns (from {@code COLUMNS}, when it holds a number); returns this. */
  ProgressDisplay columns(String columnsEnv) {
    try {
      int n = columnsEnv == null ? 0 : Integer.parseInt(columnsEnv.trim());
      if (n > 1) {
        columns = n;
      }
    } catch (NumberFormatException e) {
      // not a number: keep the default
    }
    return this;
  }

  /**
   * The mode a configuration asks for ({@value LakemrConfig#PROGRESS}); with {@code auto}, the
   * environment's {@value LakemrConfig#PROGRESS_ENV} when set, else {@link Mode#TTY} when a
   * person is at a terminal.
   *
   * @param configured the key's value
   * @param env the environment variable's value, or null
   * @param console whether the process has a terminal ({@code System.console() != null})
   * @throws BadInputException for a value that is not auto, tty, plain or off
   */
  static Mode mode(String configured, String env, boolean console) {
    String value = configured.trim().toLowerCase(Locale.ROOT);
    if (value.equals("auto") && env != null && !env.isBlank()) {
      value = env.trim().toLowerCase(Locale.ROOT);
      configured = LakemrConfig.PROGRESS_ENV + "=" + env;
    } else {
      configured = LakemrConfig.PROGRESS + "=" + configured;
    }
    switch (value) {
      case "auto":
        return console ? Mode.TTY : Mode.PLAIN;
      case "tty":
        return Mode.TTY;
      case "plain":
        return Mode.PLAIN;
      case "off":
        return Mode.OFF;
      default:
        throw new BadInputException(configured + ": not a progress mode; use auto, tty, plain or off");
    }
  }

  /**
   * The stage is at {@code fraction} with {@code rows} rows so far (-1: not read this time, the
   * last known rows stand). A new phase ends the stage shown before.
   */
  void update(String newPhase, double newFraction, long newRows) {
    long now = clockMs.getAsLong();
    if (!newPhase.equals(phase)) {
      endStage();
      phase = newPhase;
      stageStart = now;
      rows = -1;
      lastShown = null;
    }
    fraction = newFraction;
    updatedAt = now;
    if (newRows >= 0) {
      rows = newRows;
      rowsAt = now;
    }
    if (mode == Mode.TTY ? lastShown == null || now - lastShownAt >= TTY_REFRESH_MS : shouldPrintPlain(now)) {
      show(now);
    }
  }

  private boolean shouldPrintPlain(long now) {
    if (lastShown == null) {
      return true;
    }
    boolean moved = ProgressLine.percent(fraction) != lastPercent || rows != lastRows;
    return moved && now - lastShownAt >= intervalMs;
  }

  /**
   * Ends the stage shown, if any: its last line as of its last update (plain, when not printed
   * yet), or the terminal line's newline.
   */
  void endStage() {
    if (phase == null) {
      return;
    }
    long now = updatedAt;
    if (mode == Mode.TTY) {
      show(now);
      out.println();
    } else if (mode == Mode.PLAIN && (ProgressLine.percent(fraction) != lastPercent || rows != lastRows)) {
      show(now);
    }
    out.flush();
    phase = null;
  }

  private void show(long now) {
    if (mode == Mode.OFF) {
      return;
    }
    long ratedFor = rowsAt - stageStart;
    double rate = rows < 0 || ratedFor < ProgressLine.ESTIMATE_FROM_MS ? -1 : rows * 1000.0 / ratedFor;
    String line = ProgressLine.format(job, phase, fraction, rows, rate, now - stageStart);
    if (mode == Mode.TTY) {
      if (line.length() >= columns) {
        line = line.substring(0, columns - 1);
      }
      if (line.equals(lastShown)) {
        return;
      }
      out.print(REWRITE + line + CLEAR_TO_END);
      out.flush();
    } else {
      out.println(line);
    }
    lastShown = line;
    lastShownAt = now;
    lastPercent = ProgressLine.percent(fraction);
    lastRows = rows;
  }
}
