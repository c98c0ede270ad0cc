package io.lakemr.drivers;

import io.lakemr.conf.LakemrConfig;
import io.lakemr.convert.ConvertPlan;
import io.lakemr.convert.MapSideBudget;
import io.lakemr.formats.output.BatchOutputFormat;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetOutputFormat;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * The shuffle, memory and output estimates of a conversion's plan: the rows it shuffles (when
 * it partitions or sorts) at the sample's bytes per row, the share of them the busiest reducer
 * gets (a partition goes to one reducer), and the files written at the file limits.
 */
final class ConvertCosts {

  /** How many times an even share of the shuffle the busiest reducer may get before a plan warns. */
  static final double SKEW = 1.5;

  private ConvertCosts() {
  }

  static void describe(JobPlan plan, ConvertSampleRows rows, ConvertPlan convert, int reducers, long partitions,
      boolean spread) {
    Configuration conf = plan.conf();
    long outBytes = plan.bytesPassed();
    long target = conf.getLong(LakemrConfig.OUTPUT_FILE_MAX_BYTES, 0);
    long maxRows = conf.getLong(LakemrConfig.OUTPUT_FILE_MAX_ROWS, 0);
    long bySize = target > 0 ? (outBytes + target - 1) / target : 1;
    long byRows = maxRows > 0 ? (plan.rowsPassed() + maxRows - 1) / maxRows : 1;
    boolean mapSide = conf.getBoolean(LakemrConfig.CONVERT_MAP_SIDE, false);
    long files;
    if (mapSide) {
      // each map task writes the partitions its rows hold, at worst all of them
      files = Math.max(partitions, Math.min(plan.mapTasks() * Math.max(1, partitions), plan.rowsPassed()))
          + Math.max(bySize, byRows) - 1;
    } else if (!convert.shuffles()) {
      files = Math.max(plan.mapTasks(), Math.max(bySize, byRows));
    } else if (partitions > 0) {
      files = partitions + Math.max(bySize, byRows) - 1;
    } else {
      files = Math.max(reducers, Math.max(bySize, byRows));
    }
    plan.section("outputFiles", files, "files", String.format("~%,d output file%s (~%s at most %s each)", files,
        files == 1 ? "" : "s", JobPlan.bytes(outBytes), target > 0 ? JobPlan.bytes(target) : "unlimited"));
    if (partitions > 0) {
      plan.section("partitions", partitions, "partitions", String.format("~%,d (%,d in the sample)", partitions,
          rows.partitions().distinct()));
    }
    if (convert.shuffles() && !mapSide) {
      describeShuffle(plan, rows, reducers, partitions, spread);
    }
    if (mapSide) {
      MapSideBudget budget = MapSideBudget.of(conf, plan.taskHeap("map"));
      plan.line("writer", String.format("at most %d open files a map task, each buffering a row group of at most %s, "
          + "and %s of rows gathered by partition, in a %s heap", budget.maxOpenFiles(),
          JobPlan.bytes(budget.rowGroupBytes()), JobPlan.bytes(budget.bufferBytes()),
          JobPlan.bytes(plan.taskHeap("map"))));
    } else if (BatchOutputFormat.getOutputFormat(conf).name().equals("parquet")) {
      describeWriter(plan, conf, convert.shuffles() ? "reduce" : "map");
    }
  }

  /** A Parquet writer buffers a row group before it writes it. */
  private static void describeWriter(JobPlan plan, Configuration conf, String kind) {
    long rowGroup = conf.getLong(ParquetOutputFormat.BLOCK_SIZE, ParquetWriter.DEFAULT_BLOCK_SIZE);
    long heap = plan.taskHeap(kind);
    plan.line("writer", String.format("one open file per task, buffering up to a row group of %s, in a %s heap",
        JobPlan.bytes(rowGroup), JobPlan.bytes(heap)));
    if (rowGroup > heap / 2) {
      plan.warn(String.format("a Parquet row group of %s is over half the task heap of %s", JobPlan.bytes(rowGroup),
          JobPlan.bytes(heap)), "--row-group-size (or a larger task heap: mapreduce." + kind + ".memory.mb)");
    }
  }

  private static void describeShuffle(JobPlan plan, ConvertSampleRows rows, int reducers, long partitions,
      boolean spread) {
    long records = plan.rowsPassed();
    long bytes = Math.round(records * rows.bytesPerRow());
    KeyCounts p = rows.partitions();
    // a partition's rows go to one reducer unless the job spreads it: the busiest gets the largest
    // partition or an even share
    double share = 1.0 / reducers;
    if (partitions > 0 && p.rows() > 0 && !spread) {
      share = Math.max(share, (double) p.largest() / p.rows());
    }
    long busiest = Math.round(bytes * share);
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("records", records);
    s.put("bytes", bytes);
    s.put("reducers", reducers);
    s.put("largestReducerBytes", busiest);
    plan.section("shuffle", s, "shuffle", String.format("~%,d rows, ~%s of map output to %,d reducer%s (the busiest "
        + "~%s)", records, JobPlan.bytes(bytes), reducers, reducers == 1 ? "" : "s", JobPlan.bytes(busiest)));
    long sortBuffer = PlanTool.sortBuffer(plan.conf());
    long perTask = Math.round(Arrays.stream(plan.rowsPassedPerTask()).max().orElse(0) * rows.bytesPerRow());
    long spills = Math.max(1, (perTask + sortBuffer - 1) / sortBuffer);
    long reduceBuffer = PlanTool.reduceShuffleBuffer(plan);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("mapOutputBytes", perTask);
    m.put("mapSortBuffer", sortBuffer);
    m.put("mapSpills", spills);
    m.put("reduceInputBytes", busiest);
    m.put("reduceShuffleBuffer", reduceBuffer);
    plan.section("memory", m, "map task", String.format("map output ~%s, sort buffer %s: %,d spill%s",
        JobPlan.bytes(perTask), JobPlan.bytes(sortBuffer), spills, spills == 1 ? "" : "s"));
    plan.line("reduce task", String.format("~%s in (the busiest), in-memory shuffle buffer %s", JobPlan.bytes(busiest),
        JobPlan.bytes(reduceBuffer)));
    if (spills > 1) {
      plan.warn(String.format("a map task writes ~%s of map output, over its sort buffer of %s: it spills %,d times "
          + "and merges", JobPlan.bytes(perTask), JobPlan.bytes(sortBuffer), spills),
          "-D mapreduce.task.io.sort.mb=" + Math.min(2047, (perTask >> 20) * 5 / 4 + 1));
    }
    if (partitions > 1 && reducers > 1 && share * Math.min(reducers, partitions) > SKEW) {
      plan.warn(String.format("skewed partitions: the largest holds %.0f%% of the sampled rows, and all of them go "
          + "to one reducer", 100 * share), "--partition-by a column that spreads the rows (or fewer --reducers)");
    }
  }
}
