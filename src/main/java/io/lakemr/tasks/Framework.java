package io.lakemr.tasks;

import org.apache.hadoop.conf.Configuration;

/**
 * Which MapReduce framework runs a job, as {@code mapreduce.framework.name} says: the local job
 * runner (the default, every task in the client's JVM) or a cluster (YARN).
 */
public final class Framework {

  /** The Hadoop key naming the framework. */
  public static final String NAME_KEY = "mapreduce.framework.name";

  private Framework() {
  }

  /** True when the job runs in the local job runner, inside this JVM. */
  public static boolean isLocal(Configuration conf) {
    return "local".equals(conf.get(NAME_KEY, "local"));
  }
}
