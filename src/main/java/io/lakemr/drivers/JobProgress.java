package io.lakemr.drivers;

import io.lakemr.conf.LakemrConfig;
import io.lakemr.formats.output.OutputCounters;
import java.io.IOException;
import java.io.PrintStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.CounterGroup;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;

/**
 * Polls a submitted job until it completes, handing its stage, percent and rows to a
 * {@link ProgressDisplay} and marking the end of its map and shuffle phases ({@link RunTiming}).
 *
 * <p>The stage is {@code map} until every map task is done, then {@code reduce} (when the job
 * has reducers). Its rows are, for the map stage, the input formats' row counters (a
 * {@code ROWS} or {@code RECORDS_READ} counter of an {@code io.lakemr.formats} group), or the
 * rows written by a job without input rows (generate); for the reduce stage, the rows written.
 * Progress is asked every poll (cheap), the counters at most every
 * {@value #COUNTER_INTERVAL_MS} ms, when a stage ends and when the job completes. A local job's
 * progress is corrected by {@link SettledProgress}.
 */
final class JobProgress {

  /** Least milliseconds between two reads of the job's counters. */
  static final long COUNTER_INTERVAL_MS = 1000;

  /** How long the local runner's report of a stage's end must hold, when nothing else confirms it. */
  static final long LOCAL_SETTLE_MS = 10_000;

  private final Job job;
  private final long pollMs;
  private final ProgressDisplay display;
  private final boolean readCounters;
  private final SettledProgress mapProgress;
  private final SettledProgress reduceProgress;
  private long countersReadAt;
  private boolean mapped;
  private boolean shuffled;

  private JobProgress(Job job, long pollMs, boolean local, ProgressDisplay display, boolean readCounters) {
    this.job = job;
    this.pollMs = pollMs;
    this.display = display;
    this.readCounters = readCounters;
    this.mapProgress = new SettledProgress(local ? LOCAL_SETTLE_MS : 0);
    this.reduceProgress = new SettledProgress(local ? LOCAL_SETTLE_MS : 0);
    this.shuffled = job.getNumReduceTasks() == 0;
  }

  /**
   * Waits for a job, showing its progress on {@code out} as the configuration asks
   * ({@value LakemrConfig#PROGRESS}).
   *
   * @param pollMs how often the job's progress is asked
   * @param local whether the local job runner runs it
   */
  static void watch(Job job, long pollMs, boolean local, PrintStream out) throws IOException, InterruptedException {
    Configuration conf = job.getConfiguration();
    ProgressDisplay.Mode mode = mode(conf);
    long interval = 1000L * conf.getInt(LakemrConfig.PROGRESS_INTERVAL_SECONDS,
        LakemrConfig.PROGRESS_INTERVAL_SECONDS_DEFAULT);
    ProgressDisplay display = new ProgressDisplay(job.getJobName(), mode, interval, System::currentTimeMillis, out)
        .columns(System.getenv("COLUMNS"));
    new JobProgress(job, pollMs, local, display, mode != ProgressDisplay.Mode.OFF).run();
  }

  /**
   * The progress mode a configuration asks for, checked, so that a bad value stops a command
   * before it submits a job.
   */
  static ProgressDisplay.Mode mode(Configuration conf) {
    return ProgressDisplay.mode(conf.get(LakemrConfig.PROGRESS, LakemrConfig.PROGRESS_DEFAULT),
        System.getenv(LakemrConfig.PROGRESS_ENV), System.console() != null);
  }

  private void run() throws IOException, InterruptedException {
    boolean reduceShown = false;
    try {
      while (true) {
        boolean complete = job.isComplete();
        long now = System.currentTimeMillis();
        float reduce = reduceProgress.update(job.reduceProgress(), complete, now);
        float map = mapProgress.update(job.mapProgress(), complete || reduce > 0, now);
        markPhases(map, reduce);
        boolean reducing = job.getNumReduceTasks() > 0 && map >= 1f;
        if (reducing && !reduceShown && readCounters) { // the map stage's last line, with its final rows
          display.update("map", 1f, rows(job.getCounters(), false));
        }
        reduceShown |= reducing;
        long rows = -1;
        if (readCounters && (complete || now - countersReadAt >= COUNTER_INTERVAL_MS)) {
          rows = rows(job.getCounters(), reducing);
          countersReadAt = now;
        }
        display.update(reducing ? "reduce" : "map", reducing ? reduce : map, rows);
        if (complete) {
          break;
        }
        Thread.sleep(pollMs);
      }
    } finally {
      display.endStage();
    }
    RunTiming.mark(!mapped ? "map" : !shuffled ? "shuffle" : "reduce");
  }

  private void markPhases(float map, float reduce) {
    if (!mapped && map >= 1f) {
      RunTiming.mark("map");
      mapped = true;
    }
    if (!shuffled && reduce >= 2f / 3) { // a reduce's progress is copy, sort and reduce, a third each
      RunTiming.mark("shuffle");
      shuffled = true;
    }
  }

  /** The rows of a stage from a job's counters (see the class comment); -1 when there are no counters. */
  static long rows(Counters counters, boolean reduceStage) {
    if (counters == null) {
      return -1;
    }
    long written = counters.findCounter(OutputCounters.ROWS_WRITTEN).getValue();
    if (reduceStage) {
      return written;
    }
    long read = 0;
    for (CounterGroup g : counters) {
      if (g.getName().startsWith("io.lakemr.formats.")) {
        for (Counter c : g) {
          if (c.getName().equals("ROWS") || c.getName().equals("RECORDS_READ")) {
            read += c.getValue();
          }
        }
      }
    }
    return read > 0 ? read : written;
  }
}
