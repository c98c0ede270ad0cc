package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.conf.LakemrConfig;
import io.lakemr.formats.FileRange;
import io.lakemr.formats.MultiRangeSplit;
import io.lakemr.testing.CountingLocalFileSystem;
import io.lakemr.testing.LocalJobs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Planning a read of one partition of a catalog table through its log asks the file system the
 * same number of times however many files the table, and the partition read, hold: the log's
 * files, the catalog entry, one data file's footer for the schema and the input manifest, never
 * a request per data file. Planned as {@code aggregate} plans it (its setup, its input job and
 * the input format's splits, which submission computes), on the local file system counting
 * each request ({@link CountingLocalFileSystem}).
 */
@Timeout(180)
class TablePlanTouchesTest {

  @TempDir
  Path tmp;
  private Configuration conf;
  private Path seed;

  @BeforeEach
  void generateOneParquetFile() throws Exception {
    conf = LocalJobs.conf(tmp);
    conf.set(LakemrConfig.CATALOG_DIR, tmp.resolve("catalog").toUri().toString());
    CountingLocalFileSystem.register(conf);
    Path out = tmp.resolve("seed");
    Commands.Result gen = Commands.run(conf, "generate", "--rows", "200", "--files", "1", "--output", out.toString());
    assertEquals(0, gen.exitCode(), gen::toString);
    try (Stream<Path> files = Files.list(out)) {
      seed = files.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
  }

  /** Registers a table of copies of the seed file, {@code filesPerDay} in each of {@code days} partitions. */
  private void register(String name, int days, int filesPerDay) throws Exception {
    Path table = tmp.resolve(name);
    for (int d = 1; d <= days; d++) {
      Path dir = Files.createDirectories(table.resolve(String.format("day=d%03d", d)));
      for (int f = 1; f <= filesPerDay; f++) {
        Files.copy(seed, dir.resolve(String.format("part-%05d.parquet", f)));
      }
    }
    Commands.Result reg = Commands.run(conf, "catalog", "register", name, "--location", table.toString());
    assertEquals(0, reg.exitCode(), reg::toString);
  }

  /** What planning one partition asked of the file system, and the files its splits read. */
  private record Planned(long readOps, long writeOps, List<String> requests, Set<String> files) {
  }

  private Planned planOneDay(String table) throws Exception {
    FileSystem.Statistics stats = CountingLocalFileSystem.statistics();
    CountingLocalFileSystem.takeRequests();
    long reads = stats.getReadOps();
    long writes = stats.getWriteOps();
    AggregateTool tool = new AggregateTool();
    tool.setConf(conf);
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    tool.withStreams(quiet, quiet);
    AggregateTool.Setup setup = tool.setup(new String[] {"--input", "table:" + table, "--where", "day = 'd002'",
        "--agg", "count(*)", "--output", tmp.resolve("out-" + table).toString(), "--output-format", "csv"});
    Job job = AggregateTool.inputJob(conf, setup);
    List<InputSplit> splits = setup.input().newInputFormat().getSplits(job);
    long readOps = stats.getReadOps() - reads;
    long writeOps = stats.getWriteOps() - writes;
    List<String> requests = CountingLocalFileSystem.takeRequests();
    Set<String> files = new TreeSet<>();
    for (InputSplit s : splits) {
      for (FileRange r : ((MultiRangeSplit) s).ranges()) {
        files.add(r.path().getParent().getName() + "/" + r.path().getName());
      }
    }
    return new Planned(readOps, writeOps, requests, files);
  }

  private static Set<String> filesOfDay2(int filesPerDay) {
    Set<String> out = new TreeSet<>();
    for (int f = 1; f <= filesPerDay; f++) {
      out.add(String.format("day=d002/part-%05d.parquet", f));
    }
    return out;
  }

  @Test
  void planningOnePartitionAsksTheFileSystemAsOftenForTwentyFilesAsForTwoHundred() throws Exception {
    register("small", 4, 5);
    register("large", 10, 20);
    planOneDay("small"); // the first plan in this JVM also loads what every plan after it finds loaded
    Planned small = planOneDay("small");
    Planned large = planOneDay("large");
    assertEquals(filesOfDay2(5), small.files(), "the splits read the chosen partition's files alone");
    assertEquals(filesOfDay2(20), large.files(), "the splits read the chosen partition's files alone");
    String both = "20 files:\n  " + String.join("\n  ", small.requests()) + "\n200 files:\n  "
        + String.join("\n  ", large.requests());
    assertTrue(small.readOps() > 0, () -> "the counting file system saw no request: " + both);
    assertEquals(small.readOps(), large.readOps(), () -> "read requests grew with the table's files: " + both);
    assertEquals(small.writeOps(), large.writeOps(), () -> "write requests grew with the table's files: " + both);
    assertEquals(small.requests().size(), large.requests().size(), both);
    List<String> perFile = new ArrayList<>();
    for (String r : large.requests()) {
      if (r.contains("/day=") && !r.endsWith("/day=d001/part-00001.parquet")
          && !r.endsWith("/day=d001/.part-00001.parquet.crc")) {
        perFile.add(r);
      }
    }
    assertTrue(perFile.isEmpty(), () -> "planning asked about data files beyond the one whose footer gives the schema: "
        + perFile);
  }
}
