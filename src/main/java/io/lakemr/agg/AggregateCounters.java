package io.lakemr.agg;

/** Counters of the aggregation stages. */
public enum AggregateCounters {
  /** Rows folded into partial aggregates by mappers. */
  ROWS_AGGREGATED,
  /** Partial aggregates mappers emitted. */
  PARTIALS_OUT,
  /** Times a mapper emptied its table before its input ended, for memory. */
  MAP_TABLE_FLUSHES,
  /** Finished groups written by reducers. */
  GROUPS_OUT
}
