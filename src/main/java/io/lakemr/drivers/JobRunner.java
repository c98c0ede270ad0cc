package io.lakemr.drivers;

import io.lakemr.conf.LakemrConfig;
import io.lakemr.formats.badrecords.BadRecordLimit;
import io.lakemr.publish.OutputTarget;
import io.lakemr.tasks.Framework;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskCompletionEvent;
import org.apache.hadoop.mapreduce.lib.output.FileOutputCommitter;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/** Submits a job, shows its progress, and on failure finds the one line that says why. */
final class JobRunner {

  private JobRunner() {
  }

  /** What the driver does between a job's success and publishing, such as writing a summary. */
  interface BeforePublish {
    void run(Job job) throws IOException;
  }

  /**
   * Runs a job writing into {@code target}'s staging directory, then publishes its output.
   *
   * @throws JobFailedException when the job fails; nothing of it is left visible
   */
  static void run(Job job, OutputTarget target, PrintStream progress)
      throws IOException, InterruptedException, JobFailedException {
    run(job, target, progress, j -> { });
  }

  /**
   * Runs the final job of a command into {@code target}'s staging directory; when it has
   * succeeded, runs {@code beforePublish} (which may add files to the staging directory) and
   * publishes the output in the target's mode.
   *
   * @throws JobFailedException when the job fails; the staging and scratch directories are
   *     removed and nothing is visible
   */
  static void run(Job job, OutputTarget target, PrintStream progress, BeforePublish beforePublish)
      throws IOException, InterruptedException, JobFailedException {
    try {
      runStage(job, target.staging(), target.failureDir(), progress);
      beforePublish.run(job);
      target.publish();
      RunTiming.mark("publish");
    } catch (IOException | InterruptedException | JobFailedException | RuntimeException e) {
      target.discard();
      throw e;
    }
  }

  /**
   * Runs one job of a chain writing into {@code outputDir}, and checks its result.
   *
   * @param failureDir where its failing tasks describe their failure
   * @throws JobFailedException when the job fails, or has more bad input records than
   *     {@code --max-bad-records} allows over all its tasks; {@code outputDir} is removed first
   */
  static void runStage(Job job, Path outputDir, Path failureDir, PrintStream progress)
      throws IOException, InterruptedException, JobFailedException {
    FileOutputFormat.setOutputPath(job, outputDir);
    // version 2 moves task output into place at task commit, so a failed job leaves part of it
    // (MAPREDUCE-7282): every lakemr job commits with version 1, whatever the cluster says
    job.getConfiguration().setInt(FileOutputCommitter.FILEOUTPUTCOMMITTER_ALGORITHM_VERSION, 1);
    job.getConfiguration().set(LakemrConfig.JOB_FAILURE_DIR, failureDir.toString());
    shareLocalHeap(job.getConfiguration());
    if (Framework.isLocal(job.getConfiguration())) {
      // the local job runner runs tasks in this JVM, whose class path has our classes already:
      // copying and localising the job jar would only cost time
      job.getConfiguration().unset("mapreduce.job.jar");
    }
    JobProgress.mode(job.getConfiguration()); // a bad value stops the command before it submits
    RunTiming.mark("plan");
    try {
      job.submit();
    } catch (ClassNotFoundException e) {
      throw new IOException("could not submit " + job.getJobName() + ": " + e.getMessage(), e);
    }
    RunTiming.mark("submit");
    boolean local = Framework.isLocal(job.getConfiguration());
    String url = local ? null : job.getTrackingURL(); // the local runner's is a placeholder
    progress.println("[" + job.getJobName() + "] submitted as " + job.getJobID()
        + (url == null || url.isEmpty() ? "" : ", " + url));
    waitForCompletion(job, local, progress);
    if (!job.isSuccessful()) {
      String why = failureReason(job, outputDir.getFileSystem(job.getConfiguration()), failureDir);
      outputDir.getFileSystem(job.getConfiguration()).delete(outputDir, true);
      throw new JobFailedException("job " + job.getJobID() + " (" + job.getJobName() + ") failed: " + why);
    }
    String tooManyBad = BadRecordLimit.check(job.getConfiguration(), job.getCounters(), outputDir);
    if (tooManyBad != null) {
      outputDir.getFileSystem(job.getConfiguration()).delete(outputDir, true);
      throw new JobFailedException("job " + job.getJobID() + " (" + job.getJobName() + ") failed: " + tooManyBad);
    }
  }

  /**
   * Polls the job until it completes, showing its progress ({@link JobProgress}). A local job
   * runs in this JVM, so asking it often costs nothing and its end is seen within
   * {@value #LOCAL_POLL_MS} ms.
   */
  private static void waitForCompletion(Job job, boolean local, PrintStream progress)
      throws IOException, InterruptedException {
    long poll = Math.max(50, job.getConfiguration().getLong("mapreduce.client.progressmonitor.pollinterval", 1000));
    JobProgress.watch(job, local ? LOCAL_POLL_MS : poll, local, progress);
  }

  /** How often a local job's progress is asked, in milliseconds. */
  static final long LOCAL_POLL_MS = 10;

  /** The shuffle's share of the heap, per reduce task: Hadoop defaults it to 0.7. */
  static final String SHUFFLE_BUFFER_PERCENT = "mapreduce.reduce.shuffle.input.buffer.percent";

  /**
   * The local job runner runs its reduce tasks in this one JVM, each sizing its in-memory
   * shuffle as a share of the whole heap ({@value #SHUFFLE_BUFFER_PERCENT}, 0.7): divided here
   * among the reduce tasks that run at once, so that two reducers do not plan for 140% of it.
   */
  static void shareLocalHeap(Configuration conf) {
    if (!Framework.isLocal(conf)) {
      return;
    }
    int reducers = Math.max(1, conf.getInt("mapreduce.local.reduce.tasks.maximum", 1));
    if (reducers > 1) {
      conf.setFloat(SHUFFLE_BUFFER_PERCENT, conf.getFloat(SHUFFLE_BUFFER_PERCENT, 0.70f) / reducers);
    }
  }

  private static String failureReason(Job job, FileSystem fs, Path dir) {
    try {
      if (fs.exists(dir)) {
        FileStatus[] files = fs.listStatus(dir);
        Arrays.sort(files);
        for (FileStatus f : files) {
          try (InputStream in = fs.open(f.getPath())) {
            String line = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!line.isEmpty()) {
              return line;
            }
          }
        }
      }
      for (TaskCompletionEvent e : job.getTaskCompletionEvents(0, 1000)) {
        if (e.getStatus() == TaskCompletionEvent.Status.FAILED || e.getStatus() == TaskCompletionEvent.Status.TIPFAILED) {
          String[] diag = job.getTaskDiagnostics(e.getTaskAttemptId());
          if (diag != null && diag.length > 0 && !diag[0].isBlank()) {
            return diag[0].lines().findFirst().orElse(diag[0]);
          }
        }
      }
      String info = job.getStatus().getFailureInfo();
      if (info != null && !info.isBlank() && !"NA".equals(info)) {
        return info.lines().findFirst().orElse(info);
      }
    } catch (IOException | InterruptedException | RuntimeException e) {
      return "the reason could not be read (" + e.getMessage() + "); see the job's task logs";
    }
    return "see the job's task logs";
  }
}
