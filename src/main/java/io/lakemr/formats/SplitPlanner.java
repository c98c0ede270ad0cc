package io.lakemr.formats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans map-task splits from file lengths and block locations only: a pure function, so a
 * unit test can feed it fake blocks.
 *
 * <p>A file is cut as {@code FileInputFormat} cuts it: the split size is
 * {@code max(minSize, min(maxSize, blockSize))}, and the last piece may run up to
 * {@value SplitRules#SPLIT_SLOP} times that (see {@link SplitRules}). Pieces smaller than the split size (small files, tails)
 * are packed together, in path order, into splits of at most the packing target: the maximum
 * split size when one was set, else the split size. So ten thousand small files make a few
 * map tasks, not ten thousand. Empty files make no split.
 *
 * <p>Each split's host hints are the hosts holding the most bytes of its ranges, at most
 * {@value SplitRules#MAX_HOSTS}, most bytes first.
 */
public final class SplitPlanner {

  private SplitPlanner() {
  }

  /**
   * The splits of some files.
   *
   * @param partitionColumns names of the partition columns the files' values belong to
   * @param files the files, each with its block locations when known (in the order to pack)
   * @param minSize minimum split size ({@code FileInputFormat.getMinSplitSize}), at least 1
   * @param maxSize maximum split size ({@code FileInputFormat.getMaxSplitSize});
   *     {@code Long.MAX_VALUE} when the user set none
   */
  public static List<MultiRangeSplit> plan(List<String> partitionColumns, List<InputFile> files,
      long minSize, long maxSize) {
    long min = Math.max(1, minSize);
    long max = maxSize <= 0 ? Long.MAX_VALUE : maxSize;
    List<MultiRangeSplit> splits = new ArrayList<>();
    Pack pack = new Pack();
    for (InputFile file : files) {
      long length = file.length();
      if (length == 0) {
        continue;
      }
      long splitSize = SplitRules.splitSize(file.status().getBlockSize(), min, max);
      // whole files: none is cut, and small ones share a split up to the usual size
      long target = min == SplitRules.WHOLE_FILES ? SplitRules.splitSize(file.status().getBlockSize(), 1, max)
          : max != Long.MAX_VALUE ? Math.max(max, min) : splitSize;
      long remaining = length;
      while (((double) remaining) / splitSize > SplitRules.SPLIT_SLOP) {
        splits.add(single(partitionColumns, file, length - remaining, splitSize));
        remaining -= splitSize;
      }
      long start = length - remaining;
      if (remaining >= splitSize) {
        splits.add(single(partitionColumns, file, start, remaining));
        continue;
      }
      if (!pack.isEmpty() && pack.bytes + remaining > pack.target) {
        splits.add(pack.toSplit(partitionColumns));
        pack = new Pack();
      }
      if (pack.isEmpty()) {
        pack.target = target;
      }
      pack.add(file, start, remaining);
    }
    if (!pack.isEmpty()) {
      splits.add(pack.toSplit(partitionColumns));
    }
    return splits;
  }

  private static MultiRangeSplit single(List<String> partitionColumns, InputFile file, long start,
      long length) {
    Pack one = new Pack();
    one.add(file, start, length);
    return one.toSplit(partitionColumns);
  }

  /** The hosts holding the most bytes of the given ranges of the given files. */
  static String[] hosts(List<InputFile> files, List<FileRange> ranges) {
    Map<String, Long> bytesByHost = new HashMap<>();
    for (int i = 0; i < ranges.size(); i++) {
      FileRange range = ranges.get(i);
      SplitRules.addHostBytes(range.start(), range.end(), files.get(i).blockLocations(), bytesByHost);
    }
    return SplitRules.topHosts(bytesByHost, SplitRules.MAX_HOSTS);
  }

  /** Small pieces gathered into one split. */
  private static final class Pack {
    final List<InputFile> files = new ArrayList<>();
    final List<FileRange> ranges = new ArrayList<>();
    long bytes;
    long target;

    boolean isEmpty() {
      return ranges.isEmpty();
    }

    void add(InputFile file, long start, long length) {
      files.add(file);
      ranges.add(new FileRange(file.path(), start, length, file.partitionValues()));
      bytes += length;
    }

    MultiRangeSplit toSplit(List<String> partitionColumns) {
      return new MultiRangeSplit(partitionColumns, ranges, hosts(files, ranges));
    }
  }
}
