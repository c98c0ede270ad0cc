package io.lakemr.formats.parquet;

import java.util.ArrayList;
import java.util.List;
import org.apache.parquet.hadoop.metadata.BlockMetaData;

/**
 * Which row groups of a file a byte range owns, by the midpoint rule: a row group belongs to
 * the range holding its midpoint, where the row group starts at its first column chunk's
 * dictionary page (or first data page) and the midpoint is that start plus half its total
 * compressed size. Adjacent ranges that cover a file therefore own every row group exactly
 * once, whatever the block and split sizes. This is the rule of parquet-java's
 * {@code ParquetMetadataConverter.filterFileMetaDataByMidpoint}.
 */
final class RowGroupSelector {

  private RowGroupSelector() {
  }

  /**
   * True when {@code [rangeStart, rangeEnd)} holds the midpoint of the row group. A midpoint
   * outside the file (a footer with bad offsets) is taken as the file's first or last byte, so
   * that such a row group is still owned by exactly one range (and fails when read) rather
   * than silently skipped by all.
   */
  static boolean owns(long rowGroupStart, long compressedSize, long fileLength, long rangeStart,
      long rangeEnd) {
    long midpoint = rowGroupStart + compressedSize / 2;
    if (midpoint < 0 || rowGroupStart < 0 || compressedSize < 0) {
      midpoint = 0;
    } else if (midpoint >= fileLength) {
      midpoint = Math.max(0, fileLength - 1);
    }
    return midpoint >= rangeStart && midpoint < rangeEnd;
  }

  /** Indexes of the row groups (given by start and compressed size) a range owns, in order. */
  static List<Integer> select(long[] starts, long[] compressedSizes, long fileLength,
      long rangeStart, long rangeEnd) {
    List<Integer> owned = new ArrayList<>();
    for (int i = 0; i < starts.length; i++) {
      if (owns(starts[i], compressedSizes[i], fileLength, rangeStart, rangeEnd)) {
        owned.add(i);
      }
    }
    return owned;
  }

  /** Indexes of a file's row groups a range owns, in order. */
  static List<Integer> select(List<BlockMetaData> rowGroups, long fileLength, long rangeStart,
      long rangeEnd) {
    long[] starts = new long[rowGroups.size()];
    long[] sizes = new long[rowGroups.size()];
    for (int i = 0; i < starts.length; i++) {
      BlockMetaData block = rowGroups.get(i);
      starts[i] = block.getColumns().isEmpty() ? 0 : block.getStartingPos();
      sizes[i] = block.getCompressedSize();
    }
    return select(starts, sizes, fileLength, rangeStart, rangeEnd);
  }
}
