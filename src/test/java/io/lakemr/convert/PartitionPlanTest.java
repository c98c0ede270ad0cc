package io.lakemr.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.conf.BadInputException;
import org.junit.jupiter.api.Test;

/** The rule {@code convert --partition-plan auto} follows, and the option's values. */
class PartitionPlanTest {

  private static final long MIB = 1L << 20;
  private static final long TARGET = 256 * MIB;

  @Test
  void manyPartitionsOfASmallInputAreWrittenMapSide() {
    assertTrue(PartitionPlan.mapSideWins(2_000, 12 * MIB, TARGET, 1));
    assertTrue(PartitionPlan.mapSideWins(17, 12 * MIB, TARGET, 1), "over 16 per reducer");
    assertFalse(PartitionPlan.mapSideWins(16, 12 * MIB, TARGET, 1), "16 per reducer still shuffle");
  }

  @Test
  void fewPartitionsPerReducerOrPartitionsFillingFilesAreShuffled() {
    // a year of days over 10 GiB: 40 reducers, at most 16 partitions each
    assertFalse(PartitionPlan.mapSideWins(365, 10_240 * MIB, TARGET, 40));
    // 1,000 partitions of 1 GiB each on 4 reducers: each fills files of the target size
    assertFalse(PartitionPlan.mapSideWins(1_000, 1_000_000 * MIB, TARGET, 4));
    assertTrue(PartitionPlan.mapSideWins(1_000, 100_000 * MIB, TARGET, 4), "100 MiB each: under one file");
  }

  @Test
  void theOptionTakesAutoShuffleOrMapSide() {
    assertEquals(PartitionPlan.AUTO, PartitionPlan.parse("partition-plan", "auto"));
    assertEquals(PartitionPlan.SHUFFLE, PartitionPlan.parse("partition-plan", " Shuffle"));
    assertEquals(PartitionPlan.MAP_SIDE, PartitionPlan.parse("partition-plan", "map-side"));
    BadInputException e = assertThrows(BadInputException.class, () -> PartitionPlan.parse("partition-plan", "both"));
    assertEquals("--partition-plan: 'both' is not a plan (auto, shuffle or map-side)", e.getMessage());
  }
}
