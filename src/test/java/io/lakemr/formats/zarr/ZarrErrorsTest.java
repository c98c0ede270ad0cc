package io.lakemr.formats.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.conf.BadInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Broken stores fail with one line naming the store, the array, the chunk key and the problem:
 * {@link BadInputException} for metadata (found on the client), {@link ZarrDataException} for
 * data (found in a task). Corrupt data never reads as numbers.
 */
class ZarrErrorsTest {

  private static BadInputException badInput(String store, String dataset) {
    return assertThrows(BadInputException.class,
        () -> ZarrFixtures.map(store, dataset, List.of(), false));
  }

  private static ZarrDataException badData(String store, String dataset) throws Exception {
    ZarrTableMapping m = ZarrFixtures.map(store, dataset, List.of(), false);
    return assertThrows(ZarrDataException.class,
        () -> ZarrFixtures.readColumns(store, m, 0, m.rowCount(), 100));
  }

  private static void assertLine(String message, String... parts) {
    assertTrue(!message.contains("\n"), message);
    for (String p : parts) {
      assertTrue(message.contains(p), "'" + p + "' in: " + message);
    }
  }

  @Test
  void missingZarray() {
    assertLine(badInput("broken/no_zarray.zarr", "data").getMessage(),
        "no_zarray.zarr", "/data", "missing .zarray");
    assertLine(badInput("broken/no_zarray.zarr", null).getMessage(), "no_zarray.zarr", "holds no array",
        "/data: missing .zarray");
  }

  @Test
  void malformedJson() {
    assertLine(badInput("broken/bad_json.zarr", null).getMessage(), "bad_json.zarr", ".zarray",
        "malformed JSON metadata");
  }

  @Test
  void unknownFilterAndDtypeAreNamed() {
    assertLine(badInput("broken/unknown_filter.zarr", null).getMessage(), "unknown_filter.zarr",
        "codec delta is not supported");
    assertLine(badInput("broken/complex.zarr", null).getMessage(), "complex.zarr", "<c8", "complex");
  }

  @Test
  void chunkOfTheWrongSize() throws Exception {
    assertLine(badData("broken/wrong_size.zarr", null).getMessage(), "wrong_size.zarr", "array /",
        "chunk 1 ", "decodes to 12 bytes, expected 16");
  }

  @Test
  void corruptCompressedChunks() throws Exception {
    assertLine(badData("broken/corrupt_zlib.zarr", null).getMessage(), "corrupt_zlib.zarr", "chunk 1:",
        "zlib");
    assertLine(badData("broken/corrupt_blosc.zarr", null).getMessage(), "corrupt_blosc.zarr", "chunk 1:",
        "blosc");
  }

  @Test
  void badShardIndexChecksum() throws Exception {
    assertLine(badData("broken/bad_crc.zarr", null).getMessage(), "bad_crc.zarr", "c/1", "crc32c mismatch");
  }

  @Test
  void uint64AboveLongRange() throws Exception {
    assertLine(badData("v2/u64_big.zarr", null).getMessage(), "u64_big.zarr",
        "uint64 value 18446744073709551615 at row 4");
  }

  @Test
  void missingChunkWithoutFillValue() throws Exception {
    assertLine(badData("v2/fill.zarr", "no_fill").getMessage(), "fill.zarr", "/no_fill", "chunk 1 ",
        "missing and the array has no fill_value");
  }

  @Test
  void tableChoices() {
    assertLine(badInput("v2/codecs.zarr", null).getMessage(), "codecs.zarr", "choose one with --dataset");
    assertLine(badInput("v2/nested.zarr", "/a/b").getMessage(), "group /a/b", "/a/b/other", "differ in length");
    assertLine(badInput("v2/nested.zarr", "/nope").getMessage(), "no array or group /nope", "/a/b/x");
    BadInputException e = assertThrows(BadInputException.class,
        () -> ZarrFixtures.map("v2/nested.zarr", "/a/b", List.of("x", "w"), false));
    assertLine(e.getMessage(), "column w does not exist", "x, y, z");
  }

  @Test
  void aTaskReadsOnlyItsSubtree() throws Exception {
    ZarrHierarchy sub = ZarrHierarchy.open(ZarrFixtures.store("v2/nested.zarr"), "/a/b");
    assertEquals(List.of("a/b", "a/b/other", "a/b/x", "a/b/y", "a/b/z"), List.copyOf(sub.nodes().keySet()));
    ZarrTableMapping m = ZarrTableMapping.resolve(sub, new ZarrReadOptions("/a/b", List.of("y"), false));
    assertEquals(57, m.rowCount());
    ZarrHierarchy v3 = ZarrHierarchy.open(ZarrFixtures.store("v3/zarrita.zarr"), "table");
    assertEquals(List.of("", "table", "table/station", "table/temp"), List.copyOf(v3.nodes().keySet()));
  }

  @Test
  void groupColumnsByChoice() throws Exception {
    ZarrTableMapping m = ZarrFixtures.map("v2/nested.zarr", "/a/b", List.of("z", "x"), false);
    assertEquals("z, x", m.schema().describeColumns());
    assertEquals(57, m.rowCount());
    List<List<Object>> cols = ZarrFixtures.readColumns("v2/nested.zarr", m, 0, 57, 8);
    assertEquals("k2", cols.get(0).get(6));
    assertEquals(6000L, cols.get(1).get(6));
  }
}
