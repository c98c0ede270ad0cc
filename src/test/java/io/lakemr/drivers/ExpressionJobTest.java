package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.testing.Csv;
import io.lakemr.testing.DuckDb;
import io.lakemr.testing.LocalJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --where}, {@code --derive} and {@code --window} in real jobs on the local job runner,
 * over Parquet written by DuckDB, checked against DuckDB's own answers; pushdown skips row groups
 * and prunes directories and changes no result.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExpressionJobTest {

  private static final int ROWS = 60_000;
  private static final long DAY = 86_400_000L;
  private static final long START = 1_767_225_600_000L;

  @TempDir
  static Path tmp;
  private DuckDb duck;
  /** Hive-partitioned by date, as DuckDb.writeSensors writes it. */
  private Path partitioned;
  /** The same rows without the date column, sorted by ts, in two files. */
  private Path sorted;
  private Configuration conf;
  private final AtomicInteger outputs = new AtomicInteger();

  @BeforeAll
  void writeInput() throws Exception {
    duck = new DuckDb();
    partitioned = tmp.resolve("sensors");
    duck.writeSensors(partitioned, ROWS);
    sorted = tmp.resolve("sorted");
    Files.createDirectories(sorted);
    for (int half = 0; half < 2; half++) {
      duck.execute("COPY (SELECT * EXCLUDE (date) FROM sensors WHERE sensor_id % 2 = " + half + " ORDER BY ts) TO '"
          + sorted.resolve("part-" + half + ".parquet") + "' (FORMAT parquet, ROW_GROUP_SIZE 2048)");
    }
    conf = LocalJobs.conf(tmp);
  }

  @AfterAll
  void close() throws Exception {
    duck.close();
  }

  private Commands.Result run(String... args) throws Exception {
    Commands.Result r = Commands.run(conf, "aggregate", args);
    assertEquals(0, r.exitCode(), r.toString());
    return r;
  }

  private static void assertClose(Object expected, Object actual, String what) {
    if (expected == null || actual == null) {
      assertEquals(expected, actual, what);
      return;
    }
    double e = ((Number) expected).doubleValue();
    assertEquals(e, ((Number) actual).doubleValue(), Math.abs(e) * 1e-9, what);
  }

  @Test
  void hourlyWindowJobEqualsTheOtherEngine() throws Exception {
    Path out = tmp.resolve("hourly");
    run("--input", sorted.toString(), "--derive", "hour_start=window_start(ts, '1h')", "--derive", "date=date(ts)",
        "--group-by", "date,hour_start,status", "--agg", "count(*),avg(value),min(value),max(value)",
        "--partition-by", "date", "--output", out.toString(), "--reducers", "2");
    List<List<Object>> expected = duck.query("SELECT strftime(make_timestamp(ts * 1000), '%Y-%m-%d') AS date, "
        + "(ts // 3600000) * 3600000 AS hour_start, status, count(*), avg(value), min(value), max(value) "
        + "FROM read_parquet('" + sorted + "/*.parquet') GROUP BY ALL ORDER BY ALL");
    List<List<Object>> actual = duck.query("SELECT CAST(date AS VARCHAR), hour_start, status, count, avg_value, "
        + "min_value, max_value FROM read_parquet('" + out + "/**/*.parquet', hive_partitioning = true) "
        + "ORDER BY ALL");
    assertTrue(expected.size() > 30 * 24 * 2, "groups: " + expected.size());
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      List<Object> e = expected.get(i);
      List<Object> a = actual.get(i);
      String key = e.subList(0, 3).toString();
      assertEquals(e.subList(0, 3).stream().map(String::valueOf).toList(),
          a.subList(0, 3).stream().map(String::valueOf).toList(), "group " + i);
      assertEquals(((Number) e.get(3)).longValue(), ((Number) a.get(3)).longValue(), key + " count");
      assertClose(e.get(4), a.get(4), key + " avg");
      assertEquals(e.get(5) == null ? null : ((Number) e.get(5)).doubleValue(),
          a.get(5) == null ? null : ((Number) a.get(5)).doubleValue(), key + " min, exactly");
      assertEquals(e.get(6) == null ? null : ((Number) e.get(6)).doubleValue(),
          a.get(6) == null ? null : ((Number) a.get(6)).doubleValue(), key + " max, exactly");
    }
  }

  /** Runs a filtered group-by to CSV and compares count(*), count(value), min and max per status with DuckDB. */
  private Commands.Result assertWhereMatches(Path input, String where, String duckWhere, String... more)
      throws Exception {
    Path out = tmp.resolve("where-" + outputs.incrementAndGet());
    List<String> args = new ArrayList<>(List.of("--input", input.toString(), "--where", where, "--group-by", "status",
        "--agg", "count(*),count(value),min(value),max(value)", "--output", out.toString(), "--output-format", "csv"));
    args.addAll(List.of(more));
    Commands.Result r = run(args.toArray(new String[0]));
    Map<String, List<String>> actual = new HashMap<>();
    for (List<String> row : Csv.readParts(out, List.of("status", "count", "count_value", "min_value", "max_value"))) {
      actual.put(row.get(0), row.subList(1, row.size()));
    }
    List<List<Object>> expected = duck.query("SELECT status, count(*), count(value), min(value), max(value) "
        + "FROM read_parquet('" + input + "/**/*.parquet', hive_partitioning = true) WHERE " + duckWhere
        + " GROUP BY status");
    assertEquals(expected.size(), actual.size(), where);
    for (List<Object> e : expected) {
      List<String> a = actual.get(String.valueOf(e.get(0)));
      assertEquals(String.valueOf(e.get(1)), a.get(0), where + " count " + e.get(0));
      assertEquals(String.valueOf(e.get(2)), a.get(1), where + " count(value) " + e.get(0));
      assertEquals(e.get(3) == null ? null : ((Number) e.get(3)).doubleValue(),
          a.get(2) == null ? null : Double.valueOf(a.get(2)), where + " min " + e.get(0));
      assertEquals(e.get(4) == null ? null : ((Number) e.get(4)).doubleValue(),
          a.get(3) == null ? null : Double.valueOf(a.get(3)), where + " max " + e.get(0));
    }
    return r;
  }

  @Test
  void whereWithNullsEqualsTheOtherEngine() throws Exception {
    assertWhereMatches(partitioned, "value > 50 OR value IS NULL", "value > 50 OR value IS NULL");
    assertWhereMatches(partitioned, "NOT (value < 30)", "NOT (value < 30)");
    assertWhereMatches(partitioned, "NOT (value < 30 AND station <> 'st-0007')",
        "NOT (value < 30 AND station <> 'st-0007')");
    assertWhereMatches(partitioned, "station IN ('st-0001', 'st-0002', NULL) OR value NOT BETWEEN 25 AND 75",
        "station IN ('st-0001', 'st-0002', NULL) OR value NOT BETWEEN 25 AND 75");
    assertWhereMatches(partitioned, "coalesce(value, -1) < 0 OR substr(station, -1) = '7'",
        "coalesce(value, -1) < 0 OR substr(station, -1) = '7'");
    Commands.Result r = assertWhereMatches(partitioned, "hour(ts) = 3 AND sensor_id % 7 = 0",
        "hour(make_timestamp(ts * 1000)) = 3 AND sensor_id % 7 = 0");
    Matcher m = Pattern.compile("rows read +([\\d,]+) \\(filtered out ([\\d,]+)\\)").matcher(r.out());
    assertTrue(m.find(), r.out());
    assertEquals(ROWS, Long.parseLong(m.group(1).replace(",", "")));
    long passed = duck.query("SELECT count(*) FROM sensors WHERE hour(make_timestamp(ts * 1000)) = 3 "
        + "AND sensor_id % 7 = 0").get(0).get(0) instanceof Number n ? n.longValue() : -1;
    assertEquals(ROWS - passed, Long.parseLong(m.group(2).replace(",", "")), "rows read = passed + filtered out");
  }

  private static long[] pushdownFigures(Commands.Result r) {
    Matcher m = Pattern.compile("pushdown +([\\d,]+) of ([\\d,]+) row groups skipped, ([\\d,]+) of ([\\d,]+) "
        + "directories pruned").matcher(r.out());
    assertTrue(m.find(), r.out());
    long[] f = new long[4];
    for (int i = 0; i < 4; i++) {
      f[i] = Long.parseLong(m.group(i + 1).replace(",", ""));
    }
    return f;
  }

  @Test
  void rowGroupsAreSkippedAndResultsAreTheSameWithPushdownOff() throws Exception {
    String where = "ts < " + (START + DAY) + " AND status IN ('ok', 'fail')";
    Commands.Result on = assertWhereMatches(sorted, where, where);
    long[] f = pushdownFigures(on);
    assertTrue(f[0] > 0 && f[0] < f[1], "row groups skipped: " + on.out());
    assertTrue(f[1] >= ROWS / 2048, on.out());
    Commands.Result off = assertWhereMatches(sorted, where, where, "--reducers", "1");
    Configuration saved = conf;
    conf = new Configuration(saved);
    conf.setBoolean("lakemr.pushdown", false);
    try {
      Commands.Result none = assertWhereMatches(sorted, where, where, "--reducers", "2");
      assertTrue(!none.out().contains("pushdown"), none.out());
    } finally {
      conf = saved;
    }
    assertTrue(off.out().contains("row groups skipped"));
  }

  @Test
  void partitionDirectoriesArePrunedAndResultsAreTheSameWithPushdownOff() throws Exception {
    String where = "date BETWEEN '2026-01-05' AND '2026-01-07' AND value > 40";
    String duckWhere = "CAST(date AS VARCHAR) BETWEEN '2026-01-05' AND '2026-01-07' AND value > 40";
    long[] f = pushdownFigures(assertWhereMatches(partitioned, where, duckWhere));
    assertEquals(27, f[2], "directories pruned");
    assertEquals(30, f[3], "directories");
    f = pushdownFigures(assertWhereMatches(partitioned, "date IN ('2026-01-05', '2026-02-30') AND ts >= 0",
        "CAST(date AS VARCHAR) IN ('2026-01-05', '2026-02-30')"));
    assertEquals(29, f[2]);
    Configuration saved = conf;
    conf = new Configuration(saved);
    conf.setBoolean("lakemr.pushdown", false);
    try {
      assertWhereMatches(partitioned, where, duckWhere);
    } finally {
      conf = saved;
    }
  }

  @Test
  void windowOptionGroupsByWindowStartAndDerivedColumnsWorkEverywhere() throws Exception {
    Path out = tmp.resolve("window");
    run("--input", sorted.toString(), "--window", "ts:6h", "--derive", "band=cast(floor(value / 10) AS long)",
        "--derive", "big=band >= 5", "--where", "big AND band < 7", "--group-by", "band",
        "--agg", "count(*),max(band)", "--output", out.toString(), "--output-format", "csv");
    List<List<String>> rows = Csv.readParts(out, List.of("band", "window_start", "count", "max_band"));
    List<List<Object>> expected = duck.query("SELECT floor(value / 10)::BIGINT AS band, (ts // 21600000) * 21600000, "
        + "count(*), max(floor(value / 10)::BIGINT) FROM read_parquet('" + sorted + "/*.parquet') "
        + "WHERE floor(value / 10) >= 5 AND floor(value / 10) < 7 GROUP BY ALL ORDER BY ALL");
    assertEquals(expected.size(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      assertEquals(expected.get(i).stream().map(String::valueOf).toList(), rows.get(i));
    }
  }

  @Test
  void badExpressionsAreExitTwoWithThePosition() throws Exception {
    Commands.Result r = Commands.run(conf, "aggregate", "--input", sorted.toString(), "--where", "vlaue > 3",
        "--agg", "count(*)", "--output", tmp.resolve("bad").toString());
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("--where: unknown column 'vlaue' at position 1 in \"vlaue > 3\""), r.err());
    r = Commands.run(conf, "aggregate", "--input", sorted.toString(), "--derive", "d=date(status)",
        "--agg", "count(*)", "--group-by", "d", "--output", tmp.resolve("bad").toString());
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("--derive d: date needs an epoch-millisecond timestamp"), r.err());
    r = Commands.run(conf, "aggregate", "--input", sorted.toString(), "--agg", "sum(nope)", "--derive", "x=1",
        "--output", tmp.resolve("bad").toString());
    assertEquals(2, r.exitCode(), r.toString());
  }
}
