package io.lakemr.formats.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.lakemr.conf.BadInputException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Reads every fixture case of expected.json through {@link Hdf5BatchReader} and compares
 * counts, sums, min and max (and grouped ones) with what numpy computed when the fixtures were
 * written; broken files must fail with one line naming the file and dataset.
 */
class Hdf5FixturesTest {

  private static final int BATCH = 700;

  @TestFactory
  Stream<DynamicTest> everyFixtureCase() throws IOException {
    JsonNode root = new ObjectMapper().readTree(Hdf5Fixtures.dir().resolve("expected.json").toFile());
    List<DynamicTest> tests = new ArrayList<>();
    for (JsonNode c : root.get("cases")) {
      String name = c.get("file").asText() + " " + c.path("dataset").asText("(only)")
          + (c.has("select") ? " " + c.get("select") : "") + (c.has("layout") ? " " + c.get("layout").asText() : "");
      tests.add(DynamicTest.dynamicTest(name, () -> {
        if (c.has("error")) {
          checkError(c);
        } else {
          checkCase(c);
        }
      }));
    }
    return tests.stream();
  }

  static Hdf5ReadOptions options(JsonNode c) {
    List<String> select = new ArrayList<>();
    c.path("select").forEach(n -> select.add(n.asText()));
    String ds = c.path("dataset").isNull() || !c.has("dataset") ? null : c.get("dataset").asText();
    return new Hdf5ReadOptions(ds, select, "cells".equals(c.path("layout").asText()));
  }

  private static void checkCase(JsonNode c) throws IOException {
    String file = c.get("file").asText();
    try (HdfFile hdf = Hdf5Fixtures.open(file)) {
      Hdf5TableMapping m = Hdf5TableMapping.resolve(hdf, file, options(c));
      assertEquals(c.get("count").asLong(), m.rowCount(), "row count from metadata");
      Map<String, ColumnStats> stats = new HashMap<>();
      Map<String, Map<String, Map<String, ColumnStats>>> groups = new HashMap<>();
      long rows = 0;
      try (Hdf5BatchReader r = new Hdf5BatchReader(hdf, m, 0, m.rowCount(), 4096)) {
        VectorizedRowBatch b = r.createBatch(BATCH);
        while (r.next(b)) {
          rows += b.size;
          for (int col = 0; col < b.numCols; col++) {
            String cn = m.schema().columns().get(col).name();
            ColumnStats s = stats.computeIfAbsent(cn, k -> new ColumnStats());
            for (int i = 0; i < b.size; i++) {
              s.add(b.cols[col], i);
            }
          }
          accumulateGroups(c, m, b, groups);
        }
      }
      assertEquals(c.get("count").asLong(), rows, "rows read");
      for (Iterator<Map.Entry<String, JsonNode>> it = c.get("columns").fields(); it.hasNext();) {
        Map.Entry<String, JsonNode> e = it.next();
        ColumnStats s = stats.get(e.getKey());
        if (rows == 0) {
          assertEquals(-1, m.schema().indexOf(e.getKey()) < 0 ? 0 : -1, "column " + e.getKey() + " exists");
          continue;
        }
        assertNotNull(s, "column " + e.getKey() + " in " + m.schema().describeColumns());
        compare(e.getKey(), e.getValue(), s);
      }
      compareGroups(c, groups);
    }
  }

  private static void accumulateGroups(JsonNode c, Hdf5TableMapping m, VectorizedRowBatch b,
      Map<String, Map<String, Map<String, ColumnStats>>> groups) {
    if (!c.has("groupBy")) {
      return;
    }
    for (Iterator<String> keys = c.get("groupBy").fieldNames(); keys.hasNext();) {
      String by = keys.next();
      int kc = m.schema().indexOf(by);
      BytesColumnVector kv = (BytesColumnVector) b.cols[kc];
      Map<String, Map<String, ColumnStats>> g = groups.computeIfAbsent(by, k -> new HashMap<>());
      for (int i = 0; i < b.size; i++) {
        String key = new String(kv.vector[i], kv.start[i], kv.length[i], StandardCharsets.UTF_8);
        Map<String, ColumnStats> per = g.computeIfAbsent(key, k -> new HashMap<>());
        per.computeIfAbsent("#", k -> new ColumnStats()).count++;
        for (int col = 0; col < b.numCols; col++) {
          if (!(b.cols[col] instanceof BytesColumnVector)) {
            per.computeIfAbsent(m.schema().columns().get(col).name(), k -> new ColumnStats()).add(b.cols[col], i);
          }
        }
      }
    }
  }

