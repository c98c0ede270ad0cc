package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.Schemas;
import io.lakemr.formats.zarr.ZarrBatchInputFormat;
import io.lakemr.formats.zarr.ZarrSplit;
import io.lakemr.testing.Csv;
import io.lakemr.testing.LakemrCluster;
import io.lakemr.testing.LocalJobs;
import java.io.File;
import java.io.OutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Zarr store read straight from MiniDFSCluster HDFS by a job on MiniMRYarnCluster: the store
 * {@code generate --format zarr} writes for 24,001 rows in 1,000-row chunks (25 chunk files per
 * column, 125 in all, about 450 KB) is copied up with 256 KiB blocks; a 120 KiB maximum split
 * size gives four splits, each a run of whole chunks (the last one partial) with host hints
 * from the chunk files' blocks, and the aggregate on the cluster, one map task per split,
 * equals the aggregate of the local copy. The copy's client polls the name node for each file's
 * completion every 10 ms rather than from 400 ms up, which otherwise costs most of a second per
 * small file; the job's short-lived task JVMs compile with C1 only and collect with the serial
 * collector, to spend less CPU starting up on a small machine.
 */
class ZarrOnHdfsIT {

  @RegisterExtension
  static final LakemrCluster CLUSTER = new LakemrCluster();

  private static final long ROWS = 24_001;
  private static final int CHUNK = 1000;
  private static final long SPLIT_BYTES = 120 * 1024;
  private static final String TASK_JVM = "-Xmx512m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC";
  private static final String AGGS = "count(*),sum(value),min(value),max(value),min(ts),max(ts),sum(sensor_id)";
  private static final List<String> HEADER = List.of("station", "status", "count", "sum_value", "min_value",
      "max_value", "min_ts", "max_ts", "sum_sensor_id");

