package io.lakemr.testing;

import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;

/** Configuration for real jobs on the local job runner and local file system, under a temp dir. */
public final class LocalJobs {

  private LocalJobs() {
  }

  public static Configuration conf(Path tmp) {
    Configuration conf = new Configuration();
    conf.set("fs.defaultFS", "file:///");
    conf.set("mapreduce.framework.name", "local");
    conf.set("hadoop.tmp.dir", tmp.resolve("hadoop-tmp").toString());
    conf.set("mapreduce.jobtracker.staging.root.dir", tmp.resolve("staging").toString());
    conf.set("mapreduce.cluster.local.dir", tmp.resolve("local").toString());
    conf.setLong("mapreduce.client.completion.pollinterval", 50);
    conf.setLong("mapreduce.client.progressmonitor.pollinterval", 50);
    conf.setInt("mapreduce.local.map.tasks.maximum", 2);
    conf.setInt("mapreduce.local.reduce.tasks.maximum", 2);
    return conf;
  }
}
