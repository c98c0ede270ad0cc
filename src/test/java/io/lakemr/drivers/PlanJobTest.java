package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakemr.agg.AggregateCounters;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.expr.RowCounters;
import io.lakemr.formats.output.OutputCounters;
import io.lakemr.formats.parquet.ParquetCounters;
import io.lakemr.testing.JobSummaries;
import io.lakemr.testing.LocalJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.TaskCounter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan} against the real run: the same options planned, then run, on the sample sensor
 * table as {@code generate} writes it in Parquet, CSV and HDF5. Rows and map tasks must be
 * exact where metadata has them (Parquet footers, HDF5 shapes), CSV rows within
 * {@value #ROWS_FACTOR}x, distinct groups within {@value #GROUPS_FACTOR}x and shuffle bytes
 * within {@value #BYTES_FACTOR}x of the run's counters; planning writes nothing.
 */
@Timeout(120)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlanJobTest {

  /** Estimated rows (text input) against the rows read. */
  static final double ROWS_FACTOR = 1.25;
  /** Estimated distinct groups against the groups written. */
  static final double GROUPS_FACTOR = 1.5;
  /** Estimated shuffle bytes against the map output bytes. */
  static final double BYTES_FACTOR = 2.5;

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir
  static Path tmp;
  private Configuration conf;
  private int runs;

  @BeforeAll
  void generate() throws Exception {
    conf = LocalJobs.conf(tmp);
    conf.setLong("mapreduce.input.fileinputformat.split.maxsize", 512L << 10);
    generate("parquet", 100_000, 2);
    generate("csv", 40_000, 2);
    generate("hdf5", 60_000, 2);
  }

  private void generate(String format, long rows, int files) throws Exception {
    Commands.Result r = Commands.run(conf, "generate", "--rows", String.valueOf(rows), "--files",
        String.valueOf(files), "--format", format, "--output", tmp.resolve(format).toString());
    assertEquals(0, r.exitCode(), r.toString());
  }

  /** Plans a command as JSON, checking that nothing was written beside the output. */
  private JsonNode plan(String command, Path output, String... args) throws Exception {
    List<String> before = listing(output.getParent());
    List<String> all = new ArrayList<>(List.of(command));
    all.addAll(List.of(args));
    all.addAll(List.of("--json", "--output", output.toString()));
    Commands.Result r = Commands.run(conf, "plan", all.toArray(new String[0]));
    assertEquals(0, r.exitCode(), r.toString());
    assertFalse(Files.exists(output), "plan created the output " + output);
    assertEquals(before, listing(output.getParent()), "plan wrote beside the output");
    return JSON.readTree(r.out());
  }

  private Path run(String command, Path output, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("--output", output.toString()));
    all.addAll(List.of(args));
    Commands.Result r = Commands.run(conf, command, all.toArray(new String[0]));
    assertEquals(0, r.exitCode(), r.toString());
    return output;
  }

  private static List<String> listing(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static void assertWithin(double factor, long expected, long estimate, String what) {
    assertTrue(estimate <= expected * factor && estimate * factor >= expected,
        what + ": estimated " + estimate + ", the run had " + expected + " (allowed factor " + factor + ")");
  }

  /** Plans and runs an aggregation with one reducer, so that every map task's output is shuffled once. */
  private void compareAggregate(String input, boolean exactRows, String... options) throws Exception {
    Path output = tmp.resolve("out-" + runs++);
    List<String> args = new ArrayList<>(List.of("--input", tmp.resolve(input).toString(), "--reducers", "1"));
    args.addAll(List.of(options));
    String[] a = args.toArray(new String[0]);
    List<String> planArgs = new ArrayList<>();
    if (!exactRows) {
      // a sample of part of each split: the rows are estimated from its rows per byte
      planArgs.addAll(List.of("-D", LakemrConfig.PLAN_SAMPLE_ROWS + "=8000"));
    }
    planArgs.addAll(args);
    JsonNode plan = plan("aggregate", output, planArgs.toArray(new String[0]));
    run("aggregate", output, a);
    long rowsRead = JobSummaries.counter(output, RowCounters.ROWS_READ);
    if (exactRows) {
      assertTrue(plan.path("rows").path("exact").asBoolean(), plan.toString());
      assertEquals(rowsRead, plan.path("rows").path("read").asLong(), "rows read");
    } else {
      assertFalse(plan.path("rows").path("exact").asBoolean(), plan.toString());
      assertWithin(ROWS_FACTOR, rowsRead, plan.path("rows").path("read").asLong(), "rows read");
    }
    assertEquals(JobSummaries.counter(output, TaskCounter.SHUFFLED_MAPS), plan.path("splits").path("mapTasks").asLong(),
        "map tasks");
    assertWithin(GROUPS_FACTOR, JobSummaries.counter(output, AggregateCounters.GROUPS_OUT),
        plan.path("groups").path("estimate").asLong(), "groups");
    assertWithin(BYTES_FACTOR, JobSummaries.counter(output, TaskCounter.MAP_OUTPUT_BYTES),
        plan.path("shuffle").path("bytes").asLong(), "shuffle bytes");
  }

  @Test
  void parquetAggregateMatchesTheRun() throws Exception {
    compareAggregate("parquet", true, "--group-by", "station", "--agg", "count(*),avg(value)",
        "--where", "status = 'ok'");
  }

  @Test
  void csvAggregateMatchesTheRunWithEstimatedRows() throws Exception {
    compareAggregate("csv", false, "--group-by", "status,station", "--agg", "count(*),max(value)");
  }

  /** High cardinality: about rows / 10 sensor ids, most seen once or twice in the sample. */
  @Test
  void hdf5AggregateMatchesTheRun() throws Exception {
    compareAggregate("hdf5", true, "--dataset", "/sensors", "--group-by", "sensor_id", "--agg", "count(*),min(value)");
  }

  @Test
  void partitionedConvertAndPrunedAggregateMatchTheRuns() throws Exception {
    Path table = tmp.resolve("by-status");
    String[] args = {"--input", tmp.resolve("parquet").toString(), "--partition-by", "status", "--reducers", "2"};
    JsonNode plan = plan("convert", table, args);
    run("convert", table, args);
    assertEquals(JobSummaries.counter(table, RowCounters.ROWS_READ), plan.path("rows").path("read").asLong());
    // the partition directories written (a spread partition is written by several reducers)
    assertEquals(JSON.readTree(table.resolve(JobSummary.FILE_NAME).toFile()).path("partitions").size(),
        plan.path("partitions").asLong());
    assertEquals(JobSummaries.counter(table, TaskCounter.MAP_OUTPUT_RECORDS),
        plan.path("shuffle").path("records").asLong());
    assertWithin(BYTES_FACTOR, JobSummaries.counter(table, TaskCounter.MAP_OUTPUT_BYTES),
        plan.path("shuffle").path("bytes").asLong(), "shuffle bytes");
    assertWithin(2, JobSummaries.counter(table, OutputCounters.FILES_WRITTEN), plan.path("outputFiles").asLong(),
        "output files");
    // 90% of the rows are 'ok': the job spreads them over both reducers, so the plan does not warn;
    // with spreading off they all go to one of the two reducers, and it does
    assertFalse(plan.path("warnings").toString().contains("skewed partitions"), plan.toString());
    String[] unspread = {"-D", "lakemr.convert.skew.enabled=false", "--input", tmp.resolve("parquet").toString(),
        "--partition-by", "status", "--reducers", "2"};
    JsonNode skewed = plan("convert", tmp.resolve("by-status-unspread"), unspread);
    assertTrue(skewed.path("warnings").toString().contains("skewed partitions"), skewed.toString());

    Path output = tmp.resolve("out-" + runs++);
    String[] where = {"--input", table.toString(), "--where", "status = 'fail'", "--group-by", "station",
        "--agg", "count(*)"};
    JsonNode pruned = plan("aggregate", output, where);
    run("aggregate", output, where);
    assertEquals(2, pruned.path("input").path("directoriesPruned").asInt(), pruned.toString());
    assertEquals(JobSummaries.counter(output, RowCounters.ROWS_READ), pruned.path("rows").path("read").asLong());
  }

  @Test
  void rowGroupsSkippedByStatisticsAreThoseTheReadersSkip() throws Exception {
    Path sorted = tmp.resolve("sorted");
    run("convert", sorted, "--input", tmp.resolve("parquet").toString(), "--sort-by", "sensor_id",
        "--row-group-size", "64k", "--reducers", "1");
    Path output = tmp.resolve("out-" + runs++);
    String[] args = {"--input", sorted.toString(), "--where", "sensor_id < 2000", "--agg", "count(*)"};
    JsonNode plan = plan("aggregate", output, args);
    run("aggregate", output, args);
    long skipped = JobSummaries.counter(output, ParquetCounters.ROW_GROUPS_SKIPPED);
    assertTrue(skipped > 0, "the run skipped no row group");
    assertEquals(skipped, plan.path("rows").path("pushdownSkips").path("row_groups").asLong(), plan.toString());
    assertEquals(JobSummaries.counter(output, RowCounters.ROWS_READ), plan.path("rows").path("read").asLong());
    assertEquals(JobSummaries.counter(output, TaskCounter.SHUFFLED_MAPS), plan.path("splits").path("mapTasks").asLong());
  }

  @Test
  void badUsageExitsTwoWithTheCommandsOwnOneLineError() throws Exception {
    String input = tmp.resolve("parquet").toString();
    String output = tmp.resolve("never").toString();
    Commands.Result plan = Commands.run(conf, "plan", "aggregate", "--input", input, "--agg", "count(*)",
        "--output", output, "--bogus", "1");
    Commands.Result command = Commands.run(conf, "aggregate", "--input", input, "--agg", "count(*)",
        "--output", output, "--bogus", "1");
    assertEquals(2, plan.exitCode(), plan.toString());
    String line = plan.err().lines().findFirst().orElseThrow();
    assertTrue(line.startsWith("lakemr plan aggregate: unknown option --bogus"), line);
    assertEquals(command.err().lines().findFirst().orElseThrow().replace("lakemr aggregate:", ""),
        line.replace("lakemr plan aggregate:", ""));
    Commands.Result inside = Commands.run(conf, "plan", "convert", "--input", input, "--output",
        tmp.resolve("parquet").resolve("x").toString());
    assertEquals(2, inside.exitCode(), inside.toString());
    assertTrue(inside.err().startsWith("lakemr plan convert: --output"), inside.err());
    Commands.Result what = Commands.run(conf, "plan", "compact");
    assertEquals(2, what.exitCode(), what.toString());
    assertFalse(Files.exists(tmp.resolve("never")));
  }

  @Test
  void textPlanNamesWhatItCounts() throws Exception {
    Commands.Result r = Commands.run(conf, "plan", "aggregate", "--input", tmp.resolve("parquet").toString(),
        "--group-by", "station", "--agg", "count(*)", "--output", tmp.resolve("text-plan").toString());
    assertEquals(0, r.exitCode(), r.toString());
    for (String label : List.of("input", "splits", "rows", "groups", "shuffle", "files", "map task", "output")) {
      assertTrue(r.out().contains("\n  " + label + " "), label + " missing in\n" + r.out());
    }
    assertTrue(r.out().contains("100,000 read (exact"), r.out());
    assertFalse(Files.exists(tmp.resolve("text-plan")));
  }
}
