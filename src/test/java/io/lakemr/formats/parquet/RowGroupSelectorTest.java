package io.lakemr.formats.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RowGroupSelectorTest {

  @Test
  void midpointOnABoundaryBelongsToTheRangeStartingThere() {
    // row group [100, 300): midpoint 200
    assertTrue(RowGroupSelector.owns(100, 200, 1000, 200, 400));
    assertFalse(RowGroupSelector.owns(100, 200, 1000, 0, 200));
    assertTrue(RowGroupSelector.owns(100, 200, 1000, 0, 201));
  }

  @Test
  void midpointsOutsideTheFileGoToTheFirstOrLastRange() {
    assertTrue(RowGroupSelector.owns(900, 5000, 1000, 500, 1000));
    assertFalse(RowGroupSelector.owns(900, 5000, 1000, 0, 500));
    assertTrue(RowGroupSelector.owns(-50, 20, 1000, 0, 10));
    assertFalse(RowGroupSelector.owns(-50, 20, 1000, 10, 1000));
  }

  @Test
  void everyRowGroupLandsInExactlyOneOfAdjacentRanges() {
    Random random = new Random(11);
    for (int round = 0; round < 500; round++) {
      int groups = 1 + random.nextInt(30);
      long[] starts = new long[groups];
      long[] sizes = new long[groups];
      long pos = 4;
      for (int g = 0; g < groups; g++) {
        starts[g] = pos;
        sizes[g] = 1 + random.nextInt(10_000);
        pos += sizes[g];
      }
      long fileLength = pos + 8 + random.nextInt(2_000);
      if (random.nextInt(10) == 0) {
        sizes[groups - 1] += 100_000; // a footer claiming more bytes than the file has
      }
      TreeSet<Long> cuts = new TreeSet<>();
      int nCuts = random.nextInt(12);
      for (int i = 0; i < nCuts; i++) {
        cuts.add(1 + (long) (random.nextDouble() * (fileLength - 1)));
      }
      cuts.add(0L);
      cuts.add(fileLength);
      int[] owners = new int[groups];
      Long prev = null;
      for (long cut : cuts) {
        if (prev != null) {
          List<Integer> owned = RowGroupSelector.select(starts, sizes, fileLength, prev, cut);
          for (int g : owned) {
            owners[g]++;
          }
          for (int i = 1; i < owned.size(); i++) {
            assertTrue(owned.get(i - 1) < owned.get(i), "not in file order");
          }
        }
        prev = cut;
      }
      for (int g = 0; g < groups; g++) {
        assertEquals(1, owners[g], "row group " + g + " in round " + round);
      }
    }
  }
}
