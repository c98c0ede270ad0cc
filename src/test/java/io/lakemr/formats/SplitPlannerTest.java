package io.lakemr.formats;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

class SplitPlannerTest {

  private static final long MB = 1024L * 1024;
  private static final long BLOCK = 128 * MB;

  /** A file of the given length cut into blocks, block b on hosts h{b}a, h{b}b. */
  static InputFile file(String name, long length, long blockSize) {
    List<BlockLocation> blocks = new ArrayList<>();
    for (long off = 0, b = 0; off < length; off += blockSize, b++) {
      String[] hosts = {"h" + b + "a", "h" + b + "b"};
      blocks.add(new BlockLocation(hosts, hosts, off, Math.min(blockSize, length - off)));
    }
    return located(name, length, blockSize, blocks.toArray(new BlockLocation[0]));
  }

  static InputFile located(String name, long length, long blockSize, BlockLocation... blocks) {
    FileStatus st = new FileStatus(length, false, 3, blockSize, 0, new Path("hdfs://nn/d/" + name));
    return new InputFile(new LocatedFileStatus(st, blocks), List.of());
  }

  private static List<MultiRangeSplit> plan(long min, long max, InputFile... files) {
    return SplitPlanner.plan(List.of(), List.of(files), min, max);
  }

  @Test
  void largeFileIsCutAtBlockBoundariesWithTheBlocksHosts() {
    List<MultiRangeSplit> splits = plan(1, Long.MAX_VALUE, file("a", 10 * BLOCK, BLOCK));
    assertEquals(10, splits.size());
    for (int i = 0; i < 10; i++) {
      FileRange r = splits.get(i).ranges().get(0);
      assertEquals(1, splits.get(i).ranges().size());
      assertEquals(i * BLOCK, r.start());
      assertEquals(BLOCK, r.length());
      assertArrayEquals(new String[] {"h" + i + "a", "h" + i + "b"}, splits.get(i).getLocations());
    }
    assertCoversExactlyOnce(splits, file("a", 10 * BLOCK, BLOCK));
  }

  @Test
  void lastPieceMayRunTenPercentOver() {
    long justUnderSlop = 2 * BLOCK + BLOCK / 20; // 2.05 blocks: 1 + 1.05
    List<MultiRangeSplit> splits = plan(1, Long.MAX_VALUE, file("a", justUnderSlop, BLOCK));
    assertEquals(2, splits.size());
    assertEquals(BLOCK + BLOCK / 20, splits.get(1).getLength());

    long overSlop = 2 * BLOCK + BLOCK / 5; // 2.2 blocks: 1 + 1 + 0.2
    splits = plan(1, Long.MAX_VALUE, file("a", overSlop, BLOCK));
    assertEquals(3, splits.size());
    assertEquals(BLOCK / 5, splits.get(2).getLength());
  }

  @Test
  void minAndMaxSplitSizesBoundTheCut() {
    assertEquals(64 * MB, SplitRules.splitSize(BLOCK, 1, 64 * MB));
    assertEquals(256 * MB, SplitRules.splitSize(BLOCK, 256 * MB, Long.MAX_VALUE));
    assertEquals(BLOCK, SplitRules.splitSize(BLOCK, 1, Long.MAX_VALUE));

    InputFile f = file("a", 4 * BLOCK, BLOCK);
    List<MultiRangeSplit> small = plan(1, 64 * MB, f);
    assertEquals(8, small.size());
    small.forEach(s -> assertEquals(64 * MB, s.getLength()));
    List<MultiRangeSplit> big = plan(256 * MB, Long.MAX_VALUE, f);
    assertEquals(2, big.size());
    big.forEach(s -> assertEquals(256 * MB, s.getLength()));
    assertCoversExactlyOnce(small, f);
    assertCoversExactlyOnce(big, f);
  }

  @Test
  void tenThousandTinyFilesMakeFewSplits() {
    InputFile[] files = new InputFile[10_000];
    for (int i = 0; i < files.length; i++) {
      files[i] = file(String.format("part-%05d", i), 10_000, BLOCK);
    }
    List<MultiRangeSplit> splits = plan(1, Long.MAX_VALUE, files);
    assertEquals(1, splits.size());
    assertEquals(100_000_000L, splits.get(0).getLength());

    List<MultiRangeSplit> capped = plan(1, 10 * MB, files);
    assertTrue(capped.size() >= 10 && capped.size() <= 11, "got " + capped.size());
    capped.forEach(s -> assertTrue(s.getLength() <= 10 * MB));
    assertCoversExactlyOnce(capped, files);
  }

  @Test
  void hostHintsAreTheHostsWithMostBytes() {
    String[] x = {"x"};
    String[] xy = {"x", "y"};
    String[] yz = {"y", "z"};
    String[] w = {"w"};
    InputFile a = located("a", 100, BLOCK, new BlockLocation(x, x, 0, 100));
    InputFile b = located("b", 300, BLOCK, new BlockLocation(yz, yz, 0, 300));
    InputFile c = located("c", 50, BLOCK, new BlockLocation(xy, xy, 0, 50));
    InputFile d = located("d", 10, BLOCK, new BlockLocation(w, w, 0, 10));
    List<MultiRangeSplit> splits = plan(1, Long.MAX_VALUE, a, b, c, d);
    assertEquals(1, splits.size());
    // y: 350, z: 300, x: 150, w: 10
    assertArrayEquals(new String[] {"y", "z", "x"}, splits.get(0).getLocations());
  }

  @Test
  void everyByteOfEveryFileIsInExactlyOneSplit() {
    Random random = new Random(7);
    for (int round = 0; round < 50; round++) {
      List<InputFile> files = new ArrayList<>();
      int n = 1 + random.nextInt(40);
      for (int i = 0; i < n; i++) {
        long block = (1 + random.nextInt(8)) * MB;
        long length = random.nextInt(4) == 0 ? 0 : 1 + (long) (random.nextDouble() * 5 * block);
        files.add(file(String.format("f%03d", i), length, block));
      }
      long min = random.nextBoolean() ? 1 : (1 + random.nextInt(4)) * MB;
      long max = random.nextBoolean() ? Long.MAX_VALUE : (1 + random.nextInt(16)) * MB;
      List<MultiRangeSplit> splits = SplitPlanner.plan(List.of(), files, min, max);
      assertCoversExactlyOnce(splits, files.toArray(new InputFile[0]));
      if (max != Long.MAX_VALUE) {
        for (MultiRangeSplit s : splits) {
          if (s.ranges().size() > 1) {
            assertTrue(s.getLength() <= Math.max(max, min), "packed split over the target");
          }
        }
      }
    }
  }

  /** Every byte of every file lies in exactly one range of one split. */
  static void assertCoversExactlyOnce(List<MultiRangeSplit> splits, InputFile... files) {
    Map<Path, List<FileRange>> byFile = new HashMap<>();
    for (MultiRangeSplit s : splits) {
      for (FileRange r : s.ranges()) {
        assertTrue(r.length() > 0, "empty range " + r);
        byFile.computeIfAbsent(r.path(), p -> new ArrayList<>()).add(r);
      }
    }
    for (InputFile f : files) {
      List<FileRange> ranges = byFile.getOrDefault(f.path(), new ArrayList<>());
      ranges.sort((p, q) -> Long.compare(p.start(), q.start()));
      long next = 0;
      for (FileRange r : ranges) {
        assertEquals(next, r.start(), "gap or overlap in " + f.path());
        next = r.end();
      }
      assertEquals(f.length(), next, "not all of " + f.path() + " is covered");
    }
  }
}
