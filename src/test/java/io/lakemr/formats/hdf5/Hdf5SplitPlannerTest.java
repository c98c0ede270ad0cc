package io.lakemr.formats.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.formats.SplitRules;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.BlockLocation;
import org.junit.jupiter.api.Test;

/** The split planner with fake blocks: no file system, no file. */
class Hdf5SplitPlannerTest {

  private static final long MB = 1024 * 1024;
  private static final int CHUNK = 65_536;
  private static final long ROWS = 1_000_003;

  /** Three-way replicated 1 MiB blocks over {@code length} bytes, hosts h{i}a, h{i}b, h{i}c. */
  static BlockLocation[] blocks(long length, long blockSize) {
    List<BlockLocation> out = new ArrayList<>();
    for (long off = 0, i = 0; off < length; off += blockSize, i++) {
      String[] hosts = {"h" + i + "a", "h" + i + "b", "h" + i + "c"};
      out.add(new BlockLocation(hosts, hosts, off, Math.min(blockSize, length - off)));
    }
    return out.toArray(new BlockLocation[0]);
  }

  /** Chunks of 65,536 float64 stored back to back from byte 4096, each compressed to 300 KB. */
  static List<Hdf5ByteExtent> chunkExtents() {
    List<Hdf5ByteExtent> out = new ArrayList<>();
    long address = 4096;
    for (long first = 0; first < ROWS; first += CHUNK) {
      out.add(new Hdf5ByteExtent(first, Math.min(first + CHUNK, ROWS), address, 300_000));
      address += 300_000;
    }
    return out;
  }

  @Test
  void chunkedSplitsStartOnChunkBoundariesAndAddUp() {
    Hdf5SplitPlanner.Input in = new Hdf5SplitPlanner.Input(ROWS, 1, CHUNK, 8, chunkExtents());
    List<Hdf5RowRange> splits = Hdf5SplitPlanner.plan(in, blocks(5_000_000, MB), 128 * MB, 1, MB);
    long next = 0;
    for (Hdf5RowRange s : splits) {
      assertEquals(next, s.firstRow(), "contiguous splits");
      assertEquals(0, s.firstRow() % CHUNK, "starts on a chunk boundary: " + s);
      assertTrue(s.lastRow() == ROWS || s.lastRow() % CHUNK == 0, "ends on a chunk boundary: " + s);
      // 512 KiB of float64 per chunk: two chunks per 1 MiB split
      assertTrue(s.rows() <= 2L * CHUNK, "at most two chunks: " + s);
      next = s.lastRow();
    }
    assertEquals(ROWS, next, "rows add up");
    assertEquals(8, splits.size());
    // chunks 0 and 1 are bytes 4096..604096, all in block 0
    assertArrayEquals(new String[] {"h0a", "h0b", "h0c"}, splits.get(0).hosts());
    assertEquals(600_000, splits.get(0).bytes());
  }

  @Test
  void hostsFollowTheBlockHoldingMostOfTheSplit() {
    Hdf5SplitPlanner.Input in = new Hdf5SplitPlanner.Input(ROWS, 1, CHUNK, 8, chunkExtents());
    List<Hdf5RowRange> splits = Hdf5SplitPlanner.plan(in, blocks(5_000_000, MB), 128 * MB, 1, MB);
    // split 1: chunks 2,3 = bytes 604096..1204096: 444,480 in block 0, 155,520 in block 1
    assertEquals("h0a", splits.get(1).hosts()[0]);
    assertEquals(3, splits.get(1).hosts().length);
    // split 2: chunks 4,5 = bytes 1204096..1804096, all in block 1
    assertEquals("h1a", splits.get(2).hosts()[0]);
  }

  @Test
  void aChunkLargerThanTheSplitSizeIsOneSplit() {
    Hdf5SplitPlanner.Input in = new Hdf5SplitPlanner.Input(ROWS, 1, CHUNK, 8, List.of());
    List<Hdf5RowRange> splits = Hdf5SplitPlanner.plan(in, new BlockLocation[0], 128 * MB, 1, 100_000);
    assertEquals(16, splits.size());
    for (Hdf5RowRange s : splits) {
      assertEquals(0, s.firstRow() % CHUNK);
      assertEquals(0, s.hosts().length);
    }
  }

  @Test
  void theBlockSizeBoundsTheSplitWhenMaxSizeIsLarger() {
    Hdf5SplitPlanner.Input in = new Hdf5SplitPlanner.Input(ROWS, 1, CHUNK, 8, chunkExtents());
    List<Hdf5RowRange> splits = Hdf5SplitPlanner.plan(in, blocks(5_000_000, 2 * MB), 2 * MB, 1, Long.MAX_VALUE);
    assertEquals(4, splits.size(), splits.toString());
    assertEquals(4L * CHUNK, splits.get(0).rows());
  }

  @Test
  void contiguousDataIsCutIntoRowRanges() {
    long records = 10_000;
    Hdf5SplitPlanner.Input in = new Hdf5SplitPlanner.Input(records, 1, 0, 100,
        List.of(new Hdf5ByteExtent(0, records, 2048, records * 100)));
    List<Hdf5RowRange> splits = Hdf5SplitPlanner.plan(in, blocks(2048 + records * 100, 300_000), 300_000, 1,
        250_000);
    long next = 0;
    for (Hdf5RowRange s : splits) {
      assertEquals(next, s.firstRow());
      next = s.lastRow();
      assertTrue(s.bytes() <= 250_000 * SplitRules.SPLIT_SLOP, s.toString());
    }
    assertEquals(records, next);
    assertEquals(4, splits.size(), splits.toString());
    assertEquals("h0a", splits.get(0).hosts()[0]);
  }

  @Test
  void rowsPerRecordScalesRowRanges() {
    Hdf5SplitPlanner.Input in = new Hdf5SplitPlanner.Input(20, 24, 7, 96, List.of());
    List<Hdf5RowRange> splits = Hdf5SplitPlanner.plan(in, new BlockLocation[0], 1000, 1, 700);
    assertEquals(List.of(0L, 168L, 336L), splits.stream().map(Hdf5RowRange::firstRow).toList());
    assertEquals(480, splits.get(2).lastRow());
  }

  @Test
  void anEmptyDatasetHasNoSplits() {
    Hdf5SplitPlanner.Input in = new Hdf5SplitPlanner.Input(0, 1, 64, 8, List.of());
    assertTrue(Hdf5SplitPlanner.plan(in, new BlockLocation[0], MB, 1, MB).isEmpty());
  }
}
