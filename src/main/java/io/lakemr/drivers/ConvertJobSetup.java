package io.lakemr.drivers;

import io.lakemr.conf.LakemrConfig;
import io.lakemr.convert.ConvertPartitioner;
import io.lakemr.convert.ConvertPlan;
import io.lakemr.convert.SkewPlan;
import io.lakemr.data.GroupKey;
import io.lakemr.formats.output.BatchOutputFormat;
import io.lakemr.formats.output.OutputFormatDescriptor;
import io.lakemr.publish.OutputTarget;
import io.lakemr.reducers.ConvertReducer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;

/**
 * How a {@code convert} job is wired once its plan is chosen: the output side, the shuffle or
 * map-side partitioned writing, split packing for map-only runs, and the plan's one-line
 * description for the summary.
 */
final class ConvertJobSetup {

  private ConvertJobSetup() {
  }

  static String planText(boolean perFile, ConvertPlan plan, int reducers, SkewPlan skew,
      PartitionChoice partitioning) {
    if (perFile) {
      return "map-only, one output file per input file";
    }
    if (!plan.shuffles()) {
      return "map-only";
    }
    if (partitioning != null && partitioning.mapSide()) {
      return "map-side partitioned writing (" + partitioning.why() + "): at most " + partitioning.maxOpenFiles()
          + " open files a task";
    }
    String text = (plan.partitionColumns().isEmpty() ? "shuffle to sort, " : "shuffle by partition, ") + reducers
        + " reducer" + (reducers == 1 ? "" : "s") + (partitioning == null ? "" : " (" + partitioning.why() + ")");
    int spread = skew.heavy().size();
    return spread == 0 ? text : text + ", " + spread + " skewed partition" + (spread == 1 ? "" : "s")
        + " spread over several";
  }

  /**
   * A map-only conversion writes one file per task (more only past the file limits), so its
   * input is packed into splits of about the target file size: many small input files give
   * about as many output files as their bytes call for, not one per file or per block. A split
   * size the user set wins.
   */
  static void packSplits(Configuration conf, long targetBytes) {
    if (conf.get(FileInputFormat.SPLIT_MINSIZE) == null && conf.get(FileInputFormat.SPLIT_MAXSIZE) == null
        && targetBytes < Long.MAX_VALUE / 2) {
      conf.setLong(FileInputFormat.SPLIT_MINSIZE, targetBytes);
      conf.setLong(FileInputFormat.SPLIT_MAXSIZE, targetBytes);
    }
  }

  /** The output side: format, codec, file names, partition log, and the plan's columns. */
  static void configureOutput(Job job, OutputFormatDescriptor outputFormat, String compression,
      OutputTarget.Mode mode, ConvertPlan plan) {
    job.setOutputKeyClass(NullWritable.class);
    job.setOutputValueClass(NullWritable.class);
    job.setOutputFormatClass(BatchOutputFormat.class);
    BatchOutputFormat.setOutputFormat(job, outputFormat);
    if (compression != null) {
      BatchOutputFormat.setCompression(job, compression);
    }
    BatchOutputFormat.setUniqueFileNames(job, mode == OutputTarget.Mode.APPEND);
    BatchOutputFormat.setPartitionLog(job, true);
    plan.configure(job);
  }

  /**
   * A conversion with partition columns written map-side: map-only, each task gathering its
   * rows by partition; its input packed into splits of about the target file size, as a
   * map-only conversion's is, since each task writes its own files of each partition.
   */
  static void configureMapSide(Job job) {
    job.setNumReduceTasks(0);
    job.getConfiguration().setBoolean(LakemrConfig.CONVERT_MAP_SIDE, true);
    job.getConfiguration().unset(LakemrConfig.CONVERT_SKEW_PARTITIONS);
    packSplits(job.getConfiguration(), job.getConfiguration().getLong(LakemrConfig.OUTPUT_FILE_MAX_BYTES,
        ConvertTool.parseSize("target-file-size", ConvertTool.TARGET_FILE_SIZE_DEFAULT)));
  }

  /** The shuffle of the plan, or none: a map-only job. */
  static void configureShuffle(Job job, ConvertPlan plan, int reducers) {
    if (!plan.shuffles()) {
      job.setNumReduceTasks(0);
      return;
    }
    job.setMapOutputKeyClass(GroupKey.class);
    job.setMapOutputValueClass(BytesWritable.class);
    job.setPartitionerClass(ConvertPartitioner.class);
    job.setReducerClass(ConvertReducer.class);
    job.setNumReduceTasks(reducers);
  }
}
