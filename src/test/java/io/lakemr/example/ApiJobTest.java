package io.lakemr.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.api.InputSpec;
import io.lakemr.api.LakemrInput;
import io.lakemr.api.LakemrOutput;
import io.lakemr.api.OutputSpec;
import io.lakemr.api.OutputWriter;
import io.lakemr.api.TableColumn;
import io.lakemr.api.TableColumns;
import io.lakemr.api.ValueType;
import io.lakemr.api.WriteMode;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.drivers.Commands;
import io.lakemr.formats.parquet.ParquetCounters;
import io.lakemr.testing.DuckDb;
import io.lakemr.testing.LocalJobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link DailyStations}, a job written against the public API only, run on the local job
 * runner over Parquet made by {@code lakemr generate} in two Hive-style region directories:
 * the filter reaches the mapper and prunes the other region before any row is read, and the
 * published, day-partitioned output holds what DuckDB computes from the same input.
 */
class ApiJobTest {

  @TempDir
  Path tmp;

  @Test
  void aUserJobReadsFilteredInputAndPublishesPartitionedRows() throws Exception {
    Configuration conf = LocalJobs.conf(tmp);
    Path in = tmp.resolve("in");
    generate(conf, in.resolve("region=north"), 7, 12_000);
    generate(conf, in.resolve("region=south"), 8, 9_000);
    String out = tmp.resolve("lake").resolve("daily").toString();

    Job job = DailyStations.newJob(conf, in.toString());
    assertEquals(List.of(TableColumn.of("ts", ValueType.LONG), TableColumn.of("station", ValueType.STRING),
        TableColumn.of("value", ValueType.DOUBLE)), LakemrInput.schema(job.getConfiguration()).list());
    try (LakemrOutput output = LakemrOutput.configure(job, DailyStations.outputSpec(out))) {
      assertFalse(Files.exists(Path.of(out)), "nothing is visible before publishing");
      assertTrue(job.waitForCompletion(false));
      assertFalse(Files.exists(Path.of(out)), "nothing is visible before publishing");
      output.publish(job);
    }
    assertEquals(12_000, job.getCounters().findCounter(ParquetCounters.ROWS).getValue(),
        "the south region's files are pruned by the pushed-down filter");
    assertTrue(Files.exists(Path.of(out, "_SUCCESS")));
    try (Stream<Path> beside = Files.list(Path.of(out).getParent())) {
      assertEquals(List.of("daily"), beside.map(p -> p.getFileName().toString()).toList());
    }
    assertEquals(expected(in.resolve("region=north")), published(out));

    IllegalArgumentException again = assertThrows(IllegalArgumentException.class,
        () -> ToolRunner.run(conf, new DailyStations(), new String[] {in.toString(), out}));
    assertTrue(again.getMessage().contains("already exists"), again.getMessage());
  }

  /** A map-only job handing whole input batches, filtered, to the output writer. */
  public static class CopyMapper extends Mapper<NullWritable, VectorizedRowBatch, NullWritable, NullWritable> {

    private OutputWriter out;

    @Override
    protected void setup(Context context) throws IOException, InterruptedException {
      out = LakemrOutput.writer(context);
    }

    @Override
    protected void map(NullWritable key, VectorizedRowBatch batch, Context context) throws IOException {
      out.write(batch);
    }

    @Override
    protected void cleanup(Context context) throws IOException {
      out.close();
    }
  }

