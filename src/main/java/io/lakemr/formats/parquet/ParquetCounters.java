package io.lakemr.formats.parquet;

/** What the Parquet reader did in a task, reported as MapReduce counters. */
public enum ParquetCounters {
  /** Splits (map-task inputs) read. */
  SPLITS,
  /** File ranges opened. */
  FILES,
  /** Row groups read (owned by a range by the midpoint rule). */
  ROW_GROUPS,
  /** Owned row groups skipped because their statistics showed the filter cannot match. */
  ROW_GROUPS_SKIPPED,
  /** Owned row groups skipped because a column's bloom filter showed the filter cannot match. */
  ROW_GROUPS_SKIPPED_BY_BLOOM_FILTER,
  /** Rows of row groups read that the column indexes showed cannot match, left unread. */
  ROWS_SKIPPED_BY_PAGE_INDEX,
  /** Owned row groups whose every page the column indexes ruled out. */
  ROW_GROUPS_SKIPPED_BY_PAGE_INDEX,
  /** Rows handed out in batches. */
  ROWS,
  /** Compressed bytes of the column chunks read. */
  BYTES
}
