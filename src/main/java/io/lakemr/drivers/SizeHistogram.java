package io.lakemr.drivers;

import java.util.ArrayList;
import java.util.List;

/**
 * A text histogram of partition sizes: with few partitions, one bar per partition, as long as
 * its size; with many, the partitions counted into buckets of sizes on a log-2 scale (wider
 * buckets when the sizes span more than the line cap), each bar as long as its count.
 *
 * @param perPartition whether each bar is one partition (else a bucket of partitions)
 * @param bars the bars, in partition order or from the smallest bucket up
 */
record SizeHistogram(boolean perPartition, List<Bar> bars) {

  /** Longest bar, in {@code #}. */
  static final int WIDTH = 40;

  /**
   * One line of the histogram.
   *
   * @param label the partition, or null for a bucket
   * @param from the bucket's smallest size (the partition's size for a partition bar)
   * @param to the bucket's largest size, inclusive (the partition's size for a partition bar)
   * @param count partitions in the bucket (1 for a partition bar)
   * @param width the bar's length in {@code #}: at least 1 for a non-zero size or count
   */
  record Bar(String label, long from, long to, int count, int width) {

    String hashes() {
      return "#".repeat(width);
    }
  }

  /**
   * The histogram of sizes, one bar per partition when there are at most {@code maxLines}
   * of them, else at most {@code maxLines} buckets.
   *
   * @param labels the partitions' names, in the order to show them
   * @param sizes their sizes (not negative), in the same order
   */
  static SizeHistogram of(List<String> labels, long[] sizes, int maxLines) {
    if (labels.size() != sizes.length) {
      throw new IllegalArgumentException(labels.size() + " labels for " + sizes.length + " sizes");
    }
    if (sizes.length <= maxLines) {
      long max = 0;
      for (long s : sizes) {
        max = Math.max(max, s);
      }
      List<Bar> bars = new ArrayList<>();
      for (int i = 0; i < sizes.length; i++) {
        bars.add(new Bar(labels.get(i), sizes[i], sizes[i], 1, width(sizes[i], max)));
      }
      return new SizeHistogram(true, bars);
    }
    return new SizeHistogram(false, buckets(sizes, maxLines));
  }

  /** Buckets {@code [2^(k*step), 2^((k+1)*step))} from the smallest size's to the largest's, plus one of empty partitions. */
  private static List<Bar> buckets(long[] sizes, int maxLines) {
    int empty = 0;
    int lowBit = Integer.MAX_VALUE;
    int highBit = -1;
    for (long s : sizes) {
      if (s == 0) {
        empty++;
      } else {
        int bit = 63 - Long.numberOfLeadingZeros(s);
        lowBit = Math.min(lowBit, bit);
        highBit = Math.max(highBit, bit);
      }
    }
    int lines = Math.max(1, maxLines - (empty > 0 ? 1 : 0));
    int span = highBit < 0 ? 0 : highBit - lowBit + 1;
    int step = Math.max(1, (span + lines - 1) / lines);
    int bucketCount = (span + step - 1) / step;
    int[] counts = new int[bucketCount];
    for (long s : sizes) {
      if (s > 0) {
        counts[(63 - Long.numberOfLeadingZeros(s) - lowBit) / step]++;
      }
    }
    int most = empty;
    for (int c : counts) {
      most = Math.max(most, c);
    }
    List<Bar> bars = new ArrayList<>();
    if (empty > 0) {
      bars.add(new Bar(null, 0, 0, empty, width(empty, most)));
    }
    for (int b = 0; b < bucketCount; b++) {
      int fromBit = lowBit + b * step;
      long from = 1L << fromBit;
      int toBit = fromBit + step;
      long to = toBit >= 63 ? Long.MAX_VALUE : (1L << toBit) - 1;
      bars.add(new Bar(null, from, to, counts[b], width(counts[b], most)));
    }
    return bars;
  }

  private static int width(long value, long max) {
    if (value <= 0 || max <= 0) {
      return 0;
    }
    return (int) Math.max(1, Math.round((double) value * WIDTH / max));
  }
}
