package io.lakemr.formats.parquet;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.ColumnPredicate;
import io.lakemr.data.Schemas;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.PartitionPruner;
import io.lakemr.formats.SplitPlanner;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;

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
public class ParquetBatchInputFormat extends InputFormat<NullWritable, VectorizedRowBatch> {

  /** Sets the input paths (files, directories or globs). */
  public static void setInputPaths(Job job, List<String> paths) {
    for (String p : paths) {
      if (p.isEmpty() || p.indexOf(',') >= 0) {
        throw new BadInputException("input path '" + p + "' is empty or holds a comma");
      }
    }
    job.getConfiguration().set(LakemrConfig.INPUT_PATHS, String.join(",", paths));
  }

  /** The input paths; none when unset. */
  public static List<String> getInputPaths(Configuration conf) {
    String joined = conf.get(LakemrConfig.INPUT_PATHS, "");
    if (joined.isEmpty()) {
      return List.of();
    }
    return Arrays.asList(joined.split(","));
  }

  /**
   * Sets the columns to read, in batch order: a flat record schema whose fields are file
   * columns or partition columns.
   */
  public static void setReadSchema(Job job, Schema schema) {
    if (schema.getType() != Schema.Type.RECORD) {
      throw new BadInputException("read schema must be a record, not " + schema.getType());
    }
    for (Schema.Field f : schema.getFields()) {
      try {
        io.lakemr.data.ColumnType.of(f.schema());
      } catch (IllegalArgumentException e) {
        throw new BadInputException("read schema field " + f.name() + ": " + e.getMessage(), e);
      }
    }
    job.getConfiguration().set(LakemrConfig.INPUT_READ_SCHEMA, schema.toString());
  }

  /** The columns to read; an empty record (no columns, row counts only) when unset. */
  public static Schema getReadSchema(Configuration conf) {
    String json = conf.get(LakemrConfig.INPUT_READ_SCHEMA);
    if (json == null || json.isEmpty()) {
      return Schema.createRecord("row", null, "io.lakemr", false, new ArrayList<>());
    }
    return Schemas.parse(json);
  }

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

  /** Rows per batch. */
  public static int getBatchRows(Configuration conf) {
    int rows = conf.getInt(LakemrConfig.BATCH_ROWS, LakemrConfig.BATCH_ROWS_DEFAULT);
    if (rows < 1) {
      throw new BadInputException(LakemrConfig.BATCH_ROWS + " must be at least 1, not " + rows);
    }
    return rows;
  }

  @Override
  public List<InputSplit> getSplits(JobContext context) {
    Configuration conf = context.getConfiguration();
    List<String> paths = getInputPaths(conf);
    if (paths.isEmpty()) {
      throw new BadInputException("no input paths (" + LakemrConfig.INPUT_PATHS + ") set");
    }
    InputFiles files = PartitionPruner.prune(InputFiles.list(conf, paths), getPushdown(conf)).kept();
    long min = Math.max(1, FileInputFormat.getMinSplitSize(context));
    long max = FileInputFormat.getMaxSplitSize(context);
    return new ArrayList<>(SplitPlanner.plan(files.partitionColumns(), files.files(), min, max));
  }

  @Override
  public RecordReader<NullWritable, VectorizedRowBatch> createRecordReader(InputSplit split,
      TaskAttemptContext context) {
    return new ParquetBatchRecordReader();
  }
}
