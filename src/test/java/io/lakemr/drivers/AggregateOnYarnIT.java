package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.testing.DuckDb;
import io.lakemr.testing.LakemrCluster;
import io.lakemr.testing.ParquetFiles;
import java.net.URI;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aggregate} on a real MiniDFSCluster + MiniMRYarnCluster: Parquet on HDFS, two reducers,
 * not in uber mode, partitioned output, checked against DuckDB's answer for the same query.
 */
class AggregateOnYarnIT {

  @RegisterExtension
  static final LakemrCluster CLUSTER = new LakemrCluster();

  @TempDir
  Path tmp;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void partitionedAggregateOnYarn() throws Exception {
    Configuration conf = CLUSTER.conf();
    FileSystem hdfs = FileSystem.get(conf);
    try (DuckDb duck = new DuckDb()) {
      Path local = tmp.resolve("sensors");
      duck.writeSensors(local, 60_000);
      hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()), new org.apache.hadoop.fs.Path("/lake/sensors"));

      Commands.Result r = Commands.run(conf, "aggregate", "-D", "mapreduce.job.ubertask.enable=false",
          "--input", "/lake/sensors", "--group-by", "station,status",
          "--agg", "count(*),sum(value),min(value),max(value),avg(value)",
          "--output", "/lake/by_station_status", "--partition-by", "status", "--reducers", "2");
      assertEquals(0, r.exitCode(), r.toString());
      assertTrue(r.err().contains("submitted as job_") && !r.err().contains("job_local"), r.err());

      org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path("/lake/by_station_status");
      assertTrue(hdfs.exists(new org.apache.hadoop.fs.Path(out, "_SUCCESS")));
      int files = 0;
      for (String status : new String[] {"ok", "warn", "fail"}) {
        for (FileStatus f : hdfs.listStatus(new org.apache.hadoop.fs.Path(out, "status=" + status))) {
          assertTrue(f.getPath().getName().matches("part-r-0000[01]\\.parquet"), f.getPath().toString());
          files++;
        }
      }
      assertTrue(files >= 4, "two reducers wrote into the partitions: " + files);
      for (FileStatus f : hdfs.listStatus(out.getParent())) {
        assertFalse(f.getPath().getName().startsWith(".lakemr"), "staging left: " + f.getPath());
      }

      Path back = tmp.resolve("back");
      hdfs.copyToLocalFile(out, new org.apache.hadoop.fs.Path(back.toUri()));
      Map<List<Object>, List<Object>> expected = new HashMap<>();
      for (List<Object> row : duck.query("SELECT station, status, count(*), sum(value), min(value), max(value), "
          + "avg(value) FROM sensors GROUP BY ALL")) {
        expected.put(row.subList(0, 2), row.subList(2, 7));
      }
      List<List<Object>> got = duck.query("SELECT station, status, count, sum_value, min_value, max_value, avg_value "
          + "FROM read_parquet('" + back + "/**/*.parquet', hive_partitioning = true)");
      assertEquals(expected.size(), got.size());
      for (List<Object> row : got) {
        List<Object> e = expected.get(row.subList(0, 2));
        assertEquals(((Number) e.get(0)).longValue(), ((Number) row.get(2)).longValue(), row.toString());
        for (int i = 1; i < 5; i++) {
          if (e.get(i) == null || row.get(i + 2) == null) {
            assertEquals(e.get(i), row.get(i + 2), row + " column " + (i + 2) + ": null in one engine only");
            continue;
          }
          double x = ((Number) e.get(i)).doubleValue();
          double y = ((Number) row.get(i + 2)).doubleValue();
          assertEquals(x, y, i == 2 || i == 3 ? 0.0 : Math.abs(x) * 1e-9, row + " column " + (i + 2));
        }
      }
    }
  }

  /**
   * On HDFS an output is compared with the inputs by what they resolve to: the name node's
   * URI and a bare path, host name and address, trailing slashes. Refused before any job runs.
   */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void outputsOverlappingInputsAreRefusedOnHdfs() throws Exception {
    Configuration conf = CLUSTER.conf();
    FileSystem hdfs = FileSystem.get(conf);
    Path local = tmp.resolve("in.parquet");
    ParquetFiles.write(local, OutputFormatsJobTest.SCHEMA,
        OutputFormatsJobTest.events(new String[] {"a", "b"}, 10, 3), CompressionCodecName.SNAPPY, 32 * 1024);
    hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()), new org.apache.hadoop.fs.Path("/overlap/in/x.parquet"));
    URI nn = hdfs.getUri();
    String byAddress = "hdfs://127.0.0.1:" + nn.getPort();
    String byName = "hdfs://localhost:" + nn.getPort();
    String[][] cases = {
        {nn + "/overlap/in", "/overlap/in/agg", "is inside the input"},
        {"/overlap/in", nn + "/overlap/in/", "is the input"},
        {byName + "/overlap/in", byAddress + "/overlap", "contains the input"},
        {"/overlap/*", "/overlap/in2", "is matched by the input glob"}};
    for (String[] c : cases) {
      Commands.Result r = Commands.run(conf, "aggregate", "--input", c[0], "--format", "parquet",
          "--group-by", "tag", "--agg", "count(*)", "--output", c[1], "--mode", "overwrite");
      assertEquals(2, r.exitCode(), r.toString());
      assertTrue(r.err().contains(c[2]) && r.err().contains(c[0]), r.err());
    }
    assertEquals(1, hdfs.listStatus(new org.apache.hadoop.fs.Path("/overlap")).length, "nothing written");
    assertEquals(1, hdfs.listStatus(new org.apache.hadoop.fs.Path("/overlap/in")).length, "nothing written");
  }
}
