package io.lakemr.formats.parquet;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.ColumnPredicate;
import io.lakemr.formats.BatchInputFormat;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.PartitionPruner;
import io.lakemr.formats.SplitPlanner;
import io.lakemr.formats.SplitRules;
import java.io.IOException;
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
 * Reads Parquet files as batches of rows of the columns a job asks for.
 *
 * <p>Splits are planned from file listings and block locations only ({@link SplitPlanner});
 * no footer is opened on the client. Each task reads the row groups whose midpoint lies in its
 * ranges. With pushed-down filter conjuncts ({@link #setPushdown}), partition directories that
 * cannot match are left out before planning and row groups that cannot match are skipped when
 * read. The split size honours {@code mapreduce.input.fileinputformat.split.minsize} and
 * {@code .maxsize}.
 */
public class ParquetBatchInputFormat extends BatchInputFormat {

  /**
   * Sets the conjuncts of the job's filter that reading may use to skip whole partition
   * directories and row groups. The rows read must still go through the whole filter.
   */
  public static void setPushdown(Job job, List<ColumnPredicate> predicates) {
    job.getConfiguration().set(LakemrConfig.INPUT_PUSHDOWN_PREDICATES, ColumnPredicate.encodeAll(predicates));
  }

  /** The pushed-down conjuncts; none when unset or when {@value LakemrConfig#PUSHDOWN} is false. */
  public static List<ColumnPredicate> getPushdown(Configuration conf) {
    if (!conf.getBoolean(LakemrConfig.PUSHDOWN, LakemrConfig.PUSHDOWN_DEFAULT)) {
      return List.of();
    }
    return ColumnPredicate.decodeAll(conf.get(LakemrConfig.INPUT_PUSHDOWN_PREDICATES));
  }

  @Override
  public List<InputSplit> getSplits(JobContext context) throws IOException {
    Configuration conf = context.getConfiguration();
    List<String> paths = getInputPaths(conf);
    if (paths.isEmpty()) {
      throw new BadInputException("no input paths (" + LakemrConfig.INPUT_PATHS + ") set");
    }
    obtainTokens(context, paths);
    InputFiles files = PartitionPruner.prune(InputFiles.list(conf, paths), getPushdown(conf)).kept();
    long min = SplitRules.minSize(context);
    long max = SplitRules.maxSize(context, files.totalBytes());
    return new ArrayList<>(SplitPlanner.plan(files.partitionColumns(), files.files(), min, max));
  }

  @Override
  public RecordReader<NullWritable, VectorizedRowBatch> createRecordReader(InputSplit split,
      TaskAttemptContext context) {
    return new ParquetBatchRecordReader();
  }
}
