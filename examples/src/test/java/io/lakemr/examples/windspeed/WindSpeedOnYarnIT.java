package io.lakemr.examples.windspeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.testing.LakemrCluster;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link WindSpeed} as {@code hadoop jar} runs it on a cluster: a jar of the example's classes
 * with lakemr's job jar under {@code lib/}, run by RunJar on Hadoop's client class path; the
 * HDF5 fixture is read from MiniDFSCluster's HDFS in 64 KB splits by tasks on
 * MiniMRYarnCluster, and the output checked as in {@link WindSpeedTest}.
 */
class WindSpeedOnYarnIT {

  @RegisterExtension
  static final LakemrCluster CLUSTER = new LakemrCluster();

  @TempDir
  Path tmp;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void runsAsHadoopJarOnTheCluster() throws Exception {
    CLUSTER.copyIn(WindSpeedTest.fixture(tmp.resolve("in")), "/examples/wind/in/wind.h5");
    Path jar = LakemrCluster.userJar(tmp.resolve("wind-speed.jar"), WindSpeed.class);

    LakemrCluster.Run run = CLUSTER.runJar(jar, WindSpeed.class.getName(),
        "-D", "mapreduce.input.fileinputformat.split.maxsize=65536", "/examples/wind/in", "/examples/wind/out");

    assertEquals(0, run.exit(), run.out());
    assertTrue(run.out().contains("completed successfully") && !run.out().contains("job_local"), run.out());
    WindSpeedTest.checkOutput(CLUSTER.copyOut("/examples/wind/out", tmp.resolve("out")));
  }
}
