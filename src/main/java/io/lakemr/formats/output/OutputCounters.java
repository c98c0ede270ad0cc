package io.lakemr.formats.output;

/** Counters of the output writers, per task and summed over a job. */
public enum OutputCounters {
  /** Rows written to output files. */
  ROWS_WRITTEN,
  /** Output files created. */
  FILES_WRITTEN,
  /** Distinct partition directories a task wrote into (0 or 1 for unpartitioned output). */
  PARTITIONS_WRITTEN
}
