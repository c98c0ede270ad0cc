package io.lakemr.formats.badrecords;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.lib.output.FileOutputCommitter;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;

/** The bad-record policy of a job: set on the client, read once per task into {@link BadRecords}. */
public final class BadRecordSettings {

  private BadRecordSettings() {
  }

  /**
   * Sets the policy of {@code --bad-records} and {@code --max-bad-records}.
   *
   * @throws BadInputException naming the option whose value is wrong
   */
  public static void set(Job job, String mode, String max) {
    check(mode, max);
    job.getConfiguration().set(LakemrConfig.BAD_RECORDS, mode == null ? "fail" : mode);
    if (max != null) {
      job.getConfiguration().set(LakemrConfig.MAX_BAD_RECORDS, max);
    }
  }

  /**
   * Checks {@code --bad-records} and {@code --max-bad-records} (null when not given).
   *
   * @throws BadInputException naming the option whose value is wrong
   */
  public static BadRecordPolicy check(String mode, String max) {
    try {
      return BadRecordPolicy.parse(mode == null ? "fail" : mode, max);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--" + e.getMessage(), e);
    }
  }

  /** The policy; {@code fail} when unset. */
  public static BadRecordPolicy get(Configuration conf) {
    return BadRecordPolicy.parse(conf.get(LakemrConfig.BAD_RECORDS, "fail"), conf.get(LakemrConfig.MAX_BAD_RECORDS));
  }

  /**
   * The bad-record handling of a task: counters through the task, and in {@code quarantine}
   * mode a sink writing {@value QuarantineSink#DIRECTORY}{@code /part-m-NNNNN.jsonl} under the
   * attempt's work directory.
   */
  public static TaskBadRecords open(TaskAttemptContext context) throws IOException {
    Configuration conf = context.getConfiguration();
    BadRecordPolicy policy = get(conf);
    QuarantineSink sink = null;
    if (policy.mode() == BadRecordMode.QUARANTINE) {
      Path output = FileOutputFormat.getOutputPath(context);
      if (output == null) {
        throw new IOException("--bad-records quarantine needs a job writing files to an output directory");
      }
      Path work = new FileOutputCommitter(output, context).getWorkPath();
      TaskType type = context.getTaskAttemptID().getTaskType();
      String name = String.format("part-%s-%05d.jsonl", type == TaskType.REDUCE ? "r" : "m",
          context.getTaskAttemptID().getTaskID().getId());
      sink = new QuarantineSink(conf, new Path(new Path(work, QuarantineSink.DIRECTORY), name));
    }
    BadRecords records = new BadRecords(policy, sink, (counter, n) -> {
      if (counter != RecordCounters.RECORDS_READ) {
        context.getCounter(counter).increment(n);
      }
    });
    return new TaskBadRecords(records, sink);
  }
}
