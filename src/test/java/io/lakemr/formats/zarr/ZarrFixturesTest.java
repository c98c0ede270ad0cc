package io.lakemr.formats.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Reads every array of the committed stores through Hadoop's local FileSystem and compares each
 * value with expected.json (written by make_fixtures.py) and expected_v3.json (make_v3.mjs),
 * both computed from the in-memory arrays.
 */
class ZarrFixturesTest {

  @Test
  void everyExpectedArrayReads() throws Exception {
    int arrays = 0;
    for (String file : List.of("expected.json", "expected_v3.json")) {
      JsonNode doc = ZarrFixtures.expected(file);
      for (Iterator<Map.Entry<String, JsonNode>> stores = doc.fields(); stores.hasNext();) {
        Map.Entry<String, JsonNode> store = stores.next();
        if (store.getKey().equals("v2/sensors.zarr")) {
          continue;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = store.getValue().fields(); it.hasNext();) {
          Map.Entry<String, JsonNode> a = it.next();
          if (a.getValue().isArray() && !a.getKey().startsWith("cells_")) {
            checkArray(store.getKey(), a.getKey(), a.getValue());
            arrays++;
          }
        }
      }
    }
    assertTrue(arrays >= 90, arrays + " arrays");
  }

  private static void checkArray(String store, String path, JsonNode want) throws Exception {
    ZarrTableMapping m = ZarrFixtures.map(store, path, List.of(), false);
    String where = store + "/" + path;
    assertEquals(want.size(), m.rowCount(), where);
    // a batch size that does not divide the chunks
    List<List<Object>> cols = ZarrFixtures.readColumns(store, m, 0, m.rowCount(), 7);
    for (int r = 0; r < want.size(); r++) {
      JsonNode row = want.get(r);
      if (row.isArray()) {
        assertEquals(row.size(), cols.size(), where);
        for (int c = 0; c < row.size(); c++) {
          ZarrFixtures.assertValue(row.get(c), cols.get(c).get(r), where + "[" + r + "][" + c + "]");
        }
      } else {
        ZarrFixtures.assertValue(row, cols.get(0).get(r), where + "[" + r + "]");
      }
    }
  }

  @Test
  void structuredDtypeIsOneColumnPerField() throws Exception {
    JsonNode want = ZarrFixtures.expected("expected.json").path("v2/records.zarr").path("");
    ZarrTableMapping m = ZarrFixtures.map("v2/records.zarr", null, List.of(), false);
    assertEquals(ZarrLayout.RECORDS, m.layout());
    assertEquals("id, pos_0, pos_1, name, inner_p, inner_q", m.schema().describeColumns());
    checkColumns("v2/records.zarr", m, want);
  }

  @Test
  void structuredFillValueFillsMissingChunks() throws Exception {
    JsonNode want = ZarrFixtures.expected("expected.json").path("v2/fill.zarr").path("record");
    checkColumns("v2/fill.zarr", ZarrFixtures.map("v2/fill.zarr", "record", List.of(), false), want);
  }

  private static void checkColumns(String store, ZarrTableMapping m, JsonNode want) throws Exception {
    List<List<Object>> cols = ZarrFixtures.readColumns(store, m, 0, m.rowCount(), 3);
    for (int c = 0; c < cols.size(); c++) {
      String name = m.schema().columns().get(c).name();
      JsonNode w = want.path(name);
      assertEquals(w.size(), cols.get(c).size(), name);
      for (int r = 0; r < w.size(); r++) {
        ZarrFixtures.assertValue(w.get(r), cols.get(c).get(r), store + " " + name + "[" + r + "]");
      }
    }
  }

  @Test
  void cellsLayoutOfAFortranOrderMatrix() throws Exception {
    JsonNode want = ZarrFixtures.expected("expected.json").path("v2/order.zarr").path("cells_m_F_dot");
    ZarrTableMapping m = ZarrFixtures.map("v2/order.zarr", "/m_F_dot", List.of(), true);
    assertEquals("i0, i1, m_F_dot", m.schema().describeColumns());
    List<List<Object>> cols = ZarrFixtures.readColumns("v2/order.zarr", m, 0, m.rowCount(), 10);
    assertEquals(want.size(), cols.get(0).size());
    for (int r = 0; r < want.size(); r++) {
      for (int c = 0; c < 3; c++) {
        ZarrFixtures.assertValue(want.get(r).get(c), cols.get(c).get(r), "cell " + r);
      }
    }
  }

  @Test
  void anyRowRangeReadsTheSameRows() throws Exception {
    ZarrTableMapping m = ZarrFixtures.map("v3/spec.zarr", "sharded_start", List.of(), false);
    List<List<Object>> all = ZarrFixtures.readColumns("v3/spec.zarr", m, 0, m.rowCount(), 1000);
    for (long first = 0; first < m.rowCount(); first += 3) {
      long last = Math.min(m.rowCount(), first + 5);
      List<List<Object>> part = ZarrFixtures.readColumns("v3/spec.zarr", m, first, last, 2);
      for (int c = 0; c < all.size(); c++) {
        assertEquals(all.get(c).subList((int) first, (int) last), part.get(c), "rows " + first + ".." + last);
      }
    }
  }
}
