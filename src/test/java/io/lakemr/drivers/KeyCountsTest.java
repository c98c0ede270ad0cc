package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.data.ByteBuf;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The distinct-key estimates {@code plan} makes from a sample, on samples drawn here. */
class KeyCountsTest {

  private static KeyCounts sample(long rows, long distinct, long seed) {
    KeyCounts counts = new KeyCounts();
    SplittableRandom r = new SplittableRandom(seed);
    ByteBuf key = new ByteBuf();
    for (long i = 0; i < rows; i++) {
      key.reset();
      key.putLong(r.nextLong(distinct));
      counts.add(key);
    }
    return counts;
  }

  @Test
  void keysThatRecurInTheSampleAreCountedExactly() {
    KeyCounts c = sample(50_000, 1_000, 1);
    assertEquals(1_000, c.distinct());
    assertEquals(1_000, c.estimate(10_000_000));
  }

  @Test
  void keysSpreadEvenlyAreEstimatedWithinAFewPercent() {
    // 2M rows over 200,000 keys, sampled 100,000: most keys unseen, most seen ones seen once
    long estimate = sample(100_000, 200_000, 2).estimate(2_000_000);
    assertTrue(estimate > 180_000 && estimate < 220_000, "estimated " + estimate);
  }

  @Test
  void uniqueKeysAreCappedAtTheRows() {
    assertEquals(3_000_000, sample(50_000, Long.MAX_VALUE, 3).estimate(3_000_000));
  }

  @Test
  void expectedKeysAmongSomeRows() {
    assertEquals(1_000, KeyCounts.expectedAmong(1_000_000, 1_000));
    assertEquals(10, KeyCounts.expectedAmong(10, 1_000_000));
    long half = KeyCounts.expectedAmong(1_000, 1_000);
    assertTrue(half > 600 && half < 660, "expected about 632, got " + half);
  }

  @Test
  void aTableThatHoldsEveryGroupEmitsEachOnceAndOneThatFlushesMore() {
    assertEquals(1_000, AggregateCosts.partials(1_000_000, 1_000, 10_000));
    long flushing = AggregateCosts.partials(1_000_000, 500_000, 100_000);
    assertTrue(flushing > 500_000 && flushing < 1_000_000, "partials " + flushing);
  }
}
