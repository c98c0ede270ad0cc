package io.lakemr.catalog;

import io.lakemr.formats.HivePaths;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One data file of a table, as a commit adds it.
 *
 * @param path its path relative to the table's location, with {@code /} between parts, e.g.
 *     {@code date=2026-11-01/part-00000.parquet}
 * @param partition the values of the table's partition columns, in their order (a value is
 *     null for {@value HivePaths#DEFAULT_PARTITION_NAME}); empty for a table without
 * @param rows its row count, or -1 when not known
 * @param bytes its length in bytes
 * @param columnStats per column, what is known of its values; empty when nothing is
 */
public record DataFile(String path, Map<String, String> partition, long rows, long bytes,
    Map<String, ColumnStats> columnStats) {

  public DataFile {
    Objects.requireNonNull(path, "path");
    for (String part : path.split("/", -1)) {
      if (part.isEmpty() || part.equals(".") || part.equals("..") || part.contains(":")) {
        throw new IllegalArgumentException("data file path '" + path + "' is not a path relative to the table");
      }
    }
    partition = Collections.unmodifiableMap(new LinkedHashMap<>(partition));
    columnStats = Collections.unmodifiableMap(new LinkedHashMap<>(columnStats));
  }

  /** A file with no column statistics. */
  public DataFile(String path, Map<String, String> partition, long rows, long bytes) {
    this(path, partition, rows, bytes, Map.of());
  }

  /**
   * The partition directory of these values, e.g. {@code date=2026-11-01/station=a}, escaped as
   * Hive does; empty for a table without partitions. Also the key partitions are compared by.
   */
  public static String partitionPath(Map<String, String> partition) {
    StringBuilder b = new StringBuilder();
    for (Map.Entry<String, String> e : partition.entrySet()) {
      if (b.length() > 0) {
        b.append('/');
      }
      b.append(HivePaths.directoryName(e.getKey(), e.getValue()));
    }
    return b.toString();
  }

  /** {@link #partitionPath(Map)} of this file's partition. */
  public String partitionPath() {
    return partitionPath(partition);
  }
}
