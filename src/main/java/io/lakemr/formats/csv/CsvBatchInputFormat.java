package io.lakemr.formats.csv;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.formats.BatchInputFormat;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.SplitRules;
import io.lakemr.formats.text.TextSettings;
import io.lakemr.formats.text.TextSplitPlanner;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;

/**
 * Reads CSV files as batches of rows. Uncompressed and bzip2 files split at byte ranges
 * ({@link TextSplitPlanner}); gzip and zstd files, and every file with multi-line records, are
 * read whole by one task each.
 */
public class CsvBatchInputFormat extends BatchInputFormat {

  /** Sets how files are read. */
  public static void setOptions(Job job, CsvOptions o) {
    Configuration conf = job.getConfiguration();
    conf.setBoolean(LakemrConfig.CSV_HEADER, o.header());
    conf.set(LakemrConfig.CSV_DELIMITER, Character.toString((char) o.delimiter()));
    conf.set(LakemrConfig.CSV_QUOTE, o.quote() == 0 ? "" : Character.toString((char) o.quote()));
    conf.set(LakemrConfig.CSV_ESCAPE, o.escape() == 0 ? "" : Character.toString((char) o.escape()));
    conf.set(LakemrConfig.CSV_NULL_VALUE, o.nullValue());
    conf.set(LakemrConfig.CSV_COMMENT, o.comment() == 0 ? "" : Character.toString((char) o.comment()));
    conf.set(LakemrConfig.CSV_ENCODING, o.encoding().name());
    conf.setBoolean(LakemrConfig.CSV_MULTILINE, o.multiline());
    TextSettings.setMaxLineBytes(job, o.maxLineBytes());
    TextSettings.setTimestampFormat(job, o.timestampFormat());
  }

  /** How files are read; {@link CsvOptions#DEFAULTS} for what is unset. */
  public static CsvOptions getOptions(Configuration conf) {
    CsvOptions d = CsvOptions.DEFAULTS;
    try {
      return new CsvOptions(conf.getBoolean(LakemrConfig.CSV_HEADER, d.header()),
          charOr(conf, LakemrConfig.CSV_DELIMITER, d.delimiter()), charOr(conf, LakemrConfig.CSV_QUOTE, d.quote()),
          charOr(conf, LakemrConfig.CSV_ESCAPE, d.escape()), conf.get(LakemrConfig.CSV_NULL_VALUE, d.nullValue()),
          charOr(conf, LakemrConfig.CSV_COMMENT, d.comment()),
          Charset.forName(conf.get(LakemrConfig.CSV_ENCODING, d.encoding().name())),
          TextSettings.getTimestampFormat(conf), conf.getBoolean(LakemrConfig.CSV_MULTILINE, d.multiline()),
          TextSettings.getMaxLineBytes(conf));
    } catch (IllegalArgumentException e) {
      throw new BadInputException("CSV settings: " + e.getMessage(), e);
    }
  }

  private static byte charOr(Configuration conf, String key, byte fallback) {
    String v = conf.get(key);
    return v == null ? fallback : CsvOptions.charOption(key, v);
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
        SplitRules.maxSize(context, files.totalBytes()), getOptions(conf).multiline()));
  }

  @Override
  public RecordReader<NullWritable, VectorizedRowBatch> createRecordReader(InputSplit split,
      TaskAttemptContext context) {
    return new CsvBatchRecordReader();
  }
}