  private static void compareGroups(JsonNode c, Map<String, Map<String, Map<String, ColumnStats>>> groups) {
    if (!c.has("groupBy")) {
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = c.get("groupBy").fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> by = it.next();
      Map<String, Map<String, ColumnStats>> got = groups.get(by.getKey());
      assertEquals(by.getValue().size(), got.size(), "groups of " + by.getKey() + ": " + got.keySet());
      for (Iterator<Map.Entry<String, JsonNode>> gi = by.getValue().fields(); gi.hasNext();) {
        Map.Entry<String, JsonNode> g = gi.next();
        Map<String, ColumnStats> per = got.get(g.getKey());
        assertNotNull(per, "group " + by.getKey() + "=" + g.getKey() + " in " + got.keySet());
        for (Iterator<Map.Entry<String, JsonNode>> fi = g.getValue().fields(); fi.hasNext();) {
          Map.Entry<String, JsonNode> f = fi.next();
          if (f.getKey().equals("rows")) {
            assertEquals(f.getValue().asLong(), per.get("#").count, "count of " + by.getKey() + "=" + g.getKey());
          } else {
            compare(by.getKey() + "=" + g.getKey() + " " + f.getKey(), f.getValue(), per.get(f.getKey()));
          }
        }
      }
    }
  }

  static void compare(String what, JsonNode expected, ColumnStats s) {
    if (expected.has("distinct")) {
      assertEquals(expected.get("min").asText(), ColumnStats.string(s.strMin), what + " min");
      assertEquals(expected.get("max").asText(), ColumnStats.string(s.strMax), what + " max");
      assertEquals(expected.get("distinct").asInt(), s.distinct.size(), what + " distinct " + s.distinct);
      return;
    }
    JsonNode sum = expected.get("sum");
    if (s.longMin != null) {
      assertEquals(sum.bigIntegerValue(), s.longSum, what + " sum");
      assertEquals(expected.get("min").bigIntegerValue(), BigInteger.valueOf(s.longMin), what + " min");
      assertEquals(expected.get("max").bigIntegerValue(), BigInteger.valueOf(s.longMax), what + " max");
    } else if (s.doubleMin != null) {
      double want = sum.asDouble();
      double tolerance = Math.max(1e-9 * Math.abs(want), 1e-9);
      assertEquals(want, s.doubleSum, tolerance, what + " sum");
      assertEquals(expected.get("min").asDouble(), s.doubleMin, 0.0, what + " min");
      assertEquals(expected.get("max").asDouble(), s.doubleMax, 0.0, what + " max");
    } else {
      fail(what + ": no values");
    }
  }

  private static void checkError(JsonNode c) {
    String file = c.get("file").asText();
    String message = null;
    try (HdfFile hdf = Hdf5Fixtures.open(file)) {
      Hdf5TableMapping m = Hdf5TableMapping.resolve(hdf, file, options(c));
      try (Hdf5BatchReader r = new Hdf5BatchReader(hdf, m, 0, m.rowCount(), 4096)) {
        VectorizedRowBatch b = r.createBatch(BATCH);
        while (r.next(b)) {
          // reading until the error
        }
      }
    } catch (BadInputException | Hdf5DataException e) {
      message = e.getMessage();
    } catch (IOException | RuntimeException e) {
      throw new AssertionError("unexpected " + e, e);
    }
    assertNotNull(message, "expected an error for " + c);
    assertFalse(message.contains("\n"), "one line: " + message);
    for (JsonNode w : c.get("error")) {
      assertTrue(message.contains(w.asText()), "'" + w.asText() + "' in: " + message);
    }
  }
}
