package io.lakemr.drivers;

import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Where a command's wall time went, for {@code -v} or {@code LAKEMR_TIMING=1}: one line with
 * the JVM's start (with Hadoop's configuration and generic options), planning (options, input
 * metadata, the job's configuration), submission (split planning and job files), map, shuffle, reduce and publish,
 * in seconds. A phase that several jobs of a chain go through
 * adds up; what falls between the marks (summaries, messages) is {@code other}.
 *
 * <p>One command runs per JVM under {@code bin/lakemr} and {@code hadoop jar}, so the marks are
 * kept for the process; {@link #begin} starts them anew for each command run in one JVM.
 */
final class RunTiming {

  /** The environment variable that asks for the line, as {@code -v} does. */
  static final String ENV = "LAKEMR_TIMING";

  private static final Map<String, Long> PHASES = new LinkedHashMap<>();
  private static long origin;
  private static long last;

  private RunTiming() {
  }

  /**
   * Starts the marks for a command: the time up to now is {@code start}, counted from the JVM's
   * start for the first command a JVM runs (its start-up, configuration and generic options),
   * else from now.
   */
  static synchronized void begin() {
    PHASES.clear();
    long now = System.currentTimeMillis();
    last = origin == 0 ? Math.min(now, ManagementFactory.getRuntimeMXBean().getStartTime()) : now;
    origin = last;
    mark("start");
  }

  /** Ends a phase now: the time since the previous mark is added to {@code phase}. */
  static synchronized void mark(String phase) {
    if (origin == 0) {
      return;
    }
    long now = System.currentTimeMillis();
    PHASES.merge(phase, now - last, Long::sum);
    last = now;
  }

  /** Whether the environment asks for the line. */
  static boolean requestedByEnvironment() {
    String v = System.getenv(ENV);
    return v != null && !v.isEmpty() && !v.equals("0");
  }

  /** Prints the line, closing the last phase as {@code other}. */
  static synchronized void print(String command, PrintStream out) {
    if (origin == 0) {
      return;
    }
    mark("other");
    StringBuilder line = new StringBuilder("lakemr " + command + " timing:");
    long total = 0;
    for (Map.Entry<String, Long> e : PHASES.entrySet()) {
      line.append(String.format(Locale.ROOT, " %s %.2f s,", e.getKey(), e.getValue() / 1000.0));
      total += e.getValue();
    }
    line.append(String.format(Locale.ROOT, " total %.2f s", total / 1000.0));
    out.println(line);
  }
}
