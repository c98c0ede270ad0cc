package io.lakemr.api;

import io.lakemr.catalog.Catalog;
import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.Column;
import io.lakemr.data.Schemas;
import io.lakemr.formats.BatchInputFormat;
import io.lakemr.formats.badrecords.BadRecordLimit;
import io.lakemr.formats.output.BatchOutputFormat;
import io.lakemr.formats.output.OutputFormatDescriptor;
import io.lakemr.formats.output.OutputFormats;
import io.lakemr.publish.OutputLockedException;
import io.lakemr.publish.OutputTarget;
import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskInputOutputContext;
import org.apache.hadoop.mapreduce.lib.input.FileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputCommitter;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/**
 * The output of a job of your own, written, committed and published as the lakemr commands
 * write theirs: Hive-style partition directories, files in the chosen format, nothing visible
 * until the job has succeeded and {@link #publish} has run.
 *
 * <p>{@link #configure} checks the output path against the mode and the job's inputs, takes
 * the output's lock (another lakemr run writing the same output makes it fail), and points the
 * job's committer at a hidden staging directory beside the output. Tasks write through an
 * {@link OutputWriter} ({@link #writer}), not {@code context.write}. When the job has
 * succeeded, {@link #publish} moves the staged output into place as the {@link WriteMode}
 * says, with the same recoverable sequence of renames the commands use; when it has failed,
 * or the driver gives up, {@link #close} removes the staging directory:
 *
 * <pre>{@code
 * try (LakemrOutput output = LakemrOutput.configure(job, spec)) {
 *   if (!job.waitForCompletion(true)) {
 *     return 1;
 *   }
 *   output.publish(job);
 * }
 * }</pre>
 */
public final class LakemrOutput implements Closeable {

  /** The name the output's lock and leftovers give for runs of this API. */
  private static final String RUNNER = "java-api";

  private final OutputTarget target;
  private boolean done;

  private LakemrOutput(OutputTarget target) {
    this.target = target;
  }