  @Test
  void aMapOnlyJobReadsATableAndWritesWholeBatchesOverwriting() throws Exception {
    Configuration conf = LocalJobs.conf(tmp);
    conf.set(LakemrConfig.CATALOG_DIR, tmp.resolve("catalog").toUri().toString());
    Path in = tmp.resolve("sensors");
    generate(conf, in, 3, 8_000);
    Commands.Result registered = Commands.run(conf, "catalog", "register", "sensors", "--location", in.toString());
    assertEquals(0, registered.exitCode(), registered.toString());
    Path out = tmp.resolve("high");
    Files.createDirectories(out.resolve("status=stale"));
    Files.writeString(out.resolve("status=stale").resolve("old.csv"), "x\n");

    Job job = Job.getInstance(conf, "high readings");
    TableColumns columns = LakemrInput.configure(job, InputSpec.builder().input("table:sensors")
        .columns("station", "value", "status").where("value > 70 OR value < 30").build());
    job.setMapperClass(CopyMapper.class);
    job.setNumReduceTasks(0);
    try (LakemrOutput output = LakemrOutput.configure(job, OutputSpec.builder(out.toString()).format("csv")
        .columns(columns).partitionBy("status").mode(WriteMode.OVERWRITE).build())) {
      assertTrue(job.waitForCompletion(false));
      output.publish(job);
    }
    assertFalse(Files.exists(out.resolve("status=stale")), "overwrite replaced the old output");
    try (DuckDb duck = new DuckDb()) {
      List<List<Object>> want = duck.query("SELECT status, count(*), round(sum(value), 6) FROM read_parquet('" + in
          + "/*.parquet') WHERE value > 70 OR value < 30 GROUP BY status ORDER BY status");
      List<List<Object>> got = duck.query("SELECT status, count(*), round(sum(value), 6) FROM read_csv('" + out
          + "/*/*.csv', hive_partitioning = true) GROUP BY status ORDER BY status");
      assertEquals(3, want.size());
      assertEquals(want.toString(), got.toString());
    }
  }

  /** A mapper whose task fails. */
  public static class FailingMapper extends Mapper<NullWritable, VectorizedRowBatch, NullWritable, NullWritable> {

    @Override
    protected void map(NullWritable key, VectorizedRowBatch batch, Context context) {
      throw new IllegalStateException("this task fails");
    }
  }

  @Test
  void aFailedJobPublishesNothingAndLeavesNothingBehind() throws Exception {
    Configuration conf = LocalJobs.conf(tmp);
    conf.setInt("mapreduce.map.maxattempts", 1);
    Path in = tmp.resolve("in");
    generate(conf, in, 5, 1_000);
    Path out = tmp.resolve("lake").resolve("failed");
    Job job = Job.getInstance(conf, "failing");
    TableColumns columns = LakemrInput.configure(job, InputSpec.builder().input(in.toString()).build());
    job.setMapperClass(FailingMapper.class);
    job.setNumReduceTasks(0);
    try (LakemrOutput output = LakemrOutput.configure(job, OutputSpec.builder(out.toString()).columns(columns).build())) {
      assertFalse(job.waitForCompletion(false));
      IOException e = assertThrows(IOException.class, () -> output.publish(job));
      assertTrue(e.getMessage().contains("did not succeed"), e.getMessage());
    }
    try (Stream<Path> beside = Files.list(out.getParent())) {
      assertEquals(List.of(), beside.toList(), "no output, staging, scratch or lock is left");
    }
  }

  private static void generate(Configuration conf, Path dir, int seed, int rows) throws Exception {
    Commands.Result r = Commands.run(conf, "generate", "--rows", Integer.toString(rows), "--files", "2",
        "--seed", Integer.toString(seed), "--output", dir.toString());
    assertEquals(0, r.exitCode(), r.toString());
  }

  /** DuckDB's answer over the north region: day|station -> readings, total, peak. */
  private static Map<String, String> expected(Path north) throws Exception {
    try (DuckDb duck = new DuckDb()) {
      return rows(duck.query("SELECT CAST(epoch_ms(ts) AS DATE)::VARCHAR, station, count(*), sum(value), max(value) "
          + "FROM read_parquet('" + north + "/*.parquet') WHERE status = 'ok' AND value > 55 GROUP BY ALL"));
    }
  }

  /** The published output, read by DuckDB as a Hive-partitioned table. */
  private static Map<String, String> published(String out) throws Exception {
    try (Stream<Path> days = Files.list(Path.of(out))) {
      assertTrue(days.filter(Files::isDirectory).allMatch(d -> d.getFileName().toString().startsWith("day=")));
    }
    try (DuckDb duck = new DuckDb()) {
      return rows(duck.query("SELECT day::VARCHAR, station, readings, total, peak FROM read_parquet('" + out
          + "/*/*.parquet', hive_partitioning = true)"));
    }
  }

  private static Map<String, String> rows(List<List<Object>> rows) {
    Map<String, String> out = new TreeMap<>();
    for (List<Object> r : rows) {
      String value = String.format("%d %.6f %.6f", ((Number) r.get(2)).longValue(), ((Number) r.get(3)).doubleValue(),
          ((Number) r.get(4)).doubleValue());
      assertEquals(null, out.put(r.get(0) + "|" + r.get(1), value), "one row per day and station");
    }
    assertTrue(out.size() > 100, "groups: " + out.size());
    return out;
  }
}
