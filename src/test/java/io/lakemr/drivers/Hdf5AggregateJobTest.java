package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.TableSchema;
import io.lakemr.formats.hdf5.Hdf5Files;
import io.lakemr.formats.hdf5.Hdf5ReadOptions;
import io.lakemr.formats.hdf5.Hdf5TableMapping;
import io.lakemr.testing.Csv;
import io.lakemr.testing.LocalJobs;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aggregate} on the local job runner over every HDF5 fixture written by libhdf5 (h5py):
 * global aggregates of every column, and aggregates grouped by the string fields, must match
 * what numpy computed when the fixtures were written (expected.json): counts, min and max
 * exactly, sums within 1e-9 relative. Broken files fail with their exit code and one line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Hdf5AggregateJobTest {

  @TempDir
  static Path tmp;
  private Configuration conf;
  private Path fixtures;
  private JsonNode cases;
  private int jobs;

  @BeforeAll
  void setUp() throws Exception {
    conf = LocalJobs.conf(tmp);
    conf.setInt("mapreduce.local.map.tasks.maximum", 1);
    // small splits, so multi-chunk datasets are read by several map tasks
    conf.setLong("mapreduce.input.fileinputformat.split.maxsize", 16 * 1024);
    fixtures = Paths.get(getClass().getResource("/hdf5/expected.json").toURI()).getParent();
    cases = new ObjectMapper().readTree(fixtures.resolve("expected.json").toFile()).get("cases");
  }

  @TestFactory
  Stream<DynamicTest> globalAggregatesOfEveryFixture() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : cases) {
      if (!c.has("error")) {
        tests.add(DynamicTest.dynamicTest(name(c), () -> checkGlobal(c)));
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> aggregatesGroupedByStringFields() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : cases) {
      if (c.has("groupBy") && !c.has("error")) {
        for (Iterator<String> it = c.get("groupBy").fieldNames(); it.hasNext();) {
          String by = it.next();
          tests.add(DynamicTest.dynamicTest(name(c) + " by " + by, () -> checkGrouped(c, by)));
        }
      }
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> brokenFilesFailWithOneLine() {
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : cases) {
      if (c.has("error")) {
        tests.add(DynamicTest.dynamicTest(name(c), () -> checkError(c)));
      }
    }
    return tests.stream();
  }

  private static String name(JsonNode c) {
    return c.get("file").asText() + " " + c.path("dataset").asText("(only)")
        + (c.has("select") ? " " + c.get("select") : "") + (c.has("layout") ? " " + c.get("layout").asText() : "");
  }

  /** --input, --dataset, --columns and --layout of a case. */
  private List<String> inputArgs(JsonNode c) {
    List<String> args = new ArrayList<>(List.of("--input", fixtures.resolve(c.get("file").asText()).toString()));
    if (c.hasNonNull("dataset")) {
      args.addAll(List.of("--dataset", c.get("dataset").asText()));
    }
    if (c.has("select")) {
      List<String> cols = new ArrayList<>();
      c.get("select").forEach(n -> cols.add(n.asText()));
      args.addAll(List.of("--columns", String.join(",", cols)));
    }
    if (c.has("layout")) {
      args.addAll(List.of("--layout", c.get("layout").asText()));
    }
    return args;
  }

  private TableSchema schema(JsonNode c) throws Exception {
    List<String> select = new ArrayList<>();
    c.path("select").forEach(n -> select.add(n.asText()));
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(fixtures.resolve(c.get("file").asText()).toUri());
    try (HdfFile hdf = Hdf5Files.open(FileSystem.getLocal(conf), p)) {
      return Hdf5TableMapping.resolve(hdf, p.toString(), new Hdf5ReadOptions(
          c.hasNonNull("dataset") ? c.get("dataset").asText() : null, select, "cells".equals(c.path("layout").asText())))
          .schema();
    }
  }

  /** Runs aggregate to CSV and gives the rows; the header must be {@code header}. */
  private List<List<String>> aggregate(JsonNode c, List<String> groupBy, List<String> aggs, List<String> header)
      throws Exception {
    Path out = tmp.resolve("out-" + jobs++);
    List<String> args = inputArgs(c);
    if (!groupBy.isEmpty()) {
      args.addAll(List.of("--group-by", String.join(",", groupBy)));
    }
    args.addAll(List.of("--agg", String.join(",", aggs), "--output", out.toString(), "--output-format", "csv"));
    Commands.Result r = Commands.run(conf, "aggregate", args.toArray(new String[0]));
    assertEquals(0, r.exitCode(), r.toString());
    return Csv.readParts(out, header);
  }

  private void checkGlobal(JsonNode c) throws Exception {
    TableSchema schema = schema(c);
    List<String> aggs = new ArrayList<>(List.of("count(*)"));
    List<String> header = new ArrayList<>(List.of("count"));
    List<Column> checked = new ArrayList<>();
    String overflowing = null;
    for (Iterator<String> it = c.get("columns").fieldNames(); it.hasNext();) {
      Column col = schema.column(it.next());
      assertNotNull(col, "a column of " + schema.describeColumns());
      checked.add(col);
      if (overflows(col, c.get("columns").get(col.name()))) {
        overflowing = col.name();
      }
      for (String f : functions(col, c.get("columns").get(col.name()))) {
        aggs.add(f + "(" + col.name() + ")");
        header.add(f + "_" + col.name());
      }
    }
    if (overflowing != null) {
      // numpy's exact sum is outside the long range: lakemr fails rather than wrap
      Path out = tmp.resolve("out-" + jobs++);
      List<String> args = inputArgs(c);
      args.addAll(List.of("--agg", "sum(" + overflowing + ")", "--output", out.toString()));
      Commands.Result r = Commands.run(conf, "aggregate", args.toArray(new String[0]));
      assertEquals(1, r.exitCode(), r.toString());
      assertTrue(r.err().contains("sum(" + overflowing + ") overflowed"), r.err());
    }
    List<List<String>> rows = aggregate(c, List.of(), aggs, header);
    assertEquals(1, rows.size(), rows.toString());
    List<String> row = rows.get(0);
    assertEquals(c.get("count").asLong(), Long.parseLong(row.get(0)), "count(*)");
    if (c.get("count").asLong() == 0) {
      return;
    }
    int i = 1;
    for (Column col : checked) {
      JsonNode e = c.get("columns").get(col.name());
      for (String f : functions(col, e)) {
        compare(col.name() + " " + f, col.type(), e.get(f), row.get(i++));
      }
    }
  }

  private void checkGrouped(JsonNode c, String by) throws Exception {
    TableSchema schema = schema(c);
    JsonNode groups = c.get("groupBy").get(by);
    List<Column> checked = new ArrayList<>();
    for (Iterator<String> it = groups.elements().next().fieldNames(); it.hasNext();) {
      String n = it.next();
      if (!n.equals("rows")) {
        checked.add(schema.column(n));
      }
    }
    List<String> aggs = new ArrayList<>(List.of("count(*)"));
    List<String> header = new ArrayList<>(List.of(by, "count"));
    for (Column col : checked) {
      for (String f : functions(col)) {
        aggs.add(f + "(" + col.name() + ")");
        header.add(f + "_" + col.name());
      }
    }
    List<List<String>> rows = aggregate(c, List.of(by), aggs, header);
    assertEquals(groups.size(), rows.size(), rows.toString());
    Map<String, List<String>> byKey = new HashMap<>();
    for (List<String> row : rows) {
      byKey.put(row.get(0) == null ? "" : row.get(0), row);
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = groups.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> g = it.next();
      List<String> row = byKey.get(g.getKey());
      assertNotNull(row, "group " + by + "=" + g.getKey() + " in " + byKey.keySet());
      assertEquals(g.getValue().get("rows").asLong(), Long.parseLong(row.get(1)), by + "=" + g.getKey());
      int i = 2;
      for (Column col : checked) {
        for (String f : functions(col)) {
          compare(by + "=" + g.getKey() + " " + col.name() + " " + f, col.type(), g.getValue().get(col.name()).get(f),
              row.get(i++));
        }
      }
    }
  }

  private static List<String> functions(Column c) {
    return c.type().isNumeric() ? List.of("sum", "min", "max") : List.of("min", "max");
  }

  /** The functions checked for a column, leaving out an integer sum outside the long range. */
  private static List<String> functions(Column c, JsonNode expected) {
    return overflows(c, expected) ? List.of("min", "max") : functions(c);
  }

  private static boolean overflows(Column c, JsonNode expected) {
    return c.type().isIntegral() && expected.has("sum")
        && expected.get("sum").bigIntegerValue().bitLength() > 63;
  }

  private static void compare(String what, ColumnType type, JsonNode expected, String got) {
    assertNotNull(expected, what + ": expected value");
    assertNotNull(got, what + ": null result");
    switch (type) {
      case INT:
      case LONG:
        assertEquals(expected.bigIntegerValue(), new BigDecimal(got).toBigIntegerExact(), what);
        break;
      case FLOAT:
      case DOUBLE:
        double want = expected.asDouble();
        double value = type == ColumnType.FLOAT && !what.endsWith(" sum") ? Float.parseFloat(got) : Double.parseDouble(got);
        double tolerance = what.endsWith(" sum") ? Math.max(1e-9 * Math.abs(want), 1e-9) : 0.0;
        assertEquals(want, value, tolerance, what);
        break;
      case BOOLEAN:
        assertEquals(expected.asLong() != 0, Boolean.parseBoolean(got), what);
        break;
      default:
        assertEquals(expected.asText(), got, what);
    }
  }

  private void checkError(JsonNode c) throws Exception {
    Path out = tmp.resolve("out-" + jobs++);
    List<String> args = inputArgs(c);
    args.addAll(List.of("--agg", "count(*)", "--output", out.toString()));
    // the data errors are found only when a column is read
    if (c.get("file").asText().equals("fletcher32_corrupt.h5") || c.path("dataset").asText().equals("/uint64_big")) {
      String col = c.get("dataset").asText().substring(1);
      args.set(args.indexOf("count(*)"), "count(*),max(" + col + ")");
    }
    Commands.Result r = Commands.run(conf, "aggregate", args.toArray(new String[0]));
    boolean inTask = c.get("file").asText().equals("fletcher32_corrupt.h5") || c.path("dataset").asText().equals("/uint64_big");
    assertEquals(inTask ? 1 : 2, r.exitCode(), r.toString());
    String line = r.err().strip().lines().filter(l -> l.startsWith("lakemr aggregate: ")).findFirst().orElse("");
    for (JsonNode w : c.get("error")) {
      assertTrue(line.contains(w.asText()), "'" + w.asText() + "' in: " + line);
    }
    assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
  }
}
