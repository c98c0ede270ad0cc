package io.lakemr.testing;

import java.io.IOException;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.TypeConverter;
import org.apache.hadoop.mapreduce.v2.api.records.TaskAttemptId;
import org.apache.hadoop.mapreduce.v2.api.records.TaskId;
import org.apache.hadoop.mapreduce.v2.app.AppContext;
import org.apache.hadoop.mapreduce.v2.app.speculate.LegacyTaskRuntimeEstimator;

/**
 * A task runtime estimator for the application master's speculator (set it with
 * {@code yarn.app.mapreduce.am.job.task.estimator.class}) that makes speculation
 * deterministic: an attempt that a {@code do=sleep} {@link FaultRule} has made slow (it left
 * its record in the fault directory) is estimated to run for ever, and a new attempt of its
 * task to take a millisecond, so the speculator starts one at its next round; no other task
 * is ever speculated, however the shared machine's load makes tasks run. Hadoop's own
 * {@code TestSpeculativeExecution} steers the speculator with an estimator too.
 */
public class SlowAttemptEstimator extends LegacyTaskRuntimeEstimator {

  private static final long FOR_EVER = Long.MAX_VALUE / 4;

  private FileSystem fs;
  private Path dir;
  private final Set<String> sleepRules = new HashSet<>();
  private Set<String> slow = Set.of();
  private long listed;

  @Override
  public void contextualize(Configuration conf, AppContext context) {
    super.contextualize(conf, context);
    try {
      dir = new Path(conf.get(FaultInjector.DIR));
      fs = dir.getFileSystem(conf);
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach the fault directory " + conf.get(FaultInjector.DIR), e);
    }
    for (Map.Entry<String, String> e : conf.getPropsWithPrefix(FaultInjector.RULE).entrySet()) {
      if (FaultRule.parse(e.getKey(), e.getValue()).action().equals("sleep")) {
        sleepRules.add(e.getKey());
      }
    }
  }

  /** Attempt ids a sleep rule has fired in, listed at most every 200 ms. */
  private synchronized Set<String> slowAttempts() {
    long now = System.currentTimeMillis();
    if (now - listed > 200) {
      Set<String> found = new HashSet<>();
      try {
        if (fs.exists(dir)) {
          for (FileStatus s : fs.listStatus(dir)) {
            String[] parts = s.getPath().getName().split("@", 2);
            if (parts.length == 2 && sleepRules.contains(parts[0])) {
              found.add(parts[1]);
            }
          }
        }
      } catch (IOException e) {
        return slow;
      }
      slow = found;
      listed = now;
    }
    return slow;
  }

  private boolean isSlow(TaskAttemptId id) {
    return slowAttempts().contains(TypeConverter.fromYarn(id).toString());
  }

  private boolean hasSlowAttempt(TaskId id) {
    String task = TypeConverter.fromYarn(id).toString().replaceFirst("^task_", "attempt_") + "_";
    return slowAttempts().stream().anyMatch(a -> a.startsWith(task));
  }

  @Override
  public long estimatedRuntime(TaskAttemptId id) {
    return isSlow(id) ? FOR_EVER : super.estimatedRuntime(id);
  }

  @Override
  public long thresholdRuntime(TaskId id) {
    return hasSlowAttempt(id) ? 1 : Long.MAX_VALUE;
  }

  @Override
  public long estimatedNewAttemptRuntime(TaskId id) {
    return hasSlowAttempt(id) ? 1 : super.estimatedNewAttemptRuntime(id);
  }
}
