package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jhdf.HdfFile;
import io.lakemr.testing.DuckDb;
import io.lakemr.testing.LocalJobs;
import java.lang.reflect.Array;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convert} of the HDF5 fixtures (written by h5py) to Parquet, read back by DuckDB: a
 * group of 1-D datasets compared value by value with what jhdf reads of each dataset, and a
 * compound dataset compared with the statistics numpy computed when the fixture was written
 * (expected.json), several map tasks each.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Hdf5ConvertJobTest {

  @TempDir
  static Path tmp;
  private Configuration conf;
  private Path fixtures;
  private JsonNode cases;
  private DuckDb duck;

  @BeforeAll
  void setUp() throws Exception {
    conf = LocalJobs.conf(tmp);
    // small splits, so multi-chunk datasets are read by several map tasks
    conf.setLong("mapreduce.input.fileinputformat.split.maxsize", 16 * 1024);
    fixtures = Paths.get(getClass().getResource("/hdf5/expected.json").toURI()).getParent();
    cases = new ObjectMapper().readTree(fixtures.resolve("expected.json").toFile()).get("cases");
    duck = new DuckDb();
  }

  @AfterAll
  void close() throws Exception {
    duck.close();
  }

  @Test
  void groupOfDatasetsKeepsEveryValueAndTheColumnsOrder() throws Exception {
    Path out = tmp.resolve("cols");
    Commands.Result r = Commands.run(conf, "convert", "--input", fixtures.resolve("columns.h5").toString(),
        "--dataset", "/cols", "--columns", "c,a,b", "--output", out.toString());
    assertEquals(0, r.exitCode(), r.toString());
    String files = "read_parquet('" + out + "/*.parquet')";
    List<String> names = new ArrayList<>();
    for (List<Object> row : duck.query("DESCRIBE SELECT * FROM " + files)) {
      names.add((String) row.get(0));
    }
    assertEquals(List.of("c", "a", "b"), names);

    List<List<Number>> expected = new ArrayList<>();
    try (HdfFile hdf = new HdfFile(fixtures.resolve("columns.h5"))) {
      Object c = hdf.getDatasetByPath("/cols/c").getData();
      Object a = hdf.getDatasetByPath("/cols/a").getData();
      Object b = hdf.getDatasetByPath("/cols/b").getData();
      for (int i = 0; i < Array.getLength(a); i++) {
        expected.add(List.of(((Number) Array.get(c, i)).longValue(), ((Number) Array.get(a, i)).longValue(),
            ((Number) Array.get(b, i)).doubleValue()));
      }
    }
    List<List<Number>> got = new ArrayList<>();
    for (List<Object> row : duck.query("SELECT c, a, b FROM " + files)) {
      got.add(List.of(((Number) row.get(0)).longValue(), ((Number) row.get(1)).longValue(),
          ((Number) row.get(2)).doubleValue()));
    }
    Comparator<List<Number>> order = Comparator.comparingLong((List<Number> x) -> x.get(0).longValue())
        .thenComparingLong(x -> x.get(1).longValue()).thenComparingDouble(x -> x.get(2).doubleValue());
    expected.sort(order);
    got.sort(order);
    assertEquals(4000, expected.size());
    assertEquals(expected, got);
  }

  @Test
  void compoundDatasetMatchesNumpysStatistics() throws Exception {
    JsonNode c = compoundCase();
    Path out = tmp.resolve("compound");
    Commands.Result r = Commands.run(conf, "convert", "--input", fixtures.resolve("compound.h5").toString(),
        "--dataset", "/table", "--output", out.toString());
    assertEquals(0, r.exitCode(), r.toString());
    String files = "read_parquet('" + out + "/*.parquet')";
    assertEquals(c.get("count").asLong(), ((Number) duck.query("SELECT count(*) FROM " + files).get(0).get(0)).longValue());
    for (Iterator<Map.Entry<String, JsonNode>> it = c.get("columns").fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> col = it.next();
      String q = "\"" + col.getKey() + "\"";
      JsonNode e = col.getValue();
      if (e.has("sum")) {
        List<Object> got = duck.query("SELECT sum(" + q + "::DOUBLE), min(" + q + "::DOUBLE), max(" + q
            + "::DOUBLE) FROM " + files).get(0);
        double want = e.get("sum").asDouble();
        assertEquals(want, (Double) got.get(0), Math.max(1e-9 * Math.abs(want), 1e-9), col.getKey() + " sum");
        assertEquals(e.get("min").asDouble(), (Double) got.get(1), col.getKey() + " min");
        assertEquals(e.get("max").asDouble(), (Double) got.get(2), col.getKey() + " max");
      } else {
        List<Object> got = duck.query("SELECT min(" + q + "), max(" + q + "), count(DISTINCT " + q + ") FROM "
            + files).get(0);
        assertEquals(e.get("min").asText(), got.get(0), col.getKey() + " min");
        assertEquals(e.get("max").asText(), got.get(1), col.getKey() + " max");
        assertEquals(e.get("distinct").asLong(), ((Number) got.get(2)).longValue(), col.getKey() + " distinct");
      }
    }
  }

  private JsonNode compoundCase() {
    for (JsonNode c : cases) {
      if (c.get("file").asText().equals("compound.h5") && !c.has("select")) {
        return c;
      }
    }
    throw new AssertionError("no compound.h5 case in expected.json");
  }
}
