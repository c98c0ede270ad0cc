package io.lakemr.drivers;

import org.apache.hadoop.conf.Configuration;

/** Installs {@code lakemr-local.xml} as a default resource, after Hadoop's own defaults and sites. */
final class LocalDefaults {

  static final String RESOURCE = "lakemr-local.xml";

  private LocalDefaults() {
  }

  static void install() {
    if (System.getProperty("lakemr.work.dir") == null) {
      System.setProperty("lakemr.work.dir", System.getProperty("user.dir") + "/.lakemr");
    }
    if (System.getProperty("lakemr.local.parallelism") == null) {
      System.setProperty("lakemr.local.parallelism",
          Integer.toString(Math.max(1, Runtime.getRuntime().availableProcessors())));
    }
    // Load the classes that register Hadoop's default and site resources first, so that ours is
    // added after them and wins over a cluster's *-site.xml.
    for (String c : new String[] {"org.apache.hadoop.mapred.JobConf",
        "org.apache.hadoop.yarn.conf.YarnConfiguration", "org.apache.hadoop.hdfs.HdfsConfiguration"}) {
      try {
        Class.forName(c, true, LocalDefaults.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        // not on this class path: nothing of it to override
      }
    }
    try {
      Class.forName("org.apache.hadoop.hdfs.HdfsConfiguration").getMethod("init").invoke(null);
    } catch (ReflectiveOperationException | RuntimeException e) {
      // no HDFS client on the class path
    }
    Configuration.addDefaultResource(RESOURCE);
  }
}
