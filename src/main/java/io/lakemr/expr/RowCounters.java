package io.lakemr.expr;

/**
 * Rows through a map-side {@link BatchTransform}: read = passed + filtered out, always.
 */
public enum RowCounters {
  /** Rows the reader handed over. */
  ROWS_READ,
  /** Rows the {@code --where} filter dropped (false or null). */
  ROWS_FILTERED_OUT,
  /** Rows that went on to aggregation or output. */
  ROWS_PASSED
}
