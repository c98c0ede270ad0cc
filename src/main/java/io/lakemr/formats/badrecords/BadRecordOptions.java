package io.lakemr.formats.badrecords;

import io.lakemr.formats.FormatOptions;
import org.apache.hadoop.mapreduce.Job;

/**
 * {@code --bad-records} and {@code --max-bad-records} as given to an input (null when not
 * given), checked when read so that a wrong value fails on the client, not in a task.
 */
public record BadRecordOptions(String mode, String max) {

  /**
   * The options given.
   *
   * @throws io.lakemr.conf.BadInputException naming the option whose value is wrong
   */
  public static BadRecordOptions of(FormatOptions given) {
    BadRecordOptions o = new BadRecordOptions(given.get("bad-records"), given.get("max-bad-records"));
    BadRecordSettings.check(o.mode, o.max);
    return o;
  }

  /** Sets them on a job, for its tasks ({@link BadRecordSettings#open}) and its driver ({@link BadRecordLimit}). */
  public void set(Job job) {
    BadRecordSettings.set(job, mode, max);
  }
}
