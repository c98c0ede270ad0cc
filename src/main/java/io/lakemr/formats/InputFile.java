package io.lakemr.formats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;

/**
 * One input file and the values of its Hive-style partition directories, in the order of
 * {@link InputFiles#partitionColumns()}; a value is null for
 * {@value HivePaths#DEFAULT_PARTITION_NAME}.
 *
 * <p>The status is a {@link LocatedFileStatus} when the listing returned block locations, so
 * split planning need not ask the file system again.
 */
public record InputFile(FileStatus status, List<String> partitionValues) {

  public InputFile {
    Objects.requireNonNull(status, "status");
    // List.copyOf refuses nulls, and a null partition value is meaningful
    partitionValues = Collections.unmodifiableList(new ArrayList<>(partitionValues));
  }

  public Path path() {
    return status.getPath();
  }

  public long length() {
    return status.getLen();
  }

  /** The block locations the listing returned, or an empty array when it returned none. */
  public BlockLocation[] blockLocations() {
    if (status instanceof LocatedFileStatus located && located.getBlockLocations() != null) {
      return located.getBlockLocations();
    }
    return new BlockLocation[0];
  }
}
