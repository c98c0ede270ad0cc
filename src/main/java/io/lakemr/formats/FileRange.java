package io.lakemr.formats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.fs.Path;

/**
 * A byte range of one input file, with the file's partition values (null for the default
 * partition). A reader owns the units (row groups, lines, chunks) that its format's boundary
 * rule assigns to this range.
 */
public record FileRange(Path path, long start, long length, List<String> partitionValues) {

  public FileRange {
    Objects.requireNonNull(path, "path");
    if (start < 0 || length < 0) {
      throw new IllegalArgumentException("bad range " + start + "+" + length + " of " + path);
    }
    partitionValues = Collections.unmodifiableList(new ArrayList<>(partitionValues));
  }

  /** First byte after the range. */
  public long end() {
    return start + length;
  }

  @Override
  public String toString() {
    return path + ":" + start + "+" + length;
  }
}
