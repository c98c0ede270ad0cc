package io.lakemr.convert;

/** Counters of {@code convert} tasks, per task and summed over a job. */
public enum ConvertCounters {
  /**
   * Times a map task writing its partitions map-side wrote out the rows it had gathered: once at
   * its end, once more each time they passed its memory budget.
   */
  MAP_SIDE_FLUSHES
}
