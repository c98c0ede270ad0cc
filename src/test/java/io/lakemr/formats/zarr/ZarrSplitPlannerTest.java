package io.lakemr.formats.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The split planner on fake chunk listings, and on real listings of stores on the local disk. */
class ZarrSplitPlannerTest {

  private static List<ZarrStoredChunk> chunks(int rows, int perRow, long bytes, String... hosts) {
    List<ZarrStoredChunk> out = new ArrayList<>();
    for (int r = 0; r < rows; r++) {
      for (int c = 0; c < perRow; c++) {
        out.add(new ZarrStoredChunk(r, bytes, new String[] {hosts[(r + c) % hosts.length]}));
      }
    }
    return out;
  }

  private static void assertCovers(List<ZarrRowRange> splits, long records, int unit) {
    long next = 0;
    for (ZarrRowRange s : splits) {
      assertEquals(next, s.firstRecord());
      assertTrue(s.firstRecord() % unit == 0, "split starts on a chunk boundary: " + s);
      next = s.endRecord();
    }
    assertEquals(records, next);
  }

  @Test
  void manySmallChunksPerSplit() {
    // 1,000 chunk rows of 10 records, each 4 chunks of 1 KiB: 4 MiB; 1 MiB splits
    ZarrSplitPlanner.Input in = new ZarrSplitPlanner.Input(9995, 1, 10, 400, chunks(1000, 4, 1024, "h1", "h2"));
    List<ZarrRowRange> splits = ZarrSplitPlanner.plan(in, 128L << 20, 1, 1 << 20);
    assertEquals(4, splits.size());
    assertCovers(splits, 9995, 10);
    assertEquals(256 * 10, splits.get(0).rows());
    assertEquals(1 << 20, splits.get(0).bytes());
    assertEquals(1, splits.get(0).hosts().length);
  }

  @Test
  void lastSplitTakesTheSlop() {
    // 101 units of 100 bytes, splits of 1,000: 10 splits, the last with 11 units
    ZarrSplitPlanner.Input in = new ZarrSplitPlanner.Input(1010, 1, 10, 10, chunks(101, 1, 100, "a"));
    List<ZarrRowRange> splits = ZarrSplitPlanner.plan(in, 1000, 1, Long.MAX_VALUE);
    assertEquals(10, splits.size());
    assertEquals(110, splits.get(9).rows());
    assertCovers(splits, 1010, 10);
  }

  @Test
  void hostsFollowTheBytes() {
    List<ZarrStoredChunk> c = new ArrayList<>();
    c.add(new ZarrStoredChunk(0, 900, new String[] {"x", "y"}));
    c.add(new ZarrStoredChunk(0, 500, new String[] {"y", "z"}));
    c.add(new ZarrStoredChunk(1, 100, new String[] {"z", "x"}));
    ZarrSplitPlanner.Input in = new ZarrSplitPlanner.Input(20, 1, 10, 8, c);
    List<ZarrRowRange> splits = ZarrSplitPlanner.plan(in, 1 << 20, 1, 1 << 20);
    assertEquals(1, splits.size());
    assertArrayEquals(new String[] {"y", "x"}, splits.get(0).hosts());
  }

  @Test
  void missingChunksStillSpread() {
    // no chunk stored: 1,000 units of 10 records x 8 KiB decoded weigh 1,280 bytes each
    ZarrSplitPlanner.Input in = new ZarrSplitPlanner.Input(10000, 1, 10, 8192, List.of());
    List<ZarrRowRange> splits = ZarrSplitPlanner.plan(in, 1 << 20, 1, 128 * 1024);
    assertEquals(10, splits.size());
    assertCovers(splits, 10000, 10);
  }

  @Test
  void rowsPerRecordScalesRows() {
    ZarrSplitPlanner.Input in = new ZarrSplitPlanner.Input(30, 7, 4, 56, chunks(8, 1, 1000, "h"));
    List<ZarrRowRange> splits = ZarrSplitPlanner.plan(in, 2000, 1, 2000);
    assertCovers(splits, 30, 4);
    assertEquals(30 * 7, splits.get(splits.size() - 1).lastRow());
    assertEquals(56, splits.get(0).rows());
  }

  @Test
  void plansARealStoreFromItsListing() throws Exception {
    ZarrTableMapping m = ZarrFixtures.map("v2/sensors.zarr", null, List.of(), false);
    ZarrStore store = ZarrFixtures.store("v2/sensors.zarr");
    ZarrSplitPlanner.Input in = ZarrChunkListing.plannerInput(store, m);
    assertEquals(90, in.chunks().size());
    List<ZarrRowRange> splits = ZarrSplitPlanner.plan(in, 32L << 20, 1, 8 * 1024);
    assertTrue(splits.size() > 2, splits.toString());
    assertCovers(splits, 3000, 100);
    assertTrue(splits.get(0).hosts().length > 0);
  }

  @Test
  void tenThousandChunkFilesPlanFromOneListing(@TempDir Path tmp) throws Exception {
    Path store = tmp.resolve("big.zarr");
    Files.createDirectories(store);
    Files.writeString(store.resolve("zarr.json"), "{\"zarr_format\":3,\"node_type\":\"array\",\"shape\":[100000,50],"
        + "\"data_type\":\"uint8\",\"chunk_grid\":{\"name\":\"regular\",\"configuration\":{\"chunk_shape\":[1000,1]}},"
        + "\"chunk_key_encoding\":{\"name\":\"default\"},\"fill_value\":0,\"codecs\":[{\"name\":\"bytes\"}]}");
    byte[] chunk = new byte[1000];
    for (int r = 0; r < 100; r++) {
      Path row = Files.createDirectories(store.resolve("c").resolve(Integer.toString(r)));
      for (int c = 0; c < 50; c++) {
        Files.write(row.resolve(Integer.toString(c)), chunk);
      }
    }
    long t0 = System.nanoTime();
    ZarrStore zs = ZarrFixtures.store(store.toFile());
    ZarrTableMapping m = ZarrTableMapping.resolve(ZarrHierarchy.open(zs), ZarrReadOptions.defaults());
    ZarrSplitPlanner.Input in = ZarrChunkListing.plannerInput(zs, m);
    List<ZarrRowRange> splits = ZarrSplitPlanner.plan(in, 32L << 20, 1, 1_000_000);
    long ms = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(5000, in.chunks().size());
    assertEquals(5, splits.size());
    assertCovers(splits, 100000, 1000);
    assertTrue(ms < 60_000, ms + " ms");
  }
}
