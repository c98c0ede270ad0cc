package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakemr.testing.LocalJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code inspect} on HDF5 fixtures, a Parquet file and a directory, as text and as JSON. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InspectToolTest {

  @TempDir
  static Path tmp;
  private Configuration conf;
  private Path fixtures;
  private Path sample;

  @BeforeAll
  void setUp() throws Exception {
    conf = LocalJobs.conf(tmp);
    fixtures = Paths.get(getClass().getResource("/hdf5/expected.json").toURI()).getParent();
    sample = tmp.resolve("sample");
    assertEquals(0, Commands.run(conf, "generate", "--rows", "5000", "--files", "2", "--output", sample.toString())
        .exitCode());
  }

  private String text(String path) throws Exception {
    Commands.Result r = Commands.run(conf, "inspect", path);
    assertEquals(0, r.exitCode(), r.toString());
    return r.out();
  }

  private JsonNode json(String path) throws Exception {
    Commands.Result r = Commands.run(conf, "inspect", path, "--json");
    assertEquals(0, r.exitCode(), r.toString());
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void hdf5TreeAttributesLinksAndColumns() throws Exception {
    String out = text(fixtures.resolve("inspect.h5").toString());
    for (String want : new String[] {"HDF5, 15,504 bytes", "/instrument  group", "@site = \"Kraków\"",
        "@title = \"inspect fixture\"", "@version = 3", "@scale = [0.5, 1.5, 2.5]",
        "/instrument/readings  dataset [100, 3] float64 le",
        "storage: chunked, chunk index v1 B-tree, chunks [25, 3], 4 allocated",
        "filters: shuffle, deflate", "fill value: -1.0", "@units = \"K\"",
        "lakemr reads: 100 rows, one row per index of dimension 0, one column per index of dimension 1: "
            + "readings_0 double, readings_1 double, readings_2 double",
        "with --layout cells: 300 rows, one row per element, index columns i0.. and one value column: "
            + "i0 long, i1 long, readings double",
        "as a table (--dataset /cols): 40 rows, one column per 1-D dataset of the group: t long, v double",
        "/latest  soft link -> /instrument/readings", "/ext  external link -> other.h5:/data"}) {
      assertTrue(out.contains(want), "'" + want + "' in:\n" + out);
    }
    assertTrue(out.lines().anyMatch(l -> l.contains("/ext  external link") && l.contains("other.h5")), out);
  }

  @Test
  void hdf5JsonParsesAndNamesEveryChunkIndex() throws Exception {
    JsonNode doc = json(fixtures.resolve("inspect.h5").toString());
    assertEquals("hdf5", doc.get("format").asText());
    JsonNode readings = find(doc.get("root"), "/instrument/readings");
    assertEquals("[100,3]", readings.get("shape").toString());
    assertEquals("[25,3]", readings.get("chunkShape").toString());
    assertEquals("K", readings.get("attributes").get("units").asText());
    assertEquals(-1.0, readings.get("fillValue").asDouble());
    assertEquals(3, readings.get("table").get("columns").size());
    assertEquals("/instrument/readings", find(doc.get("root"), "/latest").get("targetPath").asText());

    // chunk index names as make_fixtures.py says libhdf5 wrote them
    JsonNode cases = new ObjectMapper().readTree(fixtures.resolve("expected.json").toFile()).get("cases");
    Map<String, JsonNode> docs = new HashMap<>();
    int checked = 0;
    for (JsonNode c : cases) {
      if (c.has("chunkIndex")) {
        String file = c.get("file").asText();
        JsonNode d = docs.computeIfAbsent(file, f -> {
          try {
            return json(fixtures.resolve(f).toString());
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
        assertEquals(c.get("chunkIndex").asText(), find(d.get("root"), c.get("dataset").asText()).get("chunkIndex")
            .asText(), file + " " + c.get("dataset"));
        checked++;
      }
    }
    assertTrue(checked >= 6, "every chunk index type: " + checked);
  }

  @Test
  void compoundColumnsAndBrokenDatasetsInline() throws Exception {
    String out = text(fixtures.resolve("compound.h5").toString());
    assertTrue(out.contains("lakemr reads: 10,007 rows, one row per element, one column per compound field: "), out);
    assertTrue(out.contains("station string") && out.contains("vec_2 float") && out.contains("pos_x double"), out);
    String cols = text(fixtures.resolve("columns.h5").toString());
    assertTrue(cols.contains("as a table (--dataset /cols): cannot be read: ") && cols.contains("odd"), cols);
  }

  @Test
  void parquetFileAndDirectory() throws Exception {
    Path part = sample.resolve("part-m-00000.parquet");
    String out = text(part.toString());
    assertTrue(out.contains("Parquet, ") && out.contains("2,500 rows in 1 row group"), out);
    assertTrue(out.contains("station") && out.contains("string") && out.contains("snappy"), out);
    assertTrue(out.contains("min st-"), out);
    JsonNode doc = json(part.toString());
    assertEquals(2500, doc.get("rows").asLong());
    assertEquals(5, doc.get("schema").size());
    assertEquals("ts", doc.get("schema").get(0).get("name").asText());
    assertEquals("long", doc.get("schema").get(0).get("type").asText());
    assertTrue(doc.get("rowGroups").get(0).get("columns").get(0).has("min"), doc.toString());

    Path dir = tmp.resolve("mixed");
    Files.createDirectories(dir);
    Files.copy(part, dir.resolve("a.parquet"));
    Files.copy(fixtures.resolve("shapes.h5"), dir.resolve("b.h5"));
    String listing = text(dir.toString());
    assertTrue(listing.contains("directory, 2 files"), listing);
    assertTrue(listing.contains("parquet") && listing.contains("a.parquet") && listing.contains("b.h5"), listing);
    assertTrue(listing.contains("Parquet, ") && listing.contains("HDF5, "), "both formats inspected:\n" + listing);
    JsonNode d = json(dir.toString());
    assertEquals(2, d.get("files").size());
    assertEquals(2, d.get("inspected").size());
  }

  @Test
  void badPathsAreUsageErrors() throws Exception {
    Commands.Result missing = Commands.run(conf, "inspect", tmp.resolve("nope.h5").toString());
    assertEquals(2, missing.exitCode(), missing.toString());
    Commands.Result notHdf5 = Commands.run(conf, "inspect", fixtures.resolve("not_hdf5.h5").toString());
    assertEquals(2, notHdf5.exitCode(), notHdf5.toString());
    assertTrue(notHdf5.err().contains("not_hdf5.h5") && notHdf5.err().contains("not an HDF5 file"), notHdf5.err());
    Path other = tmp.resolve("notes.txt");
    Files.writeString(other, "hello, world");
    Commands.Result unknown = Commands.run(conf, "inspect", other.toString());
    assertEquals(2, unknown.exitCode(), unknown.toString());
  }

  private static JsonNode find(JsonNode node, String path) {
    if (path.equals(node.path("path").asText())) {
      return node;
    }
    for (JsonNode c : node.path("children")) {
      JsonNode f = find(c, path);
      if (f != null) {
        return f;
      }
    }
    return null;
  }
}
