package io.lakemr.tasks;

import io.lakemr.conf.LakemrConfig;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leaves a one-line description of a task's failure where the driver finds it
 * ({@link LakemrConfig#JOB_FAILURE_DIR}), so the user is told which file, row group or group
 * failed, with the local job runner (which keeps no task diagnostics) as on YARN.
 */
public final class TaskFailures {

  private static final Logger LOG = LoggerFactory.getLogger(TaskFailures.class);

  private TaskFailures() {
  }

  /** A task's body, as {@code Mapper.run} or {@code Reducer.run}. */
  @FunctionalInterface
  public interface Body {
    void run() throws IOException, InterruptedException;
  }

  /** Runs a task's body, recording its failure, if any, before passing it on. */
  public static void run(TaskAttemptContext context, Body body) throws IOException, InterruptedException {
    try {
      body.run();
    } catch (IOException | InterruptedException | RuntimeException | Error e) {
      record(context, e);
      throw e;
    }
  }

  /** Records a failure; never throws (the original failure is what matters). */
  public static void record(TaskAttemptContext context, Throwable failure) {
    String dir = context.getConfiguration().get(LakemrConfig.JOB_FAILURE_DIR);
    if (dir == null) {
      return;
    }
    try {
      Configuration conf = context.getConfiguration();
      Path file = new Path(dir, context.getTaskAttemptID().toString());
      FileSystem fs = file.getFileSystem(conf);
      try (OutputStream out = fs.create(file, true)) {
        out.write(describe(failure).getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not record the task failure in {}", dir, e);
    }
  }

  /**
   * One line for a failure: its message, then the messages of its causes where they add
   * something, without class names for lakemr's own messages.
   */
  public static String describe(Throwable failure) {
    StringBuilder sb = new StringBuilder();
    for (Throwable t = failure; t != null && t.getCause() != t; t = t.getCause()) {
      String m = t.getMessage();
      if (m == null || m.isBlank()) {
        m = t.getClass().getSimpleName();
      } else if (!t.getClass().getName().startsWith("io.lakemr") && !(t instanceof IOException)
          && !(t instanceof ArithmeticException)) {
        m = t.getClass().getSimpleName() + ": " + m;
      }
      if (sb.indexOf(m) < 0) {
        if (sb.length() > 0) {
          sb.append(": ");
        }
        sb.append(m);
      }
    }
    return sb.toString().replaceAll("\\s*[\\r\\n]+\\s*", " ").trim();
  }
}