  @TempDir
  File tmp;

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void chunkAlignedSplitsFromHdfsOnYarn() throws Exception {
    Configuration local = LocalJobs.conf(tmp.toPath());
    local.setInt(LakemrConfig.GENERATE_ZARR_CHUNK_ROWS, CHUNK);
    File generated = new File(tmp, "gen");
    assertEquals(0, Commands.run(local, "generate", "--rows", Long.toString(ROWS), "--files", "1", "--format", "zarr",
        "--output", generated.toString()).exitCode());
    File store = new File(generated, "part-m-00000.zarr");
    Commands.Result l = Commands.run(local, "aggregate", "--input", store.toString(), "--group-by", "station,status",
        "--agg", AGGS, "--output", new File(tmp, "local-out").toString(), "--output-format", "csv");
    assertEquals(0, l.exitCode(), l.toString());

    Configuration conf = CLUSTER.conf();
    FileSystem hdfs = FileSystem.get(conf);
    Path remote = new Path("/lake/zarr/sensors.zarr");
    Configuration quickClose = new Configuration(conf);
    quickClose.setLong("dfs.client.block.write.locateFollowingBlock.initial.delay.ms", 10);
    int copied;
    try (FileSystem uploader = FileSystem.newInstance(quickClose)) {
      copied = copyUp(store, uploader, remote);
    }
    assertTrue(copied > 125, "chunk and metadata files copied: " + copied);

    List<InputSplit> splits = splits(conf, remote.toString());
    checkChunkAligned(splits);
    Set<String> datanodes = datanodes(hdfs, remote);
    for (InputSplit s : splits) {
      assertTrue(s.getLocations().length > 0, "host hints for " + s);
      assertTrue(datanodes.containsAll(List.of(s.getLocations())), s + " on " + List.of(s.getLocations()));
      assertTrue(s.getLength() > 0, "stored bytes of " + s);
    }

    Commands.Result r = Commands.run(conf, "aggregate", "-D", "mapreduce.job.ubertask.enable=false",
        "-D", "mapreduce.map.java.opts=" + TASK_JVM, "-D", "mapreduce.reduce.java.opts=" + TASK_JVM,
        "-D", "yarn.app.mapreduce.am.command-opts=" + TASK_JVM,
        "-D", "mapreduce.input.fileinputformat.split.maxsize=" + SPLIT_BYTES, "--input", remote.toString(),
        "--group-by", "station,status", "--agg", AGGS, "--output", "/lake/zarr-out", "--output-format", "csv");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.err().contains("submitted as job_") && !r.err().contains("job_local"), r.err());
    File back = new File(tmp, "back");
    hdfs.copyToLocalFile(new Path("/lake/zarr-out"), new Path(back.toURI()));
    List<List<String>> expected = Csv.readParts(new File(tmp, "local-out").toPath(), HEADER);
    assertTrue(expected.size() > 1500, "station x status groups: " + expected.size());
    assertEquals(expected, Csv.readParts(back.toPath(), HEADER));
  }

  /** Copies a local folder to HDFS, each file with 256 KiB blocks; gives the files copied. */
  private static int copyUp(File dir, FileSystem hdfs, Path remote) throws Exception {
    int n = 0;
    for (File f : dir.listFiles()) {
      if (f.isDirectory()) {
        n += copyUp(f, hdfs, new Path(remote, f.getName()));
      } else if (!f.getName().endsWith(".crc")) {
        try (OutputStream out = hdfs.create(new Path(remote, f.getName()), true, 4096, (short) 1, 256 * 1024)) {
          Files.copy(f.toPath(), out);
        }
        n++;
      }
    }
    return n;
  }

  private static Set<String> datanodes(FileSystem hdfs, Path remote) throws Exception {
    Set<String> hosts = new HashSet<>();
    RemoteIterator<LocatedFileStatus> it = hdfs.listFiles(remote, true);
    while (it.hasNext()) {
      for (BlockLocation b : it.next().getBlockLocations()) {
        hosts.addAll(List.of(b.getHosts()));
      }
    }
    FileStatus chunk = hdfs.getFileStatus(new Path(remote, "value/0"));
    assertEquals(256 * 1024, chunk.getBlockSize(), "block size of " + chunk.getPath());
    return hosts;
  }

  private static List<InputSplit> splits(Configuration conf, String path) throws Exception {
    Job job = Job.getInstance(conf);
    job.getConfiguration().setLong("mapreduce.input.fileinputformat.split.maxsize", SPLIT_BYTES);
    ZarrBatchInputFormat.setInputPaths(job, List.of(path));
    ZarrBatchInputFormat.setReadSchema(job, Schemas.record("row", List.of(new Column("station", ColumnType.STRING),
        new Column("status", ColumnType.STRING), new Column("value", ColumnType.DOUBLE),
        new Column("ts", ColumnType.LONG), new Column("sensor_id", ColumnType.LONG))));
    return new ZarrBatchInputFormat().getSplits(job);
  }

  /** Splits are runs of whole chunks, in order, covering every chunk once. */
  private static void checkChunkAligned(List<InputSplit> splits) {
    long next = 0;
    List<Long> starts = new ArrayList<>();
    for (InputSplit s : splits) {
      ZarrSplit z = (ZarrSplit) s;
      assertEquals(next, z.firstRow(), "splits follow each other: " + z);
      assertEquals(0, z.firstRow() % CHUNK, "split starts on a chunk boundary: " + z);
      assertTrue(z.lastRow() % CHUNK == 0 || z.lastRow() == ROWS, "split ends on a chunk boundary: " + z);
      assertTrue(z.lastRow() > z.firstRow(), "split holds rows: " + z);
      starts.add(z.firstRow());
      next = z.lastRow();
    }
    assertEquals(ROWS, next, "the splits cover every row");
    assertTrue(splits.size() >= 4, "several splits: " + starts);
    assertTrue(splits.size() < ROWS / CHUNK, "splits of several chunks: " + starts);
  }
}