  /**
   * Sets the job's output: {@code BatchOutputFormat} writing into a staging directory, the
   * file format, compression, columns and partition columns; takes the output's lock.
   *
   * <p>Call it after the job's input is set, so that an output overlapping the input is
   * refused.
   *
   * @param job the job to configure (its configuration is changed)
   * @param spec where and how to write
   * @return the output, to {@link #publish} once the job has succeeded and to {@link #close}
   * @throws IllegalArgumentException naming the path, format, codec or column, when the output
   *     is an input's path (or holds or sits in one), exists in {@link WriteMode#ERROR} mode,
   *     is a catalog table, or the format or codec is unknown
   * @throws IllegalStateException when another lakemr run is writing the output
   * @throws IOException when the file system fails
   */
  public static LakemrOutput configure(Job job, OutputSpec spec) throws IOException {
    if (Catalog.isTableSpec(spec.path())) {
      throw new IllegalArgumentException("output " + spec.path() + ": writing a catalog table is done by the "
          + "commands; give a directory");
    }
    Configuration conf = job.getConfiguration();
    List<Column> all = spec.columns().internal();
    List<Column> fileColumns = new ArrayList<>();
    for (Column c : all) {
      if (!spec.partitionBy().contains(c.name())) {
        fileColumns.add(c);
      }
    }
    OutputTarget target;
    try {
      OutputFormatDescriptor format = OutputFormats.parse(spec.format());
      BatchOutputFormat.configure(job, new Path(spec.path()), format, fileColumns, spec.partitionBy());
      if (spec.compression() != null) {
        BatchOutputFormat.setCompression(job, spec.compression());
      }
      BatchOutputFormat.setUniqueFileNames(job, spec.mode() == WriteMode.APPEND);
      target = OutputTarget.prepare(conf, spec.path(), spec.mode().internal(), spec.partitionBy().size(),
          inputs(job), RUNNER, System.err);
    } catch (BadInputException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (OutputLockedException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    FileOutputFormat.setOutputPath(job, target.staging());
    // version 2 moves task output into place at task commit, so a failed job would leave part of it
    conf.setInt(FileOutputCommitter.FILEOUTPUTCOMMITTER_ALGORITHM_VERSION, 1);
    conf.set(LakemrConfig.JOB_FAILURE_DIR, target.failureDir().toString());
    conf.set(LakemrConfig.API_OUTPUT_SCHEMA, Schemas.record("row", all).toString());
    return new LakemrOutput(target);
  }

  /** The job's input paths, lakemr's and {@code FileInputFormat}'s, which the output may not overlap. */
  private static List<String> inputs(Job job) {
    List<String> inputs = new ArrayList<>(BatchInputFormat.getInputPaths(job.getConfiguration()));
    for (Path p : FileInputFormat.getInputPaths(job)) {
      inputs.add(p.toString());
    }
    return inputs;
  }

  /**
   * The output directory, qualified.
   *
   * @return the path
   */
  public Path path() {
    return target.output();
  }

  /**
   * Makes a succeeded job's output visible at the output path, as the write mode says; when
   * the job has not succeeded, removes what it wrote and throws.
   *
   * @param job the job, complete
   * @throws IOException when the job did not succeed or met more bad input records than
   *     {@code lakemr.input.max.bad.records} allows (nothing is published), or publishing
   *     failed (what was moved is moved back, or left for the next run on the output to
   *     finish, as the message says)
   * @throws IllegalStateException when this output was published or closed already
   */
  public void publish(Job job) throws IOException {
    if (done) {
      throw new IllegalStateException("output " + target.output() + " was published or closed already");
    }
    try {
      String failed = failure(job);
      if (failed != null) {
        throw new IOException("job " + job.getJobID() + " (" + job.getJobName() + ") " + failed
            + "; nothing was published into " + target.output());
      }
      target.publish();
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
    done = true;
  }

  /** Why a job's output may not be published, or null when it may. */
  private String failure(Job job) throws IOException {
    if (!job.isComplete() || !job.isSuccessful()) {
      return "did not succeed";
    }
    String tooManyBad = BadRecordLimit.check(job.getConfiguration(), job.getCounters(), target.staging());
    return tooManyBad == null ? null : "failed: " + tooManyBad;
  }

  /**
   * Gives the output up unless it was published: removes the staging directory and releases
   * the lock. Closing twice does nothing.
   *
   * @throws IOException when the file system fails
   */
  @Override
  public void close() throws IOException {
    if (!done) {
      done = true;
      target.discard();
    }
  }

  /**
   * Opens the writer a task writes its output rows with, under the task attempt's work
   * directory; call it once per task (in {@code setup}) and close it in {@code cleanup}.
   *
   * @param context the mapper's or reducer's context
   * @return a new writer taking rows of {@link #schema}'s columns
   * @throws IOException when the file system fails
   * @throws InterruptedException when interrupted
   * @throws IllegalStateException when the job was not set up with {@link #configure}
   */
  public static OutputWriter writer(TaskInputOutputContext<?, ?, ?, ?> context)
      throws IOException, InterruptedException {
    TableColumns columns = schema(context.getConfiguration());
    return new OutputWriter(columns, BatchOutputFormat.getPartitionColumns(context.getConfiguration()),
        BatchOutputFormat.openWriter(context));
  }

  /**
   * The columns of the rows a job writes: those of the {@link OutputSpec}, partition columns
   * included, in its order.
   *
   * @param conf the job's configuration
   * @return the columns
   * @throws IllegalStateException when the job was not set up with {@link #configure}
   */
  public static TableColumns schema(Configuration conf) {
    String json = conf.get(LakemrConfig.API_OUTPUT_SCHEMA);
    if (json == null) {
      throw new IllegalStateException(LakemrConfig.API_OUTPUT_SCHEMA + " is not set: configure the job's output "
          + "with LakemrOutput.configure");
    }
    return TableColumns.of(Schemas.columns(Schemas.parse(json)));
  }
}
