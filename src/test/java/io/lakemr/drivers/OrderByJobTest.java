package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.testing.Csv;
import io.lakemr.testing.DuckDb;
import io.lakemr.testing.LocalJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --order-by} and {@code --limit} in real jobs on the local job runner with three
 * reducers, over Parquet written by DuckDB: part files read in name order hold DuckDB's
 * {@code ORDER BY} of the same query, ties broken by the group columns (nulls first ascending,
 * last descending, as lakemr documents); the top N equal {@code ORDER BY ... LIMIT N}; bad
 * options exit 2 and a failed sort job exits 1, both leaving nothing behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderByJobTest {

  @TempDir
  static Path tmp;
  private DuckDb duck;
  private Path input;
  private Configuration conf;
  private final AtomicInteger outputs = new AtomicInteger();

  @BeforeAll
  void writeInput() throws Exception {
    duck = new DuckDb();
    input = tmp.resolve("sensors");
    duck.writeSensors(input, 60_000);
    conf = LocalJobs.conf(tmp);
  }

  @AfterAll
  void close() throws Exception {
    duck.close();
  }

  private Path run(String... args) throws Exception {
    Path out = tmp.resolve("out-" + outputs.incrementAndGet());
    List<String> all = new ArrayList<>(List.of("--input", input.toString(), "--output", out.toString(),
        "--output-format", "csv"));
    all.addAll(List.of(args));
    Commands.Result r = Commands.run(conf, "aggregate", all.toArray(new String[0]));
    assertEquals(0, r.exitCode(), r.toString());
    assertNoScratchLeft();
    return out;
  }

  private void assertNoScratchLeft() throws Exception {
    try (Stream<Path> s = Files.list(tmp)) {
      List<Path> left = s.filter(p -> p.getFileName().toString().startsWith(".lakemr")).toList();
      assertTrue(left.isEmpty(), "left behind: " + left);
    }
  }

  private static List<String> dataFiles(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("part-")).sorted().toList();
    }
  }

  /** Compares rows cell by cell: numbers numerically (relative {@code tolerance}), the rest as text. */
  private static void assertRows(List<List<Object>> expected, List<List<String>> actual, double tolerance) {
    assertEquals(expected.size(), actual.size(), "rows");
    for (int i = 0; i < expected.size(); i++) {
      for (int c = 0; c < expected.get(i).size(); c++) {
        Object e = expected.get(i).get(c);
        String a = actual.get(i).get(c);
        String where = "row " + i + " column " + c + ": expected " + expected.get(i) + ", got " + actual.get(i);
        if (e == null || a == null) {
          assertEquals(e == null ? null : e.toString(), a, where);
        } else if (e instanceof Number n) {
          double x = n.doubleValue();
          assertEquals(x, Double.parseDouble(a), Math.abs(x) * tolerance, where);
        } else {
          assertEquals(e.toString(), a, where);
        }
      }
    }
  }

  @Test
  void partFilesInNameOrderAreGloballySorted() throws Exception {
    Path out = run("--group-by", "station,status", "--agg", "count(*),min(value),max(value)",
        "--order-by", "count DESC, max_value", "--reducers", "3");
    List<String> files = dataFiles(out);
    assertEquals(List.of("part-r-00000.csv", "part-r-00001.csv", "part-r-00002.csv"), files);
    for (String f : files) {
      assertTrue(Csv.read(out.resolve(f)).size() > 100, f + " holds a third of the rows");
    }
    List<List<Object>> expected = duck.query("SELECT station, status, count(*), min(value), max(value) "
        + "FROM sensors GROUP BY ALL ORDER BY 3 DESC, 5 ASC NULLS FIRST, station NULLS FIRST, status NULLS FIRST");
    assertRows(expected, Csv.readParts(out, List.of("station", "status", "count", "min_value", "max_value")), 0);
  }

  @Test
  void mixedDirectionsPutNullsFirstAscendingAndLastDescending() throws Exception {
    Path out = run("--group-by", "station,status", "--agg", "min(value),count(value)",
        "--order-by", "status desc, min_value ASC, count_value desc", "--reducers", "3");
    List<List<Object>> expected = duck.query("SELECT station, status, min(value), count(value) FROM sensors "
        + "GROUP BY ALL ORDER BY status DESC NULLS LAST, 3 ASC NULLS FIRST, 4 DESC NULLS LAST, station NULLS FIRST");
    assertTrue(expected.stream().anyMatch(r -> r.get(2) == null), "some group has no values");
    List<List<String>> actual = Csv.readParts(out, List.of("station", "status", "min_value", "count_value"));
    assertRows(expected, actual, 0);

    Path desc = run("--group-by", "station,status", "--agg", "min(value)", "--order-by", "min_value DESC",
        "--reducers", "3");
    List<List<String>> d = Csv.readParts(desc, List.of("station", "status", "min_value"));
    assertRows(duck.query("SELECT station, status, min(value) FROM sensors GROUP BY ALL "
        + "ORDER BY 3 DESC NULLS LAST, station NULLS FIRST, status NULLS FIRST"), d, 0);
    assertEquals(null, d.get(d.size() - 1).get(2), "nulls last when descending");
  }

  @Test
  void partitionedOutputIsSortedWithinEachPartition() throws Exception {
    Path out = run("--derive", "day=day(ts)", "--group-by", "date,station,day", "--agg", "count(*),max(value)",
        "--partition-by", "date", "--order-by", "max_value DESC, station", "--reducers", "3");
    List<List<Object>> dates = duck.query("SELECT DISTINCT date FROM sensors ORDER BY 1");
    int multiFile = 0;
    for (List<Object> d : dates) {
      Path dir = out.resolve("date=" + d.get(0));
      multiFile += dataFiles(dir).size() > 1 ? 1 : 0;
      List<List<Object>> expected = duck.query("SELECT station, day(make_timestamp(ts * 1000)), count(*), max(value) "
          + "FROM sensors WHERE date = '" + d.get(0) + "' GROUP BY station, 2 "
          + "ORDER BY 4 DESC NULLS LAST, station NULLS FIRST, 2 NULLS FIRST");
      assertRows(expected, Csv.readParts(dir, List.of("station", "day", "count", "max_value")), 0);
    }
    assertTrue(multiFile >= 1, "a key range boundary falls inside some partition");
  }

  @Test
  void limitKeepsTheTopRowsInOneFile() throws Exception {
    Path out = run("--group-by", "station", "--agg", "count(*),avg(value)", "--order-by", "count DESC",
        "--limit", "25", "--reducers", "3");
    assertEquals(List.of("part-r-00000.csv"), dataFiles(out));
    List<List<Object>> expected = duck.query("SELECT station, count(*), avg(value) FROM sensors GROUP BY ALL "
        + "ORDER BY 2 DESC, station NULLS FIRST LIMIT 25");
    assertRows(expected, Csv.readParts(out, List.of("station", "count", "avg_value")), 1e-9);

    Path distinct = run("--group-by", "status,date", "--agg", "count_distinct(sensor_id),count(*)",
        "--order-by", "count_distinct_sensor_id, date DESC", "--limit", "7", "--reducers", "3");
    assertRows(duck.query("SELECT status, date, count(DISTINCT sensor_id), count(*) FROM sensors GROUP BY ALL "
        + "ORDER BY 3, date DESC NULLS LAST, status NULLS FIRST LIMIT 7"),
        Csv.readParts(distinct, List.of("status", "date", "count_distinct_sensor_id", "count")), 0);
  }

  @Test
  void badOptionsExitTwoNamingTheOption() throws Exception {
    String[][] cases = {
        {"--order-by", "nope DESC"}, {"--order-by", "count sideways"}, {"--order-by", "count", "--limit", "0"},
        {"--limit", "5"}, {"--order-by", "count", "--limit", "5", "--partition-by", "status"},
    };
    String[] names = {"--order-by: unknown column 'nope'", "--order-by: bad direction 'sideways'", "--limit:",
        "--limit needs --order-by", "--limit cannot be combined with --partition-by"};
    for (int i = 0; i < cases.length; i++) {
      Path out = tmp.resolve("bad-" + i);
      List<String> args = new ArrayList<>(List.of("--input", input.toString(), "--group-by", "station,status",
          "--agg", "count(*)", "--output", out.toString()));
      args.addAll(List.of(cases[i]));
      Commands.Result r = Commands.run(conf, "aggregate", args.toArray(new String[0]));
      assertEquals(2, r.exitCode(), r.toString());
      assertTrue(r.err().startsWith("lakemr aggregate: " + names[i]), r.err());
      assertFalse(Files.exists(out));
    }
    assertNoScratchLeft();
  }

  @Test
  void aFailedSortJobExitsOneAndLeavesNothing() throws Exception {
    Path out = tmp.resolve("failed-sort");
    Commands.Result r = Commands.run(conf, "aggregate", "-D", "lakemr.output.parquet.codec=bogus", "--input",
        input.toString(), "--group-by", "station", "--agg", "count(*)", "--order-by", "count",
        "--reducers", "2", "--output", out.toString());
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.err().contains("(sort)") && r.err().contains("bogus"), r.err());
    assertFalse(Files.exists(out));
    assertNoScratchLeft();
  }
}
