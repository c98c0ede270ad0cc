package io.lakemr.formats.json;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.formats.BatchInputFormat;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.SplitRules;
import io.lakemr.formats.text.TextSettings;
import io.lakemr.formats.text.TextSplitPlanner;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;

/**
 * Reads JSON Lines files as batches of rows. Uncompressed and bzip2 files split at byte ranges
 * ({@link TextSplitPlanner}); gzip and zstd files are read whole by one task each.
 */
public class JsonLinesBatchInputFormat extends BatchInputFormat {

  /** How files are read, from the shared text settings. */
  public static JsonOptions getOptions(Configuration conf) {
    return new JsonOptions(TextSettings.getTimestampFormat(conf), TextSettings.getMaxLineBytes(conf));
  }

  @Override
  public List<InputSplit> getSplits(JobContext context) throws IOException {
    Configuration conf = context.getConfiguration();
    List<String> paths = getInputPaths(conf);
    if (paths.isEmpty()) {
      throw new BadInputException("no input paths (" + LakemrConfig.INPUT_PATHS + ") set");
    }
    obtainTokens(context, paths);
    InputFiles files = InputFiles.list(conf, paths);
    return new ArrayList<>(TextSplitPlanner.plan(files.partitionColumns(), files.files(), SplitRules.minSize(context),
        SplitRules.maxSize(context, files.totalBytes()), false));
  }

  @Override
  public RecordReader<NullWritable, VectorizedRowBatch> createRecordReader(InputSplit split,
      TaskAttemptContext context) {
    return new JsonLinesBatchRecordReader();
  }
}
