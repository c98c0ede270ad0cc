package io.lakemr.formats.text;

import io.lakemr.formats.InputFile;
import io.lakemr.formats.MultiRangeSplit;
import io.lakemr.formats.SplitPlanner;
import java.util.ArrayList;
import java.util.List;

/**
 * Plans the splits of line-oriented text files (CSV, JSON Lines) from file names, lengths and
 * block locations only: a pure function.
 *
 * <p>Uncompressed and bzip2 files are cut into byte ranges as {@link SplitPlanner} cuts any
 * file (block-sized pieces, small pieces packed together); readers apply the line rule of
 * {@link LineSource} at the cuts. A gzip or zstd file, and every file when records may span
 * lines ({@code --multiline} CSV), cannot be cut: it is one range, read whole by one task.
 */
public final class TextSplitPlanner {

  private TextSplitPlanner() {
  }

  /**
   * @param partitionColumns names of the partition columns of the files' values
   * @param files the files, in order
   * @param minSize minimum split size
   * @param maxSize maximum split size, {@code Long.MAX_VALUE} when unset
   * @param wholeFiles true when no file may be cut (records span lines)
   */
  public static List<MultiRangeSplit> plan(List<String> partitionColumns, List<InputFile> files, long minSize,
      long maxSize, boolean wholeFiles) {
    List<InputFile> cuttable = new ArrayList<>();
    List<MultiRangeSplit> whole = new ArrayList<>();
    for (InputFile f : files) {
      if (f.length() == 0) {
        continue;
      }
      if (!wholeFiles && Compression.of(f.path()).isSplittable()) {
        cuttable.add(f);
      } else {
        // a minimum split size of the whole length makes exactly one split of the whole file
        whole.addAll(SplitPlanner.plan(partitionColumns, List.of(f), f.length(), Long.MAX_VALUE));
      }
    }
    List<MultiRangeSplit> splits = new ArrayList<>(SplitPlanner.plan(partitionColumns, cuttable, minSize, maxSize));
    splits.addAll(whole);
    return splits;
  }

  /** Whether the reader of a file may be given a range that does not start at 0. */
  public static boolean isSplittable(InputFile file, boolean wholeFiles) {
    return !wholeFiles && Compression.of(file.path()).isSplittable();
  }
}
