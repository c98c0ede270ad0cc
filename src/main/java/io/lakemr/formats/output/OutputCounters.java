package io.lakemr.formats.output;

/** Counters of the output writers, per task and summed over a job. */
public enum OutputCounters {
  /** Rows written to output files. */
  ROWS_WRITTEN,
  /** Output files created. */
  FILES_WRITTEN,
  /** Distinct partition directories a task wrote into (0 or 1 for unpartitioned output). */
  PARTITIONS_WRITTEN,
  /**
   * The most output files a task had open at once (a task adds one each time it passes its own
   * peak; summed over a job's tasks).
   */
  OPEN_FILES_PEAK,
  /** Files closed before their partition's rows ended, to keep the open files within the limit. */
  FILES_CLOSED_EARLY
}
