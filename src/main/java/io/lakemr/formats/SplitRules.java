package io.lakemr.formats;

import io.lakemr.conf.LakemrConfig;
import io.lakemr.tasks.Framework;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;

/**
 * The split-size rules every split planner follows, written once: Hadoop's split size from the
 * standard {@code mapreduce.input.fileinputformat.split.minsize} / {@code maxsize} settings and
 * the block size, the slop a last split may run over, and host hints by bytes held.
 */
public final class SplitRules {

  /** How far past the split size a last split may run, as {@code FileInputFormat.SPLIT_SLOP}. */
  public static final double SPLIT_SLOP = 1.1;

  /** The minimum split size of a job that reads whole files: larger than any file. */
  public static final long WHOLE_FILES = Long.MAX_VALUE;

  /** Host hints per split, at most. */
  public static final int MAX_HOSTS = 3;

  /**
   * The smallest split a local run cuts to keep every core busy: below it a task's set-up costs
   * more than a second core saves.
   */
  public static final long MIN_SHARE_SPLIT = 8L * 1024 * 1024;

  /** The key of the local job runner's map slots, one per core by default. */
  public static final String LOCAL_MAPS_KEY = "mapreduce.local.map.tasks.maximum";

  /** Block size assumed when a file system reports none. */
  public static final long FALLBACK_BLOCK_SIZE = 128L * 1024 * 1024;

  private SplitRules() {
  }

  /**
   * {@code max(minSize, min(maxSize, blockSize))}, as {@code FileInputFormat.computeSplitSize};
   * a block size of 0 or less counts as {@value #FALLBACK_BLOCK_SIZE}.
   */
  public static long splitSize(long blockSize, long minSize, long maxSize) {
    long block = blockSize > 0 ? blockSize : FALLBACK_BLOCK_SIZE;
    return Math.max(minSize, Math.min(maxSize, block));
  }

  /**
   * The job's minimum split size ({@code FileInputFormat.getMinSplitSize}), at least 1; or
   * {@value #WHOLE_FILES} when the job reads whole files ({@link #setWholeFiles}), so that no
   * planner cuts a file.
   */
  public static long minSize(JobContext context) {
    if (context.getConfiguration().getBoolean(LakemrConfig.INPUT_WHOLE_FILES, false)) {
      return WHOLE_FILES;
    }
    return Math.max(1, FileInputFormat.getMinSplitSize(context));
  }

  /** Makes every planner give each input file (or store) whole to one task. */
  public static void setWholeFiles(Job job) {
    job.getConfiguration().setBoolean(LakemrConfig.INPUT_WHOLE_FILES, true);
  }

  /** The job's maximum split size; {@code Long.MAX_VALUE} when none was set. */
  public static long maxSize(JobContext context) {
    return FileInputFormat.getMaxSplitSize(context);
  }

  /**
   * The job's maximum split size for an input of {@code inputBytes}. On a cluster, and when the
   * job sets a split size itself, it is {@link #maxSize(JobContext)}. In a local run it is at
   * most an equal share of the input per map slot ({@value #LOCAL_MAPS_KEY}), but not below
   * {@value #MIN_SHARE_SPLIT} bytes: an input smaller than one block per core is still read by
   * every core, instead of by one task while the others wait.
   *
   * @param inputBytes the stored bytes the job reads (a planner's estimate)
   */
  public static long maxSize(JobContext context, long inputBytes) {
    long max = maxSize(context);
    Configuration conf = context.getConfiguration();
    int slots = conf.getInt(LOCAL_MAPS_KEY, 1);
    // mapred-default.xml sets the minimum to 0: only a larger one was chosen
    if (!Framework.isLocal(conf) || slots <= 1 || conf.get(FileInputFormat.SPLIT_MAXSIZE) != null
        || FileInputFormat.getMinSplitSize(context) > 1) {
      return max;
    }
    long share = Math.max(MIN_SHARE_SPLIT, (inputBytes + slots - 1) / slots);
    return Math.min(max, share);
  }

  /** Adds, per host, the bytes of {@code [start, end)} that the blocks it holds cover. */
  public static void addHostBytes(long start, long end, BlockLocation[] blocks, Map<String, Long> bytesByHost) {
    for (BlockLocation block : blocks) {
      long from = Math.max(start, block.getOffset());
      long to = Math.min(end, block.getOffset() + block.getLength());
      if (to <= from) {
        continue;
      }
      for (String host : hosts(block)) {
        bytesByHost.merge(host, to - from, Long::sum);
      }
    }
  }

  /** The hosts holding the most bytes, most first (ties by name), at most {@code limit}. */
  public static String[] topHosts(Map<String, Long> bytesByHost, int limit) {
    return bytesByHost.entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed()
            .thenComparing(Map.Entry.comparingByKey()))
        .limit(limit)
        .map(Map.Entry::getKey)
        .toArray(String[]::new);
  }

  /** The hosts of a block. */
  public static String[] hosts(BlockLocation block) {
    try {
      return block.getHosts();
    } catch (IOException e) {
      throw new UncheckedIOException("block locations at offset " + block.getOffset(), e);
    }
  }
}
