package io.lakemr.convert;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.formats.SplitRules;
import io.lakemr.tasks.Framework;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetOutputFormat;
import org.apache.parquet.hadoop.ParquetWriter;

/**
 * The memory of a map task writing a {@code convert}'s partitions map-side
 * ({@link MapSidePartitions}): {@link LakemrConfig#CONVERT_MAP_SIDE_MEMORY_FRACTION} of the
 * task heap (divided among the map tasks the local job runner runs at once in one JVM), half for
 * the rows gathered by partition, half for the open files, each of which buffers at most one
 * Parquet row group of that half over the most files open, and never more than the row group
 * size asked for.
 *
 * @param bufferBytes encoded rows held before they are written
 * @param rowGroupBytes the Parquet row group size of each file
 * @param maxOpenFiles the most files open at once
 */
public record MapSideBudget(long bufferBytes, long rowGroupBytes, int maxOpenFiles) {

  /** The smallest row group a file is written with, whatever the heap. */
  static final long MIN_ROW_GROUP = 1L << 20;

  /**
   * The budget of a task JVM with this maximum heap.
   *
   * @throws BadInputException naming the key when the open files or the fraction are out of range
   */
  public static MapSideBudget of(Configuration conf, long maxHeap) {
    int open = conf.getInt(LakemrConfig.CONVERT_MAP_SIDE_MAX_OPEN_WRITERS,
        LakemrConfig.CONVERT_MAP_SIDE_MAX_OPEN_WRITERS_DEFAULT);
    if (open < 1) {
      throw new BadInputException(LakemrConfig.CONVERT_MAP_SIDE_MAX_OPEN_WRITERS + ": " + open
          + " is not a number of files (at least 1)");
    }
    float fraction = conf.getFloat(LakemrConfig.CONVERT_MAP_SIDE_MEMORY_FRACTION,
        LakemrConfig.CONVERT_MAP_SIDE_MEMORY_FRACTION_DEFAULT);
    if (!(fraction > 0 && fraction < 1)) {
      throw new BadInputException(LakemrConfig.CONVERT_MAP_SIDE_MEMORY_FRACTION + ": " + fraction
          + " is not a share of the heap (above 0, below 1)");
    }
    int sharing = Framework.isLocal(conf) ? Math.max(1, conf.getInt(SplitRules.LOCAL_MAPS_KEY, 1)) : 1;
    long half = (long) (maxHeap * (double) fraction / sharing / 2);
    long asked = conf.getLong(ParquetOutputFormat.BLOCK_SIZE, ParquetWriter.DEFAULT_BLOCK_SIZE);
    long rowGroup = Math.max(MIN_ROW_GROUP, Math.min(asked, half / open));
    return new MapSideBudget(Math.max(MIN_ROW_GROUP, half), rowGroup, open);
  }

  /** Sets a task's row group size to the budget's, so each open Parquet file buffers at most that. */
  public void apply(Configuration taskConf) {
    taskConf.setLong(ParquetOutputFormat.BLOCK_SIZE, rowGroupBytes);
  }
}
