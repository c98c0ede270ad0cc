package io.lakemr.formats;

import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.StatusReporter;

/**
 * A {@link StatusReporter} whose counters are real, for running record readers and writers
 * outside a task (the raw-read benchmark, tests). Safe to share between threads.
 */
public final class CountingReporter extends StatusReporter {

  private final Counters counters;
  private volatile String status = "";

  public CountingReporter(Counters counters) {
    this.counters = counters;
  }

  @Override
  public Counter getCounter(Enum<?> name) {
    synchronized (counters) {
      return counters.findCounter(name);
    }
  }

  @Override
  public Counter getCounter(String group, String name) {
    synchronized (counters) {
      return counters.findCounter(group, name);
    }
  }

  @Override
  public void progress() {
  }

  @Override
  public float getProgress() {
    return 0;
  }

  @Override
  public void setStatus(String status) {
    this.status = status;
  }

  /** The last status set. */
  public String status() {
    return status;
  }
}
