package io.lakemr.formats.output;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.Column;
import io.lakemr.data.Schemas;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.SchemaParseException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.OutputCommitter;
import org.apache.hadoop.mapreduce.RecordWriter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskInputOutputContext;
import org.apache.hadoop.mapreduce.lib.output.FileOutputCommitter;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * The output format of lakemr jobs: batches written by a {@link PartitionedBatchWriter} into
 * the task attempt's work path, made visible by the standard {@link FileOutputCommitter}
 * (algorithm version 1: task output is moved into place at job commit, which writes
 * {@code _SUCCESS}).
 *
 * <p>Tasks do not write through {@link #getRecordWriter}; a mapper or reducer calls
 * {@link #openWriter} once and writes batches to it. The format, file columns and partition
 * columns are set on the job with the typed setters here and read in the task.
 */
public class BatchOutputFormat extends FileOutputFormat<NullWritable, NullWritable> {

  /** The Avro record name stored in {@link LakemrConfig#OUTPUT_FILE_SCHEMA}. */
  private static final String RECORD_NAME = "row";

  private FileOutputCommitter committer;

  /**
   * Sets everything a job writing batches needs: this output format, the output directory,
   * the file format, the file columns and the partition columns.
   */
  public static void configure(Job job, Path output, OutputFormatDescriptor format,
      List<Column> fileColumns, List<String> partitionColumns) {
    job.setOutputFormatClass(BatchOutputFormat.class);
    job.setOutputKeyClass(NullWritable.class);
    job.setOutputValueClass(NullWritable.class);
    FileOutputFormat.setOutputPath(job, output);
    setOutputFormat(job, format);
    job.getConfiguration().unset(LakemrConfig.OUTPUT_PARTITION_COLUMNS);
    setFileColumns(job, fileColumns);
    setPartitionColumns(job, partitionColumns);
  }

  /** Sets the file format ({@link LakemrConfig#OUTPUT_FORMAT}). */
  public static void setOutputFormat(Job job, OutputFormatDescriptor format) {
    job.getConfiguration().set(LakemrConfig.OUTPUT_FORMAT, format.name());
  }

  /**
   * Sets the compression of the output files, as {@code --compression} names it, for the
   * file format already set ({@link OutputFormatDescriptor#compressions()}): for Parquet {@code snappy} (the default), {@code zstd},
   * {@code gzip} or {@code none} ({@link LakemrConfig#OUTPUT_PARQUET_CODEC}); for Avro
   * {@code snappy} (the default), {@code deflate} or {@code none}
   * ({@link LakemrConfig#OUTPUT_AVRO_CODEC}); CSV and JSON Lines are written uncompressed, so
   * only {@code none}.
   *
   * @throws BadInputException naming {@code --compression} for a codec the format lacks
   */
  public static void setCompression(Job job, String name) {
    Configuration conf = job.getConfiguration();
    OutputFormatDescriptor format = getOutputFormat(conf);
    String n = format.checkCompression(name);
    if (format.compressionKey() != null) {
      conf.set(format.compressionKey(), n);
    }
  }

  /**
   * Makes output file names carry the job id ({@code part-JOBID-r-00000.parquet}), so that the
   * files of jobs writing into one directory never collide ({@link LakemrConfig#OUTPUT_UNIQUE_NAMES}).
   */
  public static void setUniqueFileNames(Job job, boolean unique) {
    job.getConfiguration().setBoolean(LakemrConfig.OUTPUT_UNIQUE_NAMES, unique);
  }

  /**
   * Makes every task write the partitions it wrote with their row counts to a side file
   * ({@link PartitionLog}), for the job summary ({@link LakemrConfig#OUTPUT_PARTITION_LOG}).
   */
  public static void setPartitionLog(Job job, boolean log) {
    job.getConfiguration().setBoolean(LakemrConfig.OUTPUT_PARTITION_LOG, log);
  }

  /**
   * Limits the size of each output file: a task goes on in a further file of the same
   * partition ({@code part-m-00000-1.parquet}) once a file reaches {@code maxBytes} or holds
   * {@code maxRows} rows ({@link LakemrConfig#OUTPUT_FILE_MAX_BYTES},
   * {@link LakemrConfig#OUTPUT_FILE_MAX_ROWS}); 0 for no limit.
   */
  public static void setFileLimits(Job job, long maxBytes, long maxRows) {
    job.getConfiguration().setLong(LakemrConfig.OUTPUT_FILE_MAX_BYTES, maxBytes);
    job.getConfiguration().setLong(LakemrConfig.OUTPUT_FILE_MAX_ROWS, maxRows);
  }

  /** The file format; {@value LakemrConfig#OUTPUT_FORMAT_DEFAULT} when unset. */
  public static OutputFormatDescriptor getOutputFormat(Configuration conf) {
    return OutputFormats.parse(
        conf.get(LakemrConfig.OUTPUT_FORMAT, LakemrConfig.OUTPUT_FORMAT_DEFAULT));
  }

  /**
   * Sets the columns written to files ({@link LakemrConfig#OUTPUT_FILE_SCHEMA}), partition
   * columns excluded.
   *
   * @throws BadInputException when there are none, a name repeats, is no valid Avro name, or
   *     is also a partition column
   */
  public static void setFileColumns(Job job, List<Column> columns) {
    if (columns.isEmpty()) {
      throw new BadInputException("output: no columns to write in the files");
    }
    Set<String> seen = new HashSet<>();
    for (Column c : columns) {
      if (!seen.add(c.name())) {
        throw new BadInputException("output: column '" + c.name() + "' appears twice");
      }
    }
    Configuration conf = job.getConfiguration();
    for (String p : getPartitionColumns(conf)) {
      if (seen.contains(p)) {
        throw new BadInputException("output: column '" + p
            + "' is a partition column and cannot also be written in the files");
      }
    }
    String json;
    try {
      json = Schemas.record(RECORD_NAME, columns).toString();
    } catch (SchemaParseException e) {
      throw new BadInputException("output: " + e.getMessage(), e);
    }
    conf.set(LakemrConfig.OUTPUT_FILE_SCHEMA, json);
  }

  /**
   * The columns written to files.
   *
   * @throws IllegalStateException when {@link #setFileColumns} was not called
   */
  public static List<Column> getFileColumns(Configuration conf) {
    String json = conf.get(LakemrConfig.OUTPUT_FILE_SCHEMA);
    if (json == null) {
      throw new IllegalStateException(LakemrConfig.OUTPUT_FILE_SCHEMA + " is not set");
    }
    return Schemas.columns(Schemas.parse(json));
  }

  /**
   * Sets the partition columns, in directory order ({@link LakemrConfig#OUTPUT_PARTITION_COLUMNS}).
   *
   * @throws BadInputException when a name is empty, holds a comma, repeats, or is also a file
   *     column
   */
  public static void setPartitionColumns(Job job, List<String> names) {
    Configuration conf = job.getConfiguration();
    Set<String> fileColumns = new HashSet<>();
    if (conf.get(LakemrConfig.OUTPUT_FILE_SCHEMA) != null) {
      for (Column c : getFileColumns(conf)) {
        fileColumns.add(c.name());
      }
    }
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (n == null || n.isBlank() || n.contains(",") || !n.equals(n.trim())) {
        throw new BadInputException("--partition-by: '" + n + "' is not a usable column name");
      }
      if (!seen.add(n)) {
        throw new BadInputException("--partition-by: column '" + n + "' appears twice");
      }
      if (fileColumns.contains(n)) {
        throw new BadInputException("--partition-by: column '" + n
            + "' is also written in the files; partition columns are left out of them");
      }
    }
    conf.set(LakemrConfig.OUTPUT_PARTITION_COLUMNS, String.join(",", names));
  }

  /** The partition columns, in directory order; empty when unset. */
  public static List<String> getPartitionColumns(Configuration conf) {
    List<String> out = new ArrayList<>();
    for (String n : conf.getTrimmedStrings(LakemrConfig.OUTPUT_PARTITION_COLUMNS)) {
      if (!n.isEmpty()) {
        out.add(n);
      }
    }
    return out;
  }

  /**
   * Opens the writer a task writes its batches to: under the attempt's work path, in files
   * named as {@code getUniqueFile} names them ({@code part-r-00000.parquet},
   * {@code part-m-00003.csv}), with the format and columns set on the job. The caller closes it.
   */
  public static PartitionedBatchWriter openWriter(TaskInputOutputContext<?, ?, ?, ?> ctx)
      throws IOException, InterruptedException {
    Configuration conf = ctx.getConfiguration();
    OutputFormatDescriptor format = getOutputFormat(conf);
    format.settingsCheck().accept(conf); // an unknown codec fails here, before any file is made
    Path work = getWorkOutputPath(ctx);
    String prefix = "part";
    if (conf.getBoolean(LakemrConfig.OUTPUT_UNIQUE_NAMES, LakemrConfig.OUTPUT_UNIQUE_NAMES_DEFAULT)) {
      prefix = "part-" + ctx.getJobID();
    }
    String name = getUniqueFile(ctx, prefix, "." + format.extension());
    PartitionedBatchWriter writer = new PartitionedBatchWriter(conf, work, name, format, getFileColumns(conf),
        getPartitionColumns(conf), ctx);
    writer.setFileLimits(conf.getLong(LakemrConfig.OUTPUT_FILE_MAX_BYTES, LakemrConfig.OUTPUT_FILE_MAX_BYTES_DEFAULT),
        conf.getLong(LakemrConfig.OUTPUT_FILE_MAX_ROWS, LakemrConfig.OUTPUT_FILE_MAX_ROWS_DEFAULT));
    return writer;
  }

  /**
   * Opens a writer of one named file, for a task that names its files itself ({@code convert
   * --per-file}): {@code relativeName} (such as {@code 2026/01/a.parquet}) under the attempt's
   * work path, no partition directories, no file limits. The caller closes it.
   */
  public static PartitionedBatchWriter openFileWriter(TaskInputOutputContext<?, ?, ?, ?> ctx, String relativeName)
      throws IOException, InterruptedException {
    Configuration conf = ctx.getConfiguration();
    OutputFormatDescriptor format = getOutputFormat(conf);
    format.settingsCheck().accept(conf);
    int slash = relativeName.lastIndexOf('/');
    Path work = getWorkOutputPath(ctx);
    Path dir = slash < 0 ? work : new Path(work, relativeName.substring(0, slash));
    return new PartitionedBatchWriter(conf, dir, relativeName.substring(slash + 1), format, getFileColumns(conf),
        List.of(), ctx);
  }

  /**
   * Always the standard {@link FileOutputCommitter} with algorithm 1, whatever committer
   * factory or algorithm the cluster sets: task output moves into the output directory only at
   * job commit, so a failed job leaves none of it (algorithm 2 moves it at task commit,
   * MAPREDUCE-7282). The commands set the same on every job they submit.
   */
  @Override
  public synchronized OutputCommitter getOutputCommitter(TaskAttemptContext context)
      throws IOException {
    if (committer == null) {
      context.getConfiguration().setInt(FileOutputCommitter.FILEOUTPUTCOMMITTER_ALGORITHM_VERSION, 1);
      committer = new FileOutputCommitter(getOutputPath(context), context);
    }
    return committer;
  }

  /**
   * A writer that refuses records: tasks write through {@link #openWriter}, and jobs of the
   * public API through its {@code OutputWriter}.
   */
  @Override
  public RecordWriter<NullWritable, NullWritable> getRecordWriter(TaskAttemptContext context) {
    return new RecordWriter<>() {
      @Override
      public void write(NullWritable key, NullWritable value) {
        throw new UnsupportedOperationException(
            "lakemr output is written through an OutputWriter (io.lakemr.api.LakemrOutput.writer(context)), "
            + "not context.write");
      }

      @Override
      public void close(TaskAttemptContext c) {
        // nothing was opened
      }
    };
  }
}
