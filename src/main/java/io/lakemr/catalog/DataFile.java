package io.lakemr.catalog;

import io.lakemr.formats.HivePaths;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
   * The entry of a file written in Hive layout: its partition values read from the
   * {@code key=value} directories of its relative path.
   *
   * @param relativePath e.g. {@code day=2026-11-01/part-00000-JOB.parquet}
   * @param partitionColumns the table's partition columns, which the directories must name in
   *     this order
   * @throws IllegalArgumentException when the directories name other keys
   */
  public static DataFile ofHivePath(String relativePath, List<String> partitionColumns, long rows, long bytes) {
    String[] parts = relativePath.split("/");
    Map<String, String> partition = new LinkedHashMap<>();
    for (int i = 0; i < parts.length - 1; i++) {
      int eq = parts[i].indexOf('=');
      if (eq > 0) {
        partition.put(HivePaths.unescape(parts[i].substring(0, eq)), HivePaths.unescape(parts[i].substring(eq + 1)));
      }
    }
    if (!new ArrayList<>(partition.keySet()).equals(partitionColumns)) {
      throw new IllegalArgumentException("data file " + relativePath + " sits under partition keys "
          + partition.keySet() + ", not the table's " + partitionColumns);
    }
    return new DataFile(relativePath, partition, rows, bytes);
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

  /**
   * Whether this is a file of aggregate state under {@value TableLog#STATE_DIR}/ (kept by
   * incremental runs), not a data file.
   */
  public boolean isState() {
    return path.startsWith(TableLog.STATE_DIR + "/");
  }

  /** {@link #partitionPath(Map)} of this file's partition. */
  public String partitionPath() {
    return partitionPath(partition);
  }
}
