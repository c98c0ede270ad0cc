package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The partition-size histogram: a bar per partition when few, log-2 buckets capped in lines when many. */
class SizeHistogramTest {

  private static List<String> labels(int n) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add("p=" + i);
    }
    return out;
  }

  @Test
  void fewPartitionsOneBarEachScaledToTheLargest() {
    SizeHistogram h = SizeHistogram.of(List.of("a", "b", "c", "d"), new long[] {100, 50, 1, 0}, 20);
    assertTrue(h.perPartition());
    assertEquals(List.of(40, 20, 1, 0), h.bars().stream().map(SizeHistogram.Bar::width).toList());
    assertEquals("a", h.bars().get(0).label());
    assertEquals(100, h.bars().get(0).from());
    assertEquals("#".repeat(20), h.bars().get(1).hashes());
  }

  @Test
  void manyPartitionsCountedIntoLog2Buckets() {
    // 1..1000: bucket [2^k, 2^(k+1)) holds 2^k partitions, except the last, [512, 1023], 489
    long[] sizes = new long[1001];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = i;
    }
    SizeHistogram h = SizeHistogram.of(labels(sizes.length), sizes, 20);
    assertFalse(h.perPartition());
    List<SizeHistogram.Bar> bars = h.bars();
    assertEquals(11, bars.size(), "one of empty partitions and ten buckets: " + bars);
    assertEquals(0, bars.get(0).from());
    assertEquals(1, bars.get(0).count());
    assertEquals(1, bars.get(1).from());
    assertEquals(1, bars.get(1).to());
    assertEquals(512, bars.get(10).from());
    assertEquals(1023, bars.get(10).to());
    assertEquals(489, bars.get(10).count());
    assertEquals(256, bars.get(9).count());
    assertEquals(SizeHistogram.WIDTH, bars.get(10).width());
    assertEquals(1, bars.get(1).width(), "a bucket of one still shows a bar");
    assertEquals(sizes.length, bars.stream().mapToInt(SizeHistogram.Bar::count).sum());
  }

  @Test
  void wideSpreadsMergeBucketsToStayUnderTheCap() {
    long[] sizes = new long[50];
    for (int i = 0; i < sizes.length; i++) {
      sizes[i] = 1L << i; // 50 doublings
    }
    SizeHistogram h = SizeHistogram.of(labels(sizes.length), sizes, 10);
    assertEquals(10, h.bars().size(), h.bars().toString());
    for (SizeHistogram.Bar b : h.bars()) {
      assertEquals(5, b.count(), "five doublings per bucket: " + b);
      assertEquals(b.from() * 32 - 1, b.to(), b.toString());
    }
    assertEquals(1, h.bars().get(0).from());
    assertEquals(1L << 45, h.bars().get(9).from());
  }
}
