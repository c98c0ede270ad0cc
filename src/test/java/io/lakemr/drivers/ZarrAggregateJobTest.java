package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakemr.testing.Csv;
import io.lakemr.testing.LocalJobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aggregate} and {@code inspect} on the local job runner over the Zarr stores written by
 * zarr-python, zarrita and the fixture generator: results must match what numpy computed when
 * the stores were written (expected.json). Stores are found as inputs by their {@code .zarr}
 * name or their metadata, Hive {@code key=value} folders above them become columns, and broken
 * stores fail with their exit code and one line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ZarrAggregateJobTest {

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
    // small splits: the 30 chunk rows of the sensors store go to several map tasks
    conf.setLong("mapreduce.input.fileinputformat.split.maxsize", 8 * 1024);
    fixtures = Paths.get(getClass().getResource("/zarr/expected.json").toURI()).getParent();
    expected = new ObjectMapper().readTree(fixtures.resolve("expected.json").toFile());
  }

  private List<List<String>> aggregate(List<String> input, List<String> header, String... more) throws Exception {
    Path out = tmp.resolve("out-" + jobs++);
    List<String> args = new ArrayList<>(input);
    args.addAll(Arrays.asList(more));
    args.addAll(List.of("--output", out.toString(), "--output-format", "csv"));
    Commands.Result r = Commands.run(conf, "aggregate", args.toArray(new String[0]));
    assertEquals(0, r.exitCode(), r.toString());
    return Csv.readParts(out, header);
  }

  @Test
  void groupOfColumnsByStation() throws Exception {
    JsonNode want = expected.path("v2/sensors.zarr").path("by_station");
    List<List<String>> rows = aggregate(List.of("--input", fixtures.resolve("v2/sensors.zarr").toString()),
        List.of("station", "count", "sum_value", "max_count", "min_value"),
        "--group-by", "station", "--agg", "count(*),sum(value),max(count),min(value)");
    assertEquals(want.size(), rows.size(), rows.toString());
    for (List<String> row : rows) {
      JsonNode w = want.path(row.get(0));
      assertEquals(w.path("count").asLong(), Long.parseLong(row.get(1)), row.toString());
      assertEquals(w.path("sum_value").asDouble(), Double.parseDouble(row.get(2)),
          1e-9 * Math.abs(w.path("sum_value").asDouble()), row.toString());
      assertEquals(w.path("max_count").asLong(), Long.parseLong(row.get(3)), row.toString());
      assertEquals(w.path("min_value").asDouble(), Double.parseDouble(row.get(4)), 0.0, row.toString());
    }
  }

  @Test
  void hivePartitionFoldersAboveStoresAreColumns() throws Exception {
    Path lake = tmp.resolve("lake");
    for (String site : List.of("north", "south")) {
      // a store found by its metadata, not its name
      copy(fixtures.resolve("v2/sensors.zarr"), lake.resolve("site=" + site).resolve("sensors"));
    }
    List<List<String>> rows = aggregate(List.of("--input", lake.toString(), "--format", "zarr"),
        List.of("site", "count"), "--group-by", "site", "--agg", "count(*)");
    assertEquals(List.of(List.of("north", "3000"), List.of("south", "3000")), rows);
    List<List<String>> found = aggregate(List.of("--input", lake.toString()), List.of("count"), "--agg", "count(*)");
    assertEquals(List.of(List.of("6000")), found);
  }

  @Test
  void shardedV3ArrayAsCells() throws Exception {
    JsonNode want = expected.path("v3/spec.zarr").path("sharded_start");
    double sum = 0;
    long rows = 0;
    for (JsonNode row : want) {
      for (JsonNode v : row) {
        sum += v.asDouble();
        rows++;
      }
    }
    List<List<String>> out = aggregate(List.of("--input", fixtures.resolve("v3/spec.zarr").toString(),
        "--dataset", "/sharded_start", "--layout", "cells"), List.of("count", "sum_sharded_start", "max_i1"),
        "--agg", "count(*),sum(sharded_start),max(i1)");
    assertEquals(rows, Long.parseLong(out.get(0).get(0)));
    assertEquals(sum, Double.parseDouble(out.get(0).get(1)), 1e-9 * sum);
    assertEquals("5", out.get(0).get(2));
  }

  @Test
  void brokenStoresFailWithOneLine() throws Exception {
    Commands.Result corrupt = Commands.run(conf, "aggregate", "--input",
        fixtures.resolve("broken/corrupt_zlib.zarr").toString(), "--agg", "sum(corrupt_zlib)", "--output",
        tmp.resolve("out-" + jobs++).toString());
    assertEquals(1, corrupt.exitCode(), corrupt.toString());
    assertTrue(corrupt.err().contains("corrupt_zlib.zarr: array /: chunk 1: zlib"), corrupt.err());
    Commands.Result json = Commands.run(conf, "aggregate", "--input",
        fixtures.resolve("broken/bad_json.zarr").toString(), "--agg", "count(*)", "--output",
        tmp.resolve("out-" + jobs++).toString());
    assertEquals(2, json.exitCode(), json.toString());
    assertTrue(json.err().contains("bad_json.zarr: /: .zarray: malformed JSON metadata"), json.err());
  }

  @Test
  void inspectAStore() throws Exception {
    String store = fixtures.resolve("v2/nested_consolidated.zarr").toString();
    Commands.Result text = Commands.run(conf, "inspect", store);
    assertEquals(0, text.exitCode(), text.toString());
    assertTrue(text.out().contains("Zarr v2, consolidated metadata"), text.out());
    assertTrue(text.out().contains("/a/b/x  array [57] int64 le"), text.out());
    assertTrue(text.out().contains("codecs: gzip(level 1)"), text.out());
    Commands.Result json = Commands.run(conf, "inspect", fixtures.resolve("v3/spec.zarr").toString(), "--json");
    assertEquals(0, json.exitCode(), json.toString());
    JsonNode doc = new ObjectMapper().readTree(json.out());
    assertFalse(doc.toString().isEmpty());
    assertTrue(doc.toString().contains("\"zarrFormat\":3"), doc.toString());
    assertTrue(doc.toString().contains("index at start"), doc.toString());
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
