package io.lakemr.drivers;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shuffle, memory and output estimates of an aggregation's plan, from the rows and groups
 * it will see and what the sample measured of the mappers' partial table: how much of its
 * budget a map task's table needs, how many partials it hands to the shuffle (every group once
 * when the table holds them all; more when it must flush), and what the reducers receive.
 */
final class AggregateCosts {

  private final long budget;
  private final long groupsInLargestTask;
  private final double tableBytesPerGroup;
  private final long shuffleRecords;
  private final long shuffleBytes;
  private final long mapOutputLargest;
  private final int reducers;

  private AggregateCosts(long budget, long groupsInLargestTask, double tableBytesPerGroup, long shuffleRecords,
      long shuffleBytes, long mapOutputLargest, int reducers) {
    this.budget = budget;
    this.groupsInLargestTask = groupsInLargestTask;
    this.tableBytesPerGroup = tableBytesPerGroup;
    this.shuffleRecords = shuffleRecords;
    this.shuffleBytes = shuffleBytes;
    this.mapOutputLargest = mapOutputLargest;
    this.reducers = reducers;
  }

  /**
   * @param groups groups of the map tasks' tables: the output's, or with count_distinct the
   *     (group, value) pairs of its first stage
   */
  static AggregateCosts of(JobPlan plan, AggregateSampleRows rows, long groups, int reducers) {
    long budget = PlanTool.mapTableBudget(plan);
    double perGroup = Math.max(1, rows.tableBytesPerGroup());
    // the table flushes at half its budget
    long capacity = Math.max(1, (long) (budget / 2 / perGroup));
    long records = 0;
    long largestPartials = 0;
    long largest = 0;
    for (long taskRows : plan.rowsPassedPerTask()) {
      long p = partials(taskRows, groups, capacity);
      records += p;
      largestPartials = Math.max(largestPartials, p);
      largest = Math.max(largest, taskRows);
    }
    double partialBytes = rows.partialBytesPerGroup();
    return new AggregateCosts(budget, KeyCounts.expectedAmong(largest, groups), perGroup, records,
        Math.round(records * partialBytes), Math.round(largestPartials * partialBytes), reducers);
  }

  /**
   * Partials a map task of {@code rows} rows emits: each of its groups once when its table
   * holds them all, else, for rows in no particular order, one per row whose group is not in
   * the table at the time.
   */
  static long partials(long rows, long groups, long capacity) {
    long inTask = KeyCounts.expectedAmong(rows, groups);
    if (inTask <= capacity) {
      return inTask;
    }
    double missed = 1 - (double) capacity / inTask;
    return Math.min(rows, Math.round(capacity + (rows - capacity) * missed));
  }

  void describe(JobPlan plan, long outputGroups, long partitions) {
    Map<String, Object> shuffle = new LinkedHashMap<>();
    shuffle.put("records", shuffleRecords);
    shuffle.put("bytes", shuffleBytes);
    shuffle.put("reducers", reducers);
    shuffle.put("bytesPerReducer", shuffleBytes / reducers);
    plan.section("shuffle", shuffle, "shuffle", String.format("~%,d partials, ~%s of map output (before the "
        + "combiner) to %,d reducer%s", shuffleRecords, JobPlan.bytes(shuffleBytes), reducers, reducers == 1 ? "" : "s"));
    long files = partitions == 0 ? Math.max(1, Math.min(reducers, outputGroups))
        : partitions * Math.max(1, KeyCounts.expectedAmong(Math.max(1, outputGroups / partitions), reducers));
    plan.section("outputFiles", files, "files", String.format("~%,d output file%s", files, files == 1 ? "" : "s"));
    describeMemory(plan);
  }

  private void describeMemory(JobPlan plan) {
    long needs = Math.round(groupsInLargestTask * tableBytesPerGroup);
    long sortBuffer = PlanTool.sortBuffer(plan.conf());
    long spills = Math.max(1, (mapOutputLargest + sortBuffer - 1) / sortBuffer);
    long reduceBuffer = PlanTool.reduceShuffleBuffer(plan);
    long perReducer = shuffleBytes / reducers;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mapTableBytes", needs);
    m.put("mapTableBudget", budget);
    m.put("mapOutputBytes", mapOutputLargest);
    m.put("mapSortBuffer", sortBuffer);
    m.put("mapSpills", spills);
    m.put("reduceInputBytes", perReducer);
    m.put("reduceShuffleBuffer", reduceBuffer);
    plan.section("memory", m, "map task", String.format("partial table ~%s for ~%,d groups, budget %s (flushes "
        + "at half); map output ~%s, sort buffer %s: %,d spill%s", JobPlan.bytes(needs), groupsInLargestTask,
        JobPlan.bytes(budget), JobPlan.bytes(mapOutputLargest), JobPlan.bytes(sortBuffer), spills,
        spills == 1 ? "" : "s"));
    plan.line("reduce task", String.format("~%s of partials in, in-memory shuffle buffer %s", JobPlan.bytes(perReducer),
        JobPlan.bytes(reduceBuffer)));
    if (needs > budget / 2) {
      plan.warn(String.format("a map task's partial table needs ~%s, over half its budget of %s: it flushes "
          + "and passes more partials to the shuffle", JobPlan.bytes(needs), JobPlan.bytes(budget)),
          "-D lakemr.aggregate.map.memory.fraction (or a larger task heap: mapreduce.map.memory.mb)");
    }
    if (spills > 1) {
      plan.warn(String.format("a map task writes ~%s of map output, over its sort buffer of %s: it spills %,d "
          + "times and merges", JobPlan.bytes(mapOutputLargest), JobPlan.bytes(sortBuffer), spills),
          "-D mapreduce.task.io.sort.mb=" + Math.min(2047, (mapOutputLargest >> 20) * 5 / 4 + 1));
    }
    if (perReducer > reduceBuffer) {
      plan.warn(String.format("a reducer receives ~%s, over its in-memory shuffle buffer of %s: it merges on disk",
          JobPlan.bytes(perReducer), JobPlan.bytes(reduceBuffer)),
          "--reducers " + (shuffleBytes + reduceBuffer - 1) / Math.max(1, reduceBuffer));
    }
  }
}
