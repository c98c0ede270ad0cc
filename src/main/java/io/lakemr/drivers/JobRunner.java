package io.lakemr.drivers;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskCompletionEvent;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/** Submits a job, shows its progress, and on failure finds the one line that says why. */
final class JobRunner {

  private JobRunner() {
  }

  /**
   * Runs a job writing into {@code target}'s staging directory, then publishes its output.
   *
   * @throws JobFailedException when the job fails; nothing of it is left visible
   */
  static void run(Job job, OutputTarget target, PrintStream progress)
      throws IOException, InterruptedException, JobFailedException {
    FileOutputFormat.setOutputPath(job, target.staging());
    job.getConfiguration().set(io.lakemr.conf.LakemrConfig.JOB_FAILURE_DIR, target.failureDir().toString());
    if ("local".equals(job.getConfiguration().get("mapreduce.framework.name", "local"))) {
      // the local job runner runs tasks in this JVM, whose class path has our classes already:
      // copying and localising the job jar would only cost time
      job.getConfiguration().unset("mapreduce.job.jar");
    }
    try {
      job.submit();
    } catch (ClassNotFoundException e) {
      throw new IOException("could not submit " + job.getJobName() + ": " + e.getMessage(), e);
    }
    progress.println("[" + job.getJobName() + "] submitted as " + job.getJobID()
        + (job.getTrackingURL() == null || job.getTrackingURL().isEmpty() ? "" : ", " + job.getTrackingURL()));
    long poll = Math.max(50, job.getConfiguration().getLong("mapreduce.client.progressmonitor.pollinterval", 1000));
    String last = "";
    while (!job.isComplete()) {
      Thread.sleep(poll);
      String now = String.format("[%s] map %3.0f%%  reduce %3.0f%%", job.getJobName(),
          job.mapProgress() * 100, job.reduceProgress() * 100);
      if (!now.equals(last)) {
        progress.println(now);
        last = now;
      }
    }
    if (!job.isSuccessful()) {
      String why = failureReason(job, target);
      target.discard();
      throw new JobFailedException("job " + job.getJobID() + " failed: " + why);
    }
    target.publish();
  }

  private static String failureReason(Job job, OutputTarget target) {
    try {
      FileSystem fs = target.fileSystem();
      Path dir = target.failureDir();
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
