package io.lakemr.examples.topreadings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.testing.Fixtures;
import io.lakemr.testing.LakemrCluster;
import io.lakemr.testing.LocalJobs;
import io.lakemr.testing.Rows;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TopReadings} as {@code hadoop jar} runs it on a cluster: a jar of the example's classes
 * with lakemr's job jar under {@code lib/}, run by RunJar on Hadoop's client class path, the
 * job on MiniMRYarnCluster reading and writing MiniDFSCluster's HDFS; the input is generated
 * on the local job runner and copied in, the output copied out and checked against DuckDB.
 */
class TopReadingsOnYarnIT {

  @RegisterExtension
  static final LakemrCluster CLUSTER = new LakemrCluster();

  @TempDir
  Path tmp;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void runsAsHadoopJarOnTheCluster() throws Exception {
    Path in = tmp.resolve("in");
    Fixtures.sensors(LocalJobs.conf(tmp), in.toString(), 60_000, 2, 5);
    CLUSTER.copyIn(in, "/examples/top/in");
    Path jar = LakemrCluster.userJar(tmp.resolve("top-readings.jar"), TopReadings.class);

    LakemrCluster.Run run = CLUSTER.runJar(jar, TopReadings.class.getName(), "-D", TopReadings.COUNT + "=3",
        "/examples/top/in", "/examples/top/out");

    assertEquals(0, run.exit(), run.out());
    assertTrue(run.out().contains("completed successfully") && !run.out().contains("job_local"), run.out());
    Path out = CLUSTER.copyOut("/examples/top/out", tmp.resolve("out"));
    Rows.assertRowsEqual(Rows.query(TopReadingsTest.expectedSql(in.toString(), 3)),
        Rows.parquet(out, TopReadingsTest.OUTPUT_COLUMNS, TopReadingsTest.OUTPUT_ORDER), 0.0);
  }
}
