package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakemr.testing.Csv;
import io.lakemr.testing.DuckDb;
import io.lakemr.testing.LocalJobs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code aggregate} on the local job runner over the CSV, JSON Lines and Avro fixtures written
 * by pandas, Python's csv and json modules and the avro package: per-station counts and value
 * sums must match what the generator computed (expected.json), and, for CSV and JSON Lines,
 * what DuckDB computes from the same files. Small splits, so files are read in several byte
 * ranges by several map tasks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TextInputJobTest {

  @TempDir
  static Path tmp;
  private Configuration conf;
  private Path fixtures;
  private JsonNode expected;
  private int jobs;

  @BeforeAll
  void setUp() throws Exception {
    conf = LocalJobs.conf(tmp);
    conf.setInt("mapreduce.local.map.tasks.maximum", 1);
    conf.setLong("mapreduce.input.fileinputformat.split.maxsize", 64 * 1024);
    fixtures = Paths.get(getClass().getResource("/text/expected.json").toURI()).getParent();
    expected = new ObjectMapper().readTree(fixtures.resolve("expected.json").toFile());
  }

  /** Runs aggregate by station to CSV; gives station -> [count, sum(value)]. */
  private Map<String, double[]> byStation(List<String> inputArgs) throws Exception {
    Path out = tmp.resolve("out-" + jobs++);
    List<String> args = new ArrayList<>(inputArgs);
    args.addAll(List.of("--group-by", "station", "--agg", "count(*),sum(value)", "--output", out.toString(),
        "--output-format", "csv"));
    Commands.Result r = Commands.run(conf, "aggregate", args.toArray(new String[0]));
    assertEquals(0, r.exitCode(), r.toString());
    Map<String, double[]> got = new HashMap<>();
    for (List<String> row : Csv.readParts(out, List.of("station", "count", "sum_value"))) {
      got.put(row.get(0), new double[] {Long.parseLong(row.get(1)), row.get(2).isEmpty() ? 0 : Double.parseDouble(row.get(2))});
    }
    return got;
  }

  private void assertMatchesGenerator(String fixture, Map<String, double[]> got) {
    JsonNode groups = expected.get(fixture).get("by_station");
    assertEquals(groups.size(), got.size(), "stations: " + got.keySet());
    for (Iterator<Map.Entry<String, JsonNode>> it = groups.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      double[] g = got.get(e.getKey());
      assertEquals(e.getValue().get("count").asLong(), (long) g[0], e.getKey() + " count");
      double want = e.getValue().get("value_sum").asDouble();
      assertEquals(want, g[1], Math.abs(want) * 1e-12 + 1e-9, e.getKey() + " sum");
    }
  }

  @ParameterizedTest
  @CsvSource({
      "sensors.csv, sensors.csv, ''",
      "sensors.csv, sensors.csv.bz2, ''",
      "sensors.csv, sensors.csv.gz, ''",
      "sensors.csv, sensors.csv.zst, '--schema=ts:timestamp,station:string,status:string,value:double,sensor_id:long'",
      "events.jsonl, events.jsonl, ''",
      "events.jsonl, events.jsonl.bz2, ''",
      "readings.avro, readings.avro, ''",
  })
  void aggregatesMatchTheGenerator(String fixture, String file, String extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("--input", fixtures.resolve(file).toString()));
    if (!extra.isEmpty()) {
      args.add(extra);
    }
    assertMatchesGenerator(fixture, byStation(args));
  }

  @Test
  void aggregatesMatchDuckDb() throws Exception {
    try (DuckDb duck = new DuckDb()) {
      String csv = fixtures.resolve("sensors.csv").toString();
      compare(duck.query("SELECT station, count(*), sum(value) FROM read_csv('" + csv + "') GROUP BY station"),
          byStation(List.of("--input", csv)));
      String jsonl = fixtures.resolve("events.jsonl").toString();
      compare(duck.query("SELECT station, count(*), sum(value) FROM read_json_auto('" + jsonl + "') GROUP BY station"),
          byStation(List.of("--input", jsonl)));
      String quoting = fixtures.resolve("quoting.csv").toString();
      List<List<Object>> rows = duck.query("SELECT count(*), sum(amount), count(note), min(day)::VARCHAR FROM "
          + "read_csv('" + quoting + "', header = true, quote = '\"', escape = '\"', allow_quoted_nulls = false)");
      Path out = tmp.resolve("out-" + jobs++);
      Commands.Result r = Commands.run(conf, "aggregate", "--input", quoting, "--multiline", "true", "--agg",
          "count(*),sum(amount),count(note)", "--output", out.toString(), "--output-format", "csv");
      assertEquals(0, r.exitCode(), r.toString());
      List<String> got = Csv.readParts(out, List.of("count", "sum_amount", "count_note")).get(0);
      assertEquals(((Number) rows.get(0).get(0)).longValue(), Long.parseLong(got.get(0)));
      assertEquals(((Number) rows.get(0).get(1)).doubleValue(), Double.parseDouble(got.get(1)), 1e-6);
      assertEquals(((Number) rows.get(0).get(2)).longValue(), Long.parseLong(got.get(2)));
    }
  }

  private static void compare(List<List<Object>> duck, Map<String, double[]> lakemr) {
    assertEquals(duck.size(), lakemr.size());
    for (List<Object> row : duck) {
      double[] g = lakemr.get(String.valueOf(row.get(0)));
      assertEquals(((Number) row.get(1)).longValue(), (long) g[0], row.get(0) + " count");
      double want = row.get(2) == null ? 0 : ((Number) row.get(2)).doubleValue();
      assertEquals(want, g[1], Math.abs(want) * 1e-9, row.get(0) + " sum");
    }
  }

  @Test
  void quarantinedRecordsLandInTheOutput() throws Exception {
    Path out = tmp.resolve("out-" + jobs++);
    Commands.Result r = Commands.run(conf, "aggregate", "--input", fixtures.resolve("bad.csv").toString(),
        "--schema", "id:long,station:string,value:double", "--bad-records", "quarantine", "--group-by", "station",
        "--agg", "count(*),sum(value)", "--output", out.toString(), "--output-format", "csv");
    assertEquals(0, r.exitCode(), r.toString());
    List<String> lines = new ArrayList<>();
    try (Stream<Path> s = Files.walk(out.resolve("_bad_records"))) {
      for (Path p : s.filter(p -> p.getFileName().toString().matches("part-m-\\d+\\.jsonl")).toList()) {
        lines.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
      }
    }
    assertEquals(expected.get("bad.csv").get("bad").asLong(), lines.size(), lines.toString());
    JsonNode first = new ObjectMapper().readTree(lines.get(0));
    assertTrue(first.get("file").asText().endsWith("bad.csv"), first.toString());
    assertTrue(first.has("offset") && first.has("reason") && first.has("raw"), first.toString());
  }

  @Test
  void badInputFailsWithOneLine() throws Exception {
    String bad = fixtures.resolve("bad.csv").toString();
    Commands.Result failed = Commands.run(conf, "aggregate", "--input", bad, "--schema",
        "id:long,station:string,value:double", "--agg", "count(*)", "--output", tmp.resolve("out-" + jobs++).toString());
    assertEquals(1, failed.exitCode(), failed.toString());
    assertTrue(failed.err().contains("bad.csv line 9 (byte "), failed.err());
    Commands.Result usage = Commands.run(conf, "aggregate", "--input", bad, "--schema", "id:decimal", "--agg",
        "count(*)", "--output", tmp.resolve("out-" + jobs++).toString());
    assertEquals(2, usage.exitCode(), usage.toString());
    assertTrue(usage.err().contains("column id has type 'decimal'"), usage.err());
  }

  @Test
  void inspectShowsFileCompressionAndInferredSchema() throws Exception {
    Commands.Result csv = Commands.run(conf, "inspect", fixtures.resolve("sensors.csv.gz").toString());
    assertEquals(0, csv.exitCode(), csv.toString());
    assertTrue(csv.out().contains("format: csv\n") && csv.out().contains("compression: gzip\n")
        && csv.out().contains("schema: ts:timestamp,station:string,"), csv.out());
    Commands.Result jsonl = Commands.run(conf, "inspect", fixtures.resolve("events.jsonl.zst").toString());
    assertEquals(0, jsonl.exitCode(), jsonl.toString());
    assertTrue(jsonl.out().contains("format: jsonl\n") && jsonl.out().contains("compression: zstd\n")
        && jsonl.out().contains("schema: "), jsonl.out());
  }
}
