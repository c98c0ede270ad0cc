package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakemr.testing.Csv;
import io.lakemr.testing.LocalJobs;
import io.lakemr.testing.ParquetFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Write modes on real jobs: overwrite-partitions replaces only the partitions a run writes
 * (the others byte-identical), append adds uniquely named files and never replaces one (two
 * appends at once included), a failed job changes nothing in any mode; and {@code _lakemr.json}
 * parses and its numbers account for every row.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WriteModesJobTest {

  @TempDir
  static Path tmp;
  private Configuration conf;
  private Path inputA;
  private Path inputB;
  private Path corrupt;

  @BeforeAll
  void writeInputs() throws Exception {
    conf = LocalJobs.conf(tmp);
    inputA = Files.createDirectories(tmp.resolve("a"));
    ParquetFiles.write(inputA.resolve("a.parquet"), OutputFormatsJobTest.SCHEMA,
        OutputFormatsJobTest.events(new String[] {"p1", "p2", "p3", null}, 300, 1), CompressionCodecName.SNAPPY, 32 * 1024);
    inputB = Files.createDirectories(tmp.resolve("b"));
    ParquetFiles.write(inputB.resolve("b.parquet"), OutputFormatsJobTest.SCHEMA,
        OutputFormatsJobTest.events(new String[] {"p2", "p4"}, 500, 2), CompressionCodecName.SNAPPY, 32 * 1024);
    corrupt = Files.createDirectories(tmp.resolve("corrupt"));
    List<GenericRecord> rows = new ArrayList<>();
    for (int i = 0; i < 40_000; i++) {
      GenericRecord g = new GenericData.Record(OutputFormatsJobTest.SCHEMA);
      g.put("tag", "p" + (i % 7));
      g.put("k", (long) i);
      g.put("v", (double) i);
      g.put("name", "n" + i);
      rows.add(g);
    }
    Path file = corrupt.resolve("broken.parquet");
    ParquetFiles.write(file, OutputFormatsJobTest.SCHEMA, rows, CompressionCodecName.UNCOMPRESSED, 1 << 20);
    byte[] bytes = Files.readAllBytes(file);
    for (int i = bytes.length / 3; i < bytes.length / 3 + 64; i++) {
      bytes[i] ^= 0x5A;
    }
    Files.write(file, bytes);
  }

  private Commands.Result run(Path input, Path out, String mode, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("--input", input.toString(), "--group-by", "tag,k", "--agg",
        "count(*),sum(v)", "--partition-by", "tag", "--output", out.toString(), "--output-format", "csv",
        "--mode", mode, "--reducers", "2"));
    args.addAll(List.of(more));
    return Commands.run(conf, "aggregate", args.toArray(new String[0]));
  }

  /** Every file under a directory (checksums and hidden files included) with its bytes. */
  private static Map<String, byte[]> snapshot(Path dir) throws Exception {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return out;
  }

  private static void assertSame(Map<String, byte[]> before, Map<String, byte[]> after, String prefix) {
    for (Map.Entry<String, byte[]> e : before.entrySet()) {
      if (e.getKey().startsWith(prefix)) {
        assertTrue(after.containsKey(e.getKey()), e.getKey() + " is gone");
        assertTrue(Arrays.equals(e.getValue(), after.get(e.getKey())), e.getKey() + " changed");
      }
    }
  }

  private static void assertNoScratchLeft() throws Exception {
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".lakemr")).toList());
    }
  }

  @Test
  void overwritePartitionsReplacesOnlyThePartitionsWritten() throws Exception {
    Path out = tmp.resolve("op");
    assertEquals(0, run(inputA, out, "error").exitCode());
    Map<String, byte[]> before = snapshot(out);
    Commands.Result r = run(inputB, out, "overwrite-partitions");
    assertEquals(0, r.exitCode(), r.toString());
    Map<String, byte[]> after = snapshot(out);
    assertSame(before, after, "tag=p1/");
    assertSame(before, after, "tag=p3/");
    assertSame(before, after, "tag=__HIVE_DEFAULT_PARTITION__/");
    List<List<String>> p2 = Csv.readParts(out.resolve("tag=p2"), List.of("k", "count", "sum_v"));
    long p2Rows = p2.stream().mapToLong(row -> Long.parseLong(row.get(1))).sum();
    assertEquals(500, p2Rows, "p2 holds only the new run's rows");
    assertTrue(Files.isDirectory(out.resolve("tag=p4")));
    JsonNode summary = new ObjectMapper().readTree(out.resolve("_lakemr.json").toFile());
    assertEquals("overwrite-partitions", summary.get("mode").asText());
    assertEquals(2, summary.get("partitions").size(), "this run's partitions");
    assertNoScratchLeft();

    // unpartitioned output cannot be overwritten partition by partition
    Commands.Result bad = Commands.run(conf, "aggregate", "--input", inputB.toString(), "--agg", "count(*)",
        "--output", out.toString(), "--mode", "overwrite-partitions");
    assertEquals(2, bad.exitCode(), bad.toString());
    assertTrue(bad.err().contains("--partition-by"), bad.err());
  }

  @Test
  void aFailedJobChangesNothingInAnyMode() throws Exception {
    Path out = tmp.resolve("failing");
    assertEquals(0, run(inputA, out, "error").exitCode());
    Map<String, byte[]> before = snapshot(out);
    for (String mode : new String[] {"overwrite", "overwrite-partitions", "append"}) {
      Commands.Result r = run(corrupt, out, mode);
      assertEquals(1, r.exitCode(), mode + ": " + r);
      Map<String, byte[]> after = snapshot(out);
      assertEquals(before.keySet(), after.keySet(), mode);
      assertSame(before, after, "");
      assertNoScratchLeft();
    }
    Commands.Result r = Commands.run(conf, "aggregate", "--input", corrupt.toString(), "--group-by", "tag", "--agg",
        "count(*),sum(v),count_distinct(name)", "--partition-by", "tag", "--output", out.toString(), "--mode",
        "overwrite-partitions");
    assertEquals(1, r.exitCode(), r.toString());
    assertSame(before, snapshot(out), "");
    assertNoScratchLeft();
  }

  @Test
  void appendAddsUniquelyNamedFilesAndNeverReplaces() throws Exception {
    Path out = tmp.resolve("appended");
    assertEquals(0, run(inputA, out, "append").exitCode(), "append creates a missing output");
    Map<String, byte[]> first = snapshot(out);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      Future<Commands.Result> x = pool.submit(() -> run(inputB, out, "append"));
      Future<Commands.Result> y = pool.submit(() -> run(inputB, out, "append"));
      assertEquals(0, x.get().exitCode(), x.get().toString());
      assertEquals(0, y.get().exitCode(), y.get().toString());
    } finally {
      pool.shutdown();
    }
    Map<String, byte[]> after = snapshot(out);
    for (Map.Entry<String, byte[]> e : first.entrySet()) {
      if (!e.getKey().startsWith("_") && !e.getKey().startsWith("._")) {
        assertTrue(Arrays.equals(e.getValue(), after.get(e.getKey())), e.getKey() + " replaced");
      }
    }
    List<String> p2Files;
    try (Stream<Path> s = Files.list(out.resolve("tag=p2"))) {
      p2Files = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv")).sorted().toList();
    }
    assertTrue(p2Files.size() >= 3, "one file per run at least: " + p2Files);
    for (String f : p2Files) {
      assertTrue(f.matches("part-job_[A-Za-z0-9_]+-r-\\d{5}(-\\d+)?\\.csv"), f);
    }
    long rows = Csv.readParts(out.resolve("tag=p2"), List.of("k", "count", "sum_v")).stream()
        .mapToLong(row -> Long.parseLong(row.get(1))).sum();
    assertEquals(300 + 500 + 500, rows, "every run's rows are there");
    assertNoScratchLeft();
  }

  @Test
  void jobSummaryParsesAndAccounts() throws Exception {
    Path out = tmp.resolve("summarized");
    Commands.Result r = run(inputA, out, "error");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
    JsonNode s = new ObjectMapper().readTree(out.resolve("_lakemr.json").toFile());
    assertEquals("aggregate", s.get("command").asText());
    assertTrue(s.get("arguments").toString().contains("--partition-by"), s.get("arguments").toString());
    assertEquals(List.of(inputA.toString()), List.of(s.get("inputs").get(0).asText()));
    assertFalse(s.get("lakemr_version").asText().isEmpty());
    assertNotEquals("unknown", s.get("lakemr_version").asText());
    JsonNode rows = s.get("rows");
    assertEquals(1200, rows.get("read").asLong());
    assertEquals(rows.get("read").asLong(), rows.get("passed").asLong() + rows.get("filtered_out").asLong());
    long outRows = 0;
    Map<String, Long> perPartition = new HashMap<>();
    try (Stream<Path> dirs = Files.list(out)) {
      for (Path d : dirs.filter(Files::isDirectory).toList()) {
        long n = Csv.readParts(d, List.of("k", "count", "sum_v")).size();
        perPartition.put(d.getFileName() + "/", n);
        outRows += n;
      }
    }
    assertEquals(outRows, rows.get("written").asLong());
    assertEquals(outRows, s.get("groups_out").asLong());
    Map<String, Long> logged = new HashMap<>();
    for (JsonNode p : s.get("partitions")) {
      logged.put(p.get("path").asText(), p.get("rows").asLong());
      assertTrue(p.get("values").has("tag"));
    }
    assertEquals(perPartition, logged);
    JsonNode nullPartition = null;
    for (JsonNode p : s.get("partitions")) {
      if (p.get("path").asText().contains("__HIVE_DEFAULT_PARTITION__")) {
        nullPartition = p;
      }
    }
    assertTrue(nullPartition != null && nullPartition.get("values").get("tag").isNull());
    assertTrue(s.get("counters").get("lakemr aggregate").has("io.lakemr.agg.AggregateCounters"));
    assertTrue(s.get("started").asText().compareTo(s.get("finished").asText()) <= 0);
    assertFalse(Files.exists(out.resolve("_lakemr_partitions")), "side files removed");
  }
}
