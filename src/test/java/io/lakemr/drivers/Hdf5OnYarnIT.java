package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.testing.Csv;
import io.lakemr.testing.DuckDb;
import io.lakemr.testing.LakemrCluster;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.mapreduce.InputSplit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * HDF5 read straight from MiniDFSCluster HDFS by a job on MiniMRYarnCluster: a 1,000,003-row
 * dataset chunked by 65,536 in a file with 256 KiB blocks, so it spans many blocks; a 1 MB
 * maximum split size gives several splits, each starting on a chunk boundary with host hints
 * from the blocks holding its chunks, and the aggregate adds up exactly; then {@code convert}
 * turns the same file into a table partitioned by a derived column over two reducers, one file
 * per partition, every row and sum equal to the generator's.
 */
class Hdf5OnYarnIT {

  @RegisterExtension
  static final LakemrCluster CLUSTER = new LakemrCluster();

  @TempDir
  Path tmp;

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void chunkAlignedSplitsFromHdfsOnYarn() throws Exception {
    Configuration conf = CLUSTER.conf();
    FileSystem hdfs = FileSystem.get(conf);
    Path local = tmp.resolve("big.h5");
    Hdf5InputJobTest.writeSeries(local, Hdf5InputJobTest.ROWS);
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path("/lake/hdf5/big.h5");
    try (OutputStream out = hdfs.create(file, true, 4096, (short) 1, 256 * 1024)) {
      Files.copy(local, out);
    }
    FileStatus status = hdfs.getFileStatus(file);
    BlockLocation[] blocks = hdfs.getFileBlockLocations(status, 0, status.getLen());
    assertTrue(blocks.length >= 3, "the file spans several blocks: " + blocks.length);

    List<InputSplit> splits = Hdf5InputJobTest.splits(conf, file.toString());
    int n = Hdf5InputJobTest.checkChunkAligned(splits);
    Set<String> datanodes = new HashSet<>();
    for (BlockLocation b : blocks) {
      datanodes.addAll(List.of(b.getHosts()));
    }
    for (InputSplit s : splits) {
      assertTrue(s.getLocations().length > 0, "host hints for " + s);
      assertTrue(datanodes.containsAll(List.of(s.getLocations())), s + " on " + List.of(s.getLocations()));
      assertTrue(s.getLength() > 0, "stored bytes of " + s);
    }

    Commands.Result r = Commands.run(conf, "aggregate", "-D", "mapreduce.job.ubertask.enable=false",
        "-D", "mapreduce.input.fileinputformat.split.maxsize=1048576",
        "--input", file.toString(), "--agg", "count(*),sum(big),min(big),max(big)",
        "--output", "/lake/hdf5-out", "--output-format", "csv");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.err().contains("submitted as job_") && !r.err().contains("job_local"), r.err());
    Path back = tmp.resolve("back");
    hdfs.copyToLocalFile(new org.apache.hadoop.fs.Path("/lake/hdf5-out"), new org.apache.hadoop.fs.Path(back.toUri()));
    long rows = Hdf5InputJobTest.ROWS;
    assertEquals(List.of(List.of(Long.toString(rows), Long.toString(rows * (rows - 1) / 2), "0", Long.toString(rows - 1))),
        Csv.readParts(back, List.of("count", "sum_big", "min_big", "max_big")));
    assertTrue(n >= 4);
    convertsToAPartitionedTableWithTwoReducers(conf, hdfs, file);
  }

  /** The same file converted on YARN to Parquet partitioned by {@code big % 3}, over two reducers. */
  private void convertsToAPartitionedTableWithTwoReducers(Configuration conf, FileSystem hdfs,
      org.apache.hadoop.fs.Path file) throws Exception {
    Commands.Result r = Commands.run(conf, "convert", "-D", "mapreduce.job.ubertask.enable=false",
        "-D", "mapreduce.input.fileinputformat.split.maxsize=1048576", "--input", file.toString(),
        "--derive", "part=big % 3", "--partition-by", "part", "--reducers", "2", "--output", "/lake/hdf5-table");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("shuffle by partition, 2 reducers"), r.out());
    Path back = tmp.resolve("table");
    hdfs.copyToLocalFile(new org.apache.hadoop.fs.Path("/lake/hdf5-table"), new org.apache.hadoop.fs.Path(back.toUri()));
    long[] count = new long[3];
    long[] sum = new long[3];
    for (long i = 0; i < Hdf5InputJobTest.ROWS; i++) {
      count[(int) (i % 3)]++;
      sum[(int) (i % 3)] += i;
    }
    try (DuckDb duck = new DuckDb()) {
      List<List<Object>> got = duck.query("SELECT part, count(*), sum(big), count(DISTINCT filename) FROM read_parquet('"
          + back + "/*/*.parquet', hive_partitioning = true, filename = true) GROUP BY part ORDER BY part");
      assertEquals(3, got.size(), got.toString());
      for (int p = 0; p < 3; p++) {
        assertEquals(String.valueOf(p), String.valueOf(got.get(p).get(0)), got.toString());
        assertEquals(count[p], ((Number) got.get(p).get(1)).longValue(), "rows of part=" + p);
        assertEquals(sum[p], ((Number) got.get(p).get(2)).longValue(), "sum of part=" + p);
        assertEquals(1L, ((Number) got.get(p).get(3)).longValue(), "one file per partition: " + got);
      }
    }
  }
}
