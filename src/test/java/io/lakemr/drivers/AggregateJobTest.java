package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.agg.AggregateCounters;
import io.lakemr.testing.Csv;
import io.lakemr.testing.JobSummaries;
import io.lakemr.testing.LocalJobs;
import io.lakemr.testing.ParquetFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real aggregate jobs on the local job runner over Parquet written by parquet-java: several
 * files, row groups and Hive partition directories, nulls; results checked against values this
 * test computes itself; the combiner and the in-mapper table's flushing change nothing; bad
 * input and failed jobs behave as the README says.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AggregateJobTest {

  private static final Schema SCHEMA = SchemaBuilder.record("reading").fields()
      .requiredLong("id")
      .optionalString("station")
      .requiredString("status")
      .optionalDouble("value")
      .optionalInt("qty")
      .endRecord();
  private static final String[] REGIONS = {"eu", "us/west", null};
  private static final String[] REGION_DIRS = {"region=eu", "region=us%2Fwest", "region=__HIVE_DEFAULT_PARTITION__"};

  @TempDir
  static Path tmp;
  private Path input;
  private Configuration conf;
  /** (station, region) -> count(*), count(value), sum(value), sum(qty), min(qty), max(value). */
  private final Map<List<String>, Object[]> expected = new TreeMap<>((a, b) -> {
    for (int i = 0; i < a.size(); i++) {
      int c = Objects.compare(a.get(i), b.get(i), Comparator.nullsFirst(Comparator.<String>naturalOrder()));
      if (c != 0) {
        return c;
      }
    }
    return 0;
  });

  @BeforeAll
  void writeInput() throws Exception {
    conf = LocalJobs.conf(tmp);
    input = tmp.resolve("readings");
    SplittableRandom r = new SplittableRandom(5);
    long id = 0;
    for (int f = 0; f < 6; f++) {
      int region = f % 3;
      Path dir = input.resolve(REGION_DIRS[region]);
      Files.createDirectories(dir);
      List<GenericRecord> rows = new ArrayList<>();
      for (int i = 0; i < 20_000; i++) {
        GenericRecord g = new GenericData.Record(SCHEMA);
        String station = r.nextInt(50) == 0 ? null : "st-" + r.nextInt(40);
        Double value = r.nextInt(20) == 0 ? null : r.nextGaussian() * 10 + 50;
        Integer qty = r.nextInt(10) == 0 ? null : r.nextInt(-1000, 1000);
        g.put("id", id++);
        g.put("station", station);
        g.put("status", r.nextInt(10) == 0 ? "warn" : "ok");
        g.put("value", value);
        g.put("qty", qty);
        rows.add(g);
        Object[] e = expected.computeIfAbsent(Arrays.asList(station, REGIONS[region]),
            k -> new Object[] {0L, 0L, null, null, null, null});
        e[0] = (Long) e[0] + 1;
        if (value != null) {
          e[1] = (Long) e[1] + 1;
          e[2] = e[2] == null ? value : (Double) e[2] + value;
          e[5] = e[5] == null ? value : Math.max((Double) e[5], value);
        }
        if (qty != null) {
          e[3] = e[3] == null ? (long) qty : (Long) e[3] + qty;
          e[4] = e[4] == null ? qty : Math.min((Integer) e[4], qty);
        }
      }
      ParquetFiles.write(dir.resolve("part-" + f + ".parquet"), SCHEMA, rows,
          f % 2 == 0 ? CompressionCodecName.SNAPPY : CompressionCodecName.UNCOMPRESSED, 64 * 1024);
    }
    // what readers must skip
    Files.writeString(input.resolve("_SUCCESS"), "");
    Files.writeString(input.resolve(REGION_DIRS[0]).resolve(".hidden.parquet"), "not parquet");
    Files.createDirectories(input.resolve("_temporary/0"));
    Files.writeString(input.resolve("_temporary/0/junk.parquet"), "not parquet");
  }

  private static final String AGGS = "count(*),count(value),sum(value),sum(qty),min(qty),max(value)";
  private static final List<String> HEADER = List.of("station", "region", "count", "count_value", "sum_value",
      "sum_qty", "min_qty", "max_value");

  private Commands.Result aggregate(Path out, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("--input", input.toString(), "--group-by", "station,region",
        "--agg", AGGS, "--output", out.toString(), "--output-format", "csv"));
    args.addAll(List.of(more));
    return Commands.run(conf, "aggregate", args.toArray(new String[0]));
  }

  @Test
  void groupedResultsMatchAnIndependentComputation() throws Exception {
    Path out = tmp.resolve("grouped");
    Commands.Result r = aggregate(out, "--reducers", "1");
    assertEquals(0, r.exitCode(), r.toString());
    List<List<String>> rows = Csv.readParts(out, HEADER);
    assertEquals(expected.size(), rows.size());
    int i = 0;
    for (Map.Entry<List<String>, Object[]> e : expected.entrySet()) {
      List<String> row = rows.get(i++);
      Object[] x = e.getValue();
      assertEquals(e.getKey(), row.subList(0, 2), "groups come sorted, nulls first");
      assertEquals(x[0].toString(), row.get(2));
      assertEquals(x[1].toString(), row.get(3));
      assertEquals((Double) x[2], Double.parseDouble(row.get(4)), Math.abs((Double) x[2]) * 1e-12);
      assertEquals(Objects.toString(x[3], null), row.get(5));
      assertEquals(Objects.toString(x[4], null), row.get(6));
      assertEquals(x[5].toString(), row.get(7));
    }
  }

  @Test
  void combinerAndFlushingChangeNothing() throws Exception {
    Path a = tmp.resolve("with-combiner");
    Path b = tmp.resolve("without-combiner");
    assertEquals(0, aggregate(a, "--reducers", "2").exitCode());
    Configuration saved = conf;
    conf = new Configuration(saved);
    conf.setBoolean("lakemr.aggregate.combiner", false);
    conf.setLong("lakemr.aggregate.map.memory.bytes", 4096);
    try {
      Commands.Result r = aggregate(b, "--reducers", "2");
      assertEquals(0, r.exitCode(), r.toString());
    } finally {
      conf = saved;
    }
    for (String part : new String[] {"part-r-00000.csv", "part-r-00001.csv"}) {
      assertEquals(Files.readString(a.resolve(part)), Files.readString(b.resolve(part)), part);
    }
    long flushes = JobSummaries.counter(b, AggregateCounters.MAP_TABLE_FLUSHES);
    assertTrue(flushes > 1, "a 4 KB map table must flush more than once, flushed " + flushes);
    assertTrue(JobSummaries.counter(a, AggregateCounters.MAP_TABLE_FLUSHES) <= 0,
        "the default budget holds these groups without flushing");
  }

  @Test
  void globalAggregateAndEmptyInput() throws Exception {
    Path out = tmp.resolve("global");
    Commands.Result r = Commands.run(conf, "aggregate", "--input", input.toString(), "--agg", "count(*),sum(qty)",
        "--output", out.toString(), "--output-format", "csv");
    assertEquals(0, r.exitCode(), r.toString());
    long count = expected.values().stream().mapToLong(e -> (Long) e[0]).sum();
    long sum = expected.values().stream().mapToLong(e -> e[3] == null ? 0 : (Long) e[3]).sum();
    assertEquals(List.of(List.of(Long.toString(count), Long.toString(sum))),
        Csv.readParts(out, List.of("count", "sum_qty")));

    Path empty = Files.createDirectories(tmp.resolve("empty-input"));
    Path out2 = tmp.resolve("global-empty");
    r = Commands.run(conf, "aggregate", "--input", empty.toString(), "--format", "parquet", "--agg",
        "count(*)", "--output", out2.toString(), "--output-format", "csv");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(List.of(List.of("0")), Csv.readParts(out2, List.of("count")));
  }

  private void assertUsageError(Commands.Result r, Path out, String... fragments) {
    assertEquals(2, r.exitCode(), r.toString());
    String firstLine = r.err().lines().findFirst().orElse("");
    for (String f : fragments) {
      assertTrue(firstLine.contains(f), "'" + f + "' not in: " + firstLine);
    }
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    if (out != null) {
      assertFalse(Files.exists(out), out + " was created");
    }
  }

  @Test
  void badInputIsRefusedBeforeTheJob() throws Exception {
    Path out = tmp.resolve("never");
    assertUsageError(Commands.run(conf, "aggregate", "--input", tmp.resolve("nope").toString(), "--agg", "count(*)",
        "--output", out.toString()), out, "does not exist", "nope");
    Path fake = tmp.resolve("fake");
    Files.createDirectories(fake);
    Files.writeString(fake.resolve("data.parquet"), "station,status\nst-1,ok\n", StandardCharsets.UTF_8);
    assertUsageError(Commands.run(conf, "aggregate", "--input", fake.toString(), "--agg", "count(*)",
        "--output", out.toString()), out, "not a Parquet file", "data.parquet");
    assertUsageError(aggregate(out, "--partition-by", "nope"), out, "--partition-by", "nope");
    assertUsageError(Commands.run(conf, "aggregate", "--input", input.toString(), "--group-by", "statoin",
        "--agg", "count(*)", "--output", out.toString()), out, "--group-by", "statoin");
    assertUsageError(Commands.run(conf, "aggregate", "--input", input.toString(), "--agg", "sum(vlaue)",
        "--output", out.toString()), out, "--agg", "vlaue");
    assertUsageError(Commands.run(conf, "aggregate", "--input", input.toString(), "--agg", "median(value)",
        "--output", out.toString()), out, "median");
    assertUsageError(Commands.run(conf, "aggregate", "--input", input.toString(), "--agg", "sum(value",
        "--output", out.toString()), out, "malformed");
    assertUsageError(Commands.run(conf, "aggregate", "--input", input.toString(), "--agg", "count(*)",
        "--output", out.toString(), "--frobnicate", "1"), out, "--frobnicate");
    Path existing = Files.createDirectories(tmp.resolve("existing"));
    Files.writeString(existing.resolve("keep.txt"), "keep");
    assertUsageError(Commands.run(conf, "aggregate", "--input", input.toString(), "--agg", "count(*)",
        "--output", existing.toString()), null, "already exists");
    assertEquals("keep", Files.readString(existing.resolve("keep.txt")));
  }

  @Test
  void aFailedJobLeavesNothingAndOverwriteWaitsForSuccess() throws Exception {
    Path bad = Files.createDirectories(tmp.resolve("corrupt"));
    List<GenericRecord> rows = new ArrayList<>();
    SplittableRandom r = new SplittableRandom(9);
    for (int i = 0; i < 50_000; i++) {
      GenericRecord g = new GenericData.Record(SCHEMA);
      g.put("id", (long) i);
      g.put("station", "st-" + r.nextInt(1000));
      g.put("status", "ok");
      g.put("value", r.nextDouble());
      g.put("qty", r.nextInt());
      rows.add(g);
    }
    Path file = bad.resolve("broken.parquet");
    ParquetFiles.write(file, SCHEMA, rows, CompressionCodecName.UNCOMPRESSED, 1 << 20);
    byte[] bytes = Files.readAllBytes(file);
    for (int i = bytes.length / 3; i < bytes.length / 3 + 64; i++) {
      bytes[i] ^= 0x5A;
    }
    Files.write(file, bytes);

    Path out = tmp.resolve("overwritten");
    assertEquals(0, Commands.run(conf, "aggregate", "--input", input.toString(), "--agg", "count(*)", "--output",
        out.toString(), "--output-format", "csv").exitCode());
    String before = Files.readString(out.resolve("part-r-00000.csv"));

    Commands.Result failed = Commands.run(conf, "aggregate", "--input", bad.toString(), "--group-by", "station",
        "--agg", "count(*),sum(value),sum(qty)", "--output", out.toString(), "--mode", "overwrite", "--output-format",
        "csv");
    assertEquals(1, failed.exitCode(), failed.toString());
    String last = failed.err().strip().lines().reduce((a, b) -> b).orElse("");
    assertTrue(last.contains("broken.parquet") && last.contains("row group"), last);
    assertEquals(before, Files.readString(out.resolve("part-r-00000.csv")), "old output untouched");
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".lakemr")).toList(),
          "no staging left behind");
    }
    Path fresh = tmp.resolve("never-written");
    assertEquals(1, Commands.run(conf, "aggregate", "--input", bad.toString(), "--group-by", "station", "--agg",
        "sum(value),sum(qty)", "--output", fresh.toString()).exitCode());
    assertFalse(Files.exists(fresh));

    Commands.Result ok = Commands.run(conf, "aggregate", "--input", input.toString(), "--agg", "count(*),sum(qty)",
        "--output", out.toString(), "--mode", "overwrite", "--output-format", "csv");
    assertEquals(0, ok.exitCode(), ok.toString());
    long count = expected.values().stream().mapToLong(e -> (Long) e[0]).sum();
    long sum = expected.values().stream().mapToLong(e -> e[3] == null ? 0 : (Long) e[3]).sum();
    assertEquals(List.of(List.of(Long.toString(count), Long.toString(sum))),
        Csv.readParts(out, List.of("count", "sum_qty")), "the overwrite holds the new run's result");
  }

  @Test
  void integerSumOverflowFailsTheJob() throws Exception {
    Schema s = SchemaBuilder.record("big").fields().requiredLong("x").endRecord();
    Path dir = Files.createDirectories(tmp.resolve("big"));
    List<GenericRecord> rows = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      GenericRecord g = new GenericData.Record(s);
      g.put("x", Long.MAX_VALUE / 2);
      rows.add(g);
    }
    ParquetFiles.write(dir.resolve("big.parquet"), s, rows, CompressionCodecName.SNAPPY, 1 << 20);
    Path out = tmp.resolve("overflow");
    Commands.Result r = Commands.run(conf, "aggregate", "--input", dir.toString(), "--agg", "sum(x)", "--output",
        out.toString());
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.err().contains("sum(x) overflowed"), r.err());
    assertFalse(Files.exists(out));
  }
}
