package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.testing.Csv;
import io.lakemr.testing.DuckDb;
import io.lakemr.testing.LocalJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * lakemr against another engine: DuckDB writes Hive-partitioned, snappy Parquet in several files
 * and row groups; lakemr aggregates it with the local job runner; the results must be DuckDB's
 * own (counts, min and max exactly; sums and averages within 1e-9 relative), and DuckDB must read
 * lakemr's partitioned output back as a table with the same rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReferenceEngineTest {

  private static final int ROWS = 400_000;
  private static final String AGGS = "count(*),sum(value),min(value),max(value),avg(value)";
  private static final String REFERENCE = "SELECT station, status, count(*), sum(value), min(value), max(value), "
      + "avg(value) FROM read_parquet('%s/**/*.parquet', hive_partitioning = true) GROUP BY station, status";

  @TempDir
  static Path tmp;
  private DuckDb duck;
  private Path input;
  private Configuration conf;

  @BeforeAll
  void writeInput() throws Exception {
    duck = new DuckDb();
    input = tmp.resolve("sensors");
    duck.writeSensors(input, ROWS);
    conf = LocalJobs.conf(tmp);
    long files;
    try (Stream<Path> s = Files.walk(input)) {
      files = s.filter(p -> p.toString().endsWith(".parquet")).count();
    }
    assertTrue(files >= 60, "expected two files in each of 30 date partitions, found " + files);
    long maxRowGroups = ((Number) duck.query("SELECT max(n) FROM (SELECT count(DISTINCT row_group_id) AS n "
        + "FROM parquet_metadata('" + input + "/*/*.parquet') GROUP BY file_name)").get(0).get(0)).longValue();
    assertTrue(maxRowGroups >= 2, "files hold several row groups: " + maxRowGroups);
  }

  @AfterAll
  void close() throws Exception {
    duck.close();
  }

  private Map<List<String>, List<Object>> reference(String sql) throws Exception {
    Map<List<String>, List<Object>> out = new HashMap<>();
    for (List<Object> row : duck.query(sql)) {
      out.put(List.of(String.valueOf(row.get(0)), String.valueOf(row.get(1))), row.subList(2, row.size()));
    }
    return out;
  }

  /** A CSV number, or null for an empty field. */
  private static Double parse(String s) {
    return s == null ? null : Double.valueOf(s);
  }

  private static Double number(Object o) {
    return o == null ? null : ((Number) o).doubleValue();
  }

  private static void assertClose(Object expected, Double actual, String what) {
    if (expected == null || actual == null) {
      assertEquals(expected, actual, what + ": null in one engine only");
      return;
    }
    double e = ((Number) expected).doubleValue();
    assertEquals(e, actual, Math.abs(e) * 1e-9, what);
  }

  private static void assertRow(List<Object> expected, long count, Double sum, Double min, Double max, Double avg,
      String key) {
    assertEquals(((Number) expected.get(0)).longValue(), count, key + " count");
    assertClose(expected.get(1), sum, key + " sum");
    assertEquals(number(expected.get(2)), min, key + " min, exactly");
    assertEquals(number(expected.get(3)), max, key + " max, exactly");
    assertClose(expected.get(4), avg, key + " avg");
  }

  @Test
  void csvResultsAreTheOtherEnginesNumbers() throws Exception {
    Path out = tmp.resolve("by_station_status_csv");
    Commands.Result r = Commands.run(conf, "aggregate", "--input", input.toString(), "--group-by", "station,status",
        "--agg", AGGS, "--output", out.toString(), "--output-format", "csv", "--reducers", "3");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
    List<List<String>> rows = Csv.readParts(out,
        List.of("station", "status", "count", "sum_value", "min_value", "max_value", "avg_value"));
    Map<List<String>, List<Object>> expected = reference(String.format(REFERENCE, input));
    assertEquals(expected.size(), rows.size());
    for (List<String> row : rows) {
      List<String> key = List.of(row.get(0), row.get(1));
      List<Object> e = expected.get(key);
      assertTrue(e != null, "unexpected group " + key);
      assertRow(e, Long.parseLong(row.get(2)), parse(row.get(3)), parse(row.get(4)), parse(row.get(5)),
          parse(row.get(6)), key.toString());
    }
    assertTrue(r.out().contains(String.format("%,d", ROWS)), r.out());
  }

  @Test
  void partitionedParquetReadsBackAsTheSameTable() throws Exception {
    Path out = tmp.resolve("by_station_status_parquet");
    Commands.Result r = Commands.run(conf, "aggregate", "--input", input.toString(), "--group-by", "station,status",
        "--agg", AGGS, "--output", out.toString(), "--partition-by", "status", "--reducers", "2");
    assertEquals(0, r.exitCode(), r.toString());
    try (Stream<Path> s = Files.list(out)) {
      assertEquals(List.of("_SUCCESS", "_lakemr.json", "status=fail", "status=ok", "status=warn"),
          s.map(p -> p.getFileName().toString()).filter(n -> !n.endsWith(".crc")).sorted().toList());
    }
    // status lives in the directory names only, not inside the files
    List<List<Object>> fileColumns = duck.query("SELECT name FROM parquet_schema('" + out
        + "/status=ok/*.parquet') WHERE name <> 'duckdb_schema' AND name <> 'schema' GROUP BY name ORDER BY name");
    assertFalse(fileColumns.stream().anyMatch(c -> c.get(0).equals("status")), fileColumns.toString());
    List<List<Object>> codecs = duck.query("SELECT DISTINCT compression FROM parquet_metadata('" + out
        + "/*/*.parquet')");
    assertEquals("SNAPPY", String.valueOf(codecs.get(0).get(0)).toUpperCase(java.util.Locale.ROOT));

    Map<List<String>, List<Object>> expected = reference(String.format(REFERENCE, input));
    List<List<Object>> back = duck.query("SELECT station, status, count, sum_value, min_value, max_value, avg_value "
        + "FROM read_parquet('" + out + "/**/*.parquet', hive_partitioning = true)");
    assertEquals(expected.size(), back.size());
    for (List<Object> row : back) {
      List<String> key = List.of(String.valueOf(row.get(0)), String.valueOf(row.get(1)));
      assertRow(expected.get(key), ((Number) row.get(2)).longValue(), number(row.get(3)), number(row.get(4)),
          number(row.get(5)), number(row.get(6)), key.toString());
    }
  }

  @Test
  void partitionDirectoriesAreColumns() throws Exception {
    Path out = tmp.resolve("by_date_csv");
    Commands.Result r = Commands.run(conf, "aggregate", "--input", input + "/date=2026-01-1*," + input
        + "/date=2026-01-2*", "--group-by", "date", "--agg", "count(*),count(value),max(ts)", "--output",
        out.toString(), "--output-format", "csv");
    assertEquals(0, r.exitCode(), r.toString());
    List<List<String>> rows = Csv.readParts(out, List.of("date", "count", "count_value", "max_ts"));
    List<List<Object>> expected = duck.query("SELECT date, count(*), count(value), max(ts) FROM sensors "
        + "WHERE date LIKE '2026-01-1%' OR date LIKE '2026-01-2%' GROUP BY date ORDER BY date");
    assertEquals(20, expected.size());
    assertEquals(expected.size(), rows.size());
    for (int i = 0; i < rows.size(); i++) {
      List<Object> e = expected.get(i);
      assertEquals(List.of(String.valueOf(e.get(0)), String.valueOf(e.get(1)), String.valueOf(e.get(2)),
          String.valueOf(e.get(3))), rows.get(i));
    }
  }
}
