package io.lakemr.formats.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The inspect document of stores: tree, shapes, chunks, shards, codecs, fill values, attributes, tables. */
class ZarrInspectorTest {

  @SuppressWarnings("unchecked")
  private static Map<String, Object> child(Map<String, Object> group, String path) {
    for (Object c : (List<Object>) group.get("children")) {
      Map<String, Object> m = (Map<String, Object>) c;
      if (m.get("path").equals(path)) {
        return m;
      }
    }
    throw new AssertionError(path + " not in " + group.get("children"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void nestedConsolidatedStore() throws Exception {
    ZarrHierarchy h = ZarrFixtures.open("v2/nested_consolidated.zarr");
    assertTrue(h.consolidated());
    Map<String, Object> doc = ZarrInspector.inspect(h);
    assertEquals(2, doc.get("zarrFormat"));
    Map<String, Object> root = (Map<String, Object>) doc.get("root");
    assertEquals(Map.of("title", "nested groups", "version", 3), root.get("attributes"));
    Map<String, Object> b = child(child(root, "/a"), "/a/b");
    assertEquals(Map.of("units", Map.of("x", "m")), b.get("attributes"));
    assertTrue(((Map<String, Object>) b.get("table")).get("error").toString().contains("differ in length"));
    Map<String, Object> x = child(b, "/a/b/x");
    assertEquals("int64 le", x.get("dtype"));
    assertEquals(List.of("gzip(level 1)"), x.get("codecs"));
    assertEquals(6, x.get("chunksPresent"));
    assertEquals(6L, x.get("gridChunks"));
    assertEquals(Map.of("column", "x"), x.get("attributes"));
    Map<String, Object> t = (Map<String, Object>) x.get("table");
    assertEquals(57L, t.get("rows"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void shardedArrays() throws Exception {
    Map<String, Object> root = (Map<String, Object>) ZarrInspector.inspect(ZarrFixtures.open("v3/spec.zarr")).get("root");
    Map<String, Object> s = child(root, "/sharded_start");
    assertEquals(3, ((Map<String, Object>) ZarrInspector.inspect(ZarrFixtures.open("v3/spec.zarr"))).get("zarrFormat"));
    assertTrue(Arrays.equals(new int[] {4, 6}, (int[]) s.get("shards")));
    assertTrue(Arrays.equals(new int[] {2, 3}, (int[]) s.get("innerChunks")));
    assertEquals(2, s.get("shardsPresent"));
    assertEquals(3L, s.get("gridChunks"));
    assertEquals(2.5, s.get("fillValue"));
    String codecs = s.get("codecs").toString();
    assertTrue(codecs.contains("index at start") && codecs.contains("zstd") && codecs.contains("crc32c"), codecs);
    Map<String, Object> cells = (Map<String, Object>) s.get("tableAsCells");
    assertEquals(60L, cells.get("rows"));
    Map<String, Object> fill = child(root, "/sharded_end");
    assertEquals("NaN", fill.get("fillValue"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void inlineConsolidatedV3Metadata() throws Exception {
    ZarrHierarchy h = ZarrFixtures.open("v3/consolidated.zarr");
    assertTrue(h.consolidated());
    Map<String, Object> root = (Map<String, Object>) ZarrInspector.inspect(h).get("root");
    Map<String, Object> obs = child(root, "/obs");
    assertEquals(Map.of("level", 1), obs.get("attributes"));
    Map<String, Object> t = child(obs, "/obs/t");
    assertEquals(Map.of("units", "K"), t.get("attributes"));
    assertEquals(3, t.get("chunksPresent"));
  }

  @Test
  @SuppressWarnings("unchecked")
  void brokenNodesAreShownWithTheirReason() throws Exception {
    Map<String, Object> root = (Map<String, Object>) ZarrInspector.inspect(ZarrFixtures.open("broken/no_zarray.zarr")).get("root");
    Map<String, Object> data = child(root, "/data");
    assertEquals("unreadable", data.get("kind"));
    assertTrue(data.get("error").toString().contains("missing .zarray"));
  }
}
