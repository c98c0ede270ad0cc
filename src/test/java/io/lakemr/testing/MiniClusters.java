package io.lakemr.testing;

import java.io.File;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.mapreduce.v2.MiniMRYarnCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;

/**
 * One MiniDFSCluster and one MiniMRYarnCluster for the whole test JVM, started by the first
 * test that asks and stopped when the JVM exits. Settings from STACK.md: quick shutdown, no
 * speculation, and containers launched with this JVM's Java. Tests reach it through the test
 * kit's JUnit 5 extension, {@link LakemrCluster}.
 */
public final class MiniClusters {

  /**
   * Flags for the containers' JVMs: the test jobs are small, so their time goes to starting
   * JVMs; the C1 compiler alone and the serial collector start them with less CPU.
   */
  public static final String SHORT_LIVED_JVM = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC";

  private static MiniDFSCluster dfs;
  private static MiniMRYarnCluster yarn;
  private static Configuration conf;

  private MiniClusters() {
  }

  /** A copy of the running clusters' configuration: HDFS as the default file system, YARN as the framework. */
  public static synchronized Configuration conf() throws IOException {
    if (conf == null) {
      start();
    }
    return new Configuration(conf);
  }

  private static void start() throws IOException {
    File base = new File("target/minicluster-" + ProcessHandle.current().pid()).getAbsoluteFile();
    Configuration c = new Configuration();
    c.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, new File(base, "dfs").getPath());
    c.setLong("dfs.namenode.fs-limits.min-block-size", 1024);
    dfs = new MiniDFSCluster.Builder(c).numDataNodes(1).build();
    dfs.waitActive();

    Configuration y = new Configuration(dfs.getConfiguration(0));
    y.set("fs.defaultFS", dfs.getFileSystem().getUri().toString());
    y.set(YarnConfiguration.YARN_MINICLUSTER_FIXED_PORTS, "false");
    y.setLong("yarn.nodemanager.log.retain-seconds", 0);
    y.setLong("yarn.nodemanager.process-kill-wait.ms", 500);
    y.setLong("yarn.nodemanager.sleep-delay-before-sigkill.ms", 100);
    y.setBoolean("mapreduce.map.speculative", false);
    y.setBoolean("mapreduce.reduce.speculative", false);
    y.setInt("yarn.nodemanager.resource.memory-mb", 6144);
    y.setInt("yarn.scheduler.minimum-allocation-mb", 256);
    y.setInt("mapreduce.map.memory.mb", 768);
    y.setInt("mapreduce.reduce.memory.mb", 768);
    y.set("mapreduce.map.java.opts", "-Xmx512m " + SHORT_LIVED_JVM);
    y.set("mapreduce.reduce.java.opts", "-Xmx512m " + SHORT_LIVED_JVM);
    y.setInt("yarn.app.mapreduce.am.resource.mb", 768);
    y.set("yarn.app.mapreduce.am.command-opts", "-Xmx512m " + SHORT_LIVED_JVM);
    y.setBoolean("yarn.nodemanager.vmem-check-enabled", false);
    y.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "99.5");
    y.set("hadoop.tmp.dir", new File(base, "tmp").getPath());
    y.set("yarn.app.mapreduce.am.staging-dir", "/tmp/hadoop-yarn/staging");
    yarn = new MiniMRYarnCluster("lakemr", 1);
    yarn.init(y);
    yarn.start();
    Configuration all = new Configuration(yarn.getConfig());
    all.set("fs.defaultFS", dfs.getFileSystem().getUri().toString());
    all.set("mapreduce.framework.name", "yarn");
    all.setLong("mapreduce.client.completion.pollinterval", 200);
    all.setLong("mapreduce.client.progressmonitor.pollinterval", 500);
    conf = all;
    Runtime.getRuntime().addShutdownHook(new Thread(MiniClusters::stop, "minicluster-stop"));
  }

  private static synchronized void stop() {
    try {
      if (yarn != null) {
        yarn.stop();
      }
    } finally {
      if (dfs != null) {
        dfs.shutdown();
      }
    }
  }
}
