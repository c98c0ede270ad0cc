package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.testing.DuckDb;
import io.lakemr.testing.LocalJobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convert --partition-by} of an input where one partition holds 90% of the rows, with 4
 * reducers, on the local job runner: with skew handling the reducers' input rows (as the summary
 * records them) are within 2x of each other and the large partition's files come from several
 * reducers, each sorted; without it one reducer takes the large partition and the summary warns;
 * both outputs hold the same rows in the same partitions; appending with skew handling adds
 * rows under unique names, and overwriting partitions replaces exactly the partitions written;
 * bad records the job quarantines are skipped by the sample and quarantined once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConvertSkewJobTest {

  private static final int ROWS = 20_000;
  private static final String BIG = "2024-01-01";
  private static final Pattern REDUCER_FILE = Pattern.compile("part-(?:.*-)?r-(\\d{5})(?:-\\d+)?\\.parquet");

  @TempDir
  static Path tmp;
  private Configuration conf;
  private DuckDb duck;
  private Path source;
  private Path spread;
  private Path whole;

  @BeforeAll
  void convertBothWays() throws Exception {
    conf = LocalJobs.conf(tmp);
    duck = new DuckDb();
    source = Files.createDirectories(tmp.resolve("source"));
    // nine rows in ten in one day, the tenth spread over eight other days
    duck.execute("CREATE TABLE src AS SELECT i::BIGINT AS id, (hash(i) % 100000)::DOUBLE / 7 AS v, "
        + "CASE WHEN i % 10 < 9 THEN '" + BIG + "' ELSE '2024-02-0' || (1 + (i // 10) % 8)::VARCHAR END AS day "
        + "FROM range(" + ROWS + ") t(i)");
    duck.execute("COPY (SELECT * FROM src WHERE id < 10000) TO '" + source.resolve("a.parquet")
        + "' (FORMAT parquet, ROW_GROUP_SIZE 2500)");
    duck.execute("COPY (SELECT * FROM src WHERE id >= 10000) TO '" + source.resolve("b.parquet")
        + "' (FORMAT parquet, ROW_GROUP_SIZE 2500)");
    spread = tmp.resolve("spread");
    Commands.Result on = Commands.run(conf, "convert", "--input", source.toString(), "--output", spread.toString(),
        "--partition-by", "day", "--sort-by", "v", "--reducers", "4");
    assertEquals(0, on.exitCode(), on.toString());
    assertTrue(on.out().contains("spread       day=" + BIG), on.toString());
    assertFalse(on.out().contains("warning"), on.toString());
    assertTrue(on.err().contains("skew sample: 20,000 rows of "), on.toString());
    assertTrue(on.err().contains("; 1 partition to spread"), on.toString());
    Configuration off = new Configuration(conf);
    off.setBoolean(LakemrConfig.CONVERT_SKEW_ENABLED, false);
    whole = tmp.resolve("whole");
    Commands.Result plain = Commands.run(off, "convert", "--input", source.toString(), "--output", whole.toString(),
        "--partition-by", "day", "--sort-by", "v", "--reducers", "4");
    assertEquals(0, plain.exitCode(), plain.toString());
    assertTrue(plain.out().contains("warning      the largest reducer"), plain.toString());
  }

  @AfterAll
  void close() throws Exception {
    duck.close();
  }

  private static JsonNode reducers(Path out) throws IOException {
    return new ObjectMapper().readTree(out.resolve(JobSummary.FILE_NAME).toFile()).get("reducers");
  }

  private static List<Path> dataFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
  }

  /** The reducers whose files are in a directory. */
  private static Set<Integer> writers(Path dir) throws IOException {
    Set<Integer> out = new TreeSet<>();
    for (Path f : dataFiles(dir)) {
      Matcher m = REDUCER_FILE.matcher(f.getFileName().toString());
      assertTrue(m.matches(), f.toString());
      out.add(Integer.parseInt(m.group(1)));
    }
    return out;
  }

  private long count(String sql) throws Exception {
    return ((Number) duck.query(sql).get(0).get(0)).longValue();
  }

  private String rows(Path out) {
    return "SELECT id, v, day FROM read_parquet('" + out + "/**/*.parquet', hive_partitioning = true, "
        + "hive_types_autocast = false)";
  }

  @Test
  void reducersInputsAreBalancedWithinTwiceTheMedianWithSkewHandlingAndNotWithout() throws Exception {
    JsonNode on = reducers(spread);
    JsonNode off = reducers(whole);
    for (JsonNode r : List.of(on, off)) {
      assertEquals(4, r.get("count").asInt(), r.toString());
      long sum = 0;
      for (JsonNode n : r.get("input_rows")) {
        sum += n.asLong();
      }
      assertEquals(ROWS, sum, r.toString());
    }
    assertTrue(on.get("largest_over_median").asDouble() <= 2.0, on.toString());
    assertFalse(on.has("warning"), on.toString());
    JsonNode big = on.get("spread_partitions").get(0);
    assertEquals("day=" + BIG, big.get("path").asText(), on.toString());
    assertEquals(0.9, big.get("sampled_share").asDouble(), 0.05, on.toString());
    assertEquals(4, big.get("reducers").asInt(), on.toString());
    assertTrue(off.get("largest").asLong() >= ROWS * 9 / 10, off.toString());
    assertTrue(off.get("largest_over_median").isNull() || off.get("largest_over_median").asDouble() > 2.0,
        off.toString());
    assertTrue(off.has("warning"), off.toString());
    assertEquals(0, off.get("spread_partitions").size(), off.toString());
  }

  @Test
  void theSameRowsInTheSameBalancedPartitionsWithFilesFromSeveralReducers() throws Exception {
    String a = rows(spread);
    String b = rows(whole);
    assertEquals(ROWS, count("SELECT count(*) FROM (" + a + ")"));
    assertEquals(0, count("SELECT count(*) FROM (" + a + " EXCEPT ALL " + b + ")"));
    assertEquals(0, count("SELECT count(*) FROM (" + b + " EXCEPT ALL " + a + ")"));
    assertEquals(0, count("SELECT count(*) FROM (" + a + " EXCEPT ALL SELECT id, v, day FROM src)"));
    assertTrue(writers(spread.resolve("day=" + BIG)).size() >= 3, writers(spread.resolve("day=" + BIG)).toString());
    assertEquals(1, writers(whole.resolve("day=" + BIG)).size());
    assertEquals(1, writers(spread.resolve("day=2024-02-03")).size(), "a small partition stays in one reducer");
    JsonNode partitions = new ObjectMapper().readTree(spread.resolve(JobSummary.FILE_NAME).toFile()).get("partitions");
    assertEquals(9, partitions.size(), partitions.toString());
    for (JsonNode p : partitions) {
      String day = p.get("values").get("day").asText();
      assertEquals(count("SELECT count(*) FROM src WHERE day = '" + day + "'"), p.get("rows").asLong(), p.toString());
      assertEquals(dataFiles(spread.resolve(p.get("path").asText())).size(), p.get("files").asInt(), p.toString());
    }
  }

  @Test
  void everyFileOfTheSpreadPartitionIsSorted() throws Exception {
    for (Path f : dataFiles(spread.resolve("day=" + BIG))) {
      List<List<Object>> got = duck.query("SELECT v FROM read_parquet('" + f + "')");
      List<Double> values = new ArrayList<>();
      got.forEach(row -> values.add((Double) row.get(0)));
      List<Double> sorted = new ArrayList<>(values);
      sorted.sort(null);
      assertEquals(sorted, values, f + " in file order");
    }
  }

  /** A copy of an output directory, to write into without touching the original. */
  private static Path copy(Path from, String name) throws IOException {
    Path to = tmp.resolve(name);
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
    return to;
  }

  @Test
  void appendingWithSkewHandlingAddsTheRowsUnderUniqueNames() throws Exception {
    Path out = copy(whole, "appended");
    Commands.Result r = Commands.run(conf, "convert", "--input", source.toString(), "--output", out.toString(),
        "--partition-by", "day", "--where", "id % 3 = 0", "--reducers", "4", "--mode", "append");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("spread       day=" + BIG), r.toString());
    String expected = "(SELECT id, v, day FROM src UNION ALL SELECT id, v, day FROM src WHERE id % 3 = 0)";
    String got = rows(out);
    assertEquals(0, count("SELECT count(*) FROM (" + expected + " EXCEPT ALL " + got + ")"));
    assertEquals(0, count("SELECT count(*) FROM (" + got + " EXCEPT ALL " + expected + ")"));
    assertTrue(writers(out.resolve("day=" + BIG)).size() >= 3);
  }

  @Test
  void overwritingPartitionsWithSkewHandlingReplacesExactlyThoseWritten() throws Exception {
    Path out = copy(whole, "overwritten");
    Commands.Result r = Commands.run(conf, "convert", "--input", source.toString(), "--output", out.toString(),
        "--partition-by", "day", "--where", "id % 3 = 0 AND (day = '" + BIG + "' OR day = '2024-02-03')",
        "--reducers", "4", "--mode", "overwrite-partitions");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("spread       day=" + BIG), r.toString());
    String expected = "SELECT id, v, day FROM src WHERE day NOT IN ('" + BIG + "', '2024-02-03') OR id % 3 = 0";
    String got = rows(out);
    assertEquals(0, count("SELECT count(*) FROM (" + expected + " EXCEPT ALL " + got + ")"));
    assertEquals(0, count("SELECT count(*) FROM (" + got + " EXCEPT ALL " + expected + ")"));
    assertTrue(writers(out.resolve("day=" + BIG)).size() >= 3);
  }

  @Test
  void theSampleSkipsBadRecordsAndLeavesTheirQuarantineToTheJob() throws Exception {
    Path csv = Files.createDirectories(tmp.resolve("csv"));
    StringBuilder text = new StringBuilder("id,day\n");
    for (int i = 0; i < 2000; i++) {
      // records 3 and 1500 are bad: an id that is not a number
      text.append(i == 3 || i == 1500 ? "oops" : Integer.toString(i)).append(',')
          .append(i % 10 < 9 ? BIG : "2024-02-0" + (1 + i / 10 % 8)).append('\n');
    }
    Files.writeString(csv.resolve("in.csv"), text);
    Path out = tmp.resolve("quarantined");
    Commands.Result r = Commands.run(conf, "convert", "--input", csv.toString(), "--format", "csv",
        "--schema", "id:long,day:string", "--bad-records", "quarantine", "--max-bad-records", "2",
        "--output", out.toString(), "--partition-by", "day", "--reducers", "4");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.err().contains("; 1 partition to spread"), r.toString());
    long quarantined = 0;
    try (Stream<Path> files = Files.walk(out.resolve("_bad_records"))) {
      for (Path f : files.filter(p -> p.toString().endsWith(".jsonl")).toList()) {
        quarantined += Files.readAllLines(f).size();
      }
    }
    assertEquals(2, quarantined, "each bad record quarantined once, by the job");
    assertTrue(writers(out.resolve("day=" + BIG)).size() >= 3);
  }
}
