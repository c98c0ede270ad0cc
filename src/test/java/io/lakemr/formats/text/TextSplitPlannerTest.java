package io.lakemr.formats.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.formats.FileRange;
import io.lakemr.formats.InputFile;
import io.lakemr.formats.MultiRangeSplit;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

class TextSplitPlannerTest {

  private static final long MB = 1024L * 1024;
  private static final long BLOCK = 128 * MB;

  /** A file cut into blocks, block b on hosts h{b}a and h{b}b. */
  static InputFile file(String name, long length) {
    List<BlockLocation> blocks = new ArrayList<>();
    for (long off = 0, b = 0; off < length; off += BLOCK, b++) {
      String[] hosts = {"h" + b + "a", "h" + b + "b"};
      blocks.add(new BlockLocation(hosts, hosts, off, Math.min(BLOCK, length - off)));
    }
    FileStatus st = new FileStatus(length, false, 3, BLOCK, 0, new Path("hdfs://nn/d/" + name));
    return new InputFile(new LocatedFileStatus(st, blocks.toArray(new BlockLocation[0])), List.of());
  }

  private static List<MultiRangeSplit> plan(boolean multiline, InputFile... files) {
    return TextSplitPlanner.plan(List.of(), List.of(files), 1, Long.MAX_VALUE, multiline);
  }

  @Test
  void uncompressedAndBzip2FilesAreCutAtBlocks() {
    for (String name : new String[] {"a.csv", "a.jsonl.bz2"}) {
      List<MultiRangeSplit> splits = plan(false, file(name, 3 * BLOCK + 5));
      assertEquals(3, splits.size(), name);
      for (int i = 0; i < 3; i++) {
        FileRange r = splits.get(i).ranges().get(0);
        assertEquals(i * BLOCK, r.start());
        assertEquals("h" + i + "a", splits.get(i).getLocations()[0]);
      }
      assertEquals(BLOCK + 5, splits.get(2).getLength());
    }
  }

  @Test
  void gzipAndZstdFilesAreOneSplitEach() {
    for (String name : new String[] {"a.csv.gz", "a.json.zst", "b.ndjson.GZ"}) {
      List<MultiRangeSplit> splits = plan(false, file(name, 3 * BLOCK + 5));
      assertEquals(1, splits.size(), name);
      FileRange r = splits.get(0).ranges().get(0);
      assertEquals(0, r.start());
      assertEquals(3 * BLOCK + 5, r.length());
      assertEquals("h0a", splits.get(0).getLocations()[0]);
    }
  }

  @Test
  void multilineReadsEveryFileWhole() {
    List<MultiRangeSplit> splits = plan(true, file("a.csv", 3 * BLOCK), file("b.csv.bz2", 2 * BLOCK));
    assertEquals(2, splits.size());
    splits.forEach(s -> assertEquals(0, s.ranges().get(0).start()));
    assertEquals(5 * BLOCK, splits.get(0).getLength() + splits.get(1).getLength());
    assertFalse(TextSplitPlanner.isSplittable(file("a.csv", 1), true));
    assertTrue(TextSplitPlanner.isSplittable(file("a.csv.bz2", 1), false));
  }

  @Test
  void smallFilesArePackedAndEmptyOnesDropped() {
    List<MultiRangeSplit> splits = plan(false, file("a.csv", 10 * MB), file("b.csv", 0), file("c.csv", 20 * MB));
    assertEquals(1, splits.size());
    assertEquals(2, splits.get(0).ranges().size());
  }

  @Test
  void maxSplitSizeCutsFinerButNeverACompressedFile() {
    List<MultiRangeSplit> splits = TextSplitPlanner.plan(List.of(),
        List.of(file("a.csv", 100 * MB), file("b.csv.gz", 100 * MB)), 1, 10 * MB, false);
    assertEquals(11, splits.size());
    assertEquals(100 * MB, splits.get(10).getLength());
  }
}
