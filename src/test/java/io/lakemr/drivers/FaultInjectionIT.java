package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakemr.testing.DuckDb;
import io.lakemr.testing.FaultyFileSystem;
import io.lakemr.testing.LakemrCluster;
import io.lakemr.testing.MiniClusters;
import io.lakemr.testing.SlowAttemptEstimator;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aggregate} on the MiniDFSCluster + MiniMRYarnCluster loses and duplicates nothing when
 * tasks die, attempts are retried or speculated, the application master is killed, or the job
 * fails. Faults are injected from the test only: the jobs read and write through
 * {@link FaultyFileSystem} ({@code faulty://}, the same HDFS), which throws, halts the JVM or
 * sleeps in chosen attempts, and records every firing so each test checks its faults happened.
 *
 * <p>Each job's output is compared byte for byte with one clean run of the same query (sums are
 * exact, so the bits do not depend on which attempt or split order produced them); its
 * {@code _lakemr.json} row, group and partition figures and every lakemr counter must equal the
 * clean run's; and nothing of staging, scratch, {@code _temporary} or task attempts may be left.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaultInjectionIT {

  @RegisterExtension
  static final LakemrCluster CLUSTER = new LakemrCluster();

  private static final int FILES = 3;
  private static final String JOB = "lakemr aggregate";
  private static final String JOB_COUNTERS = "org.apache.hadoop.mapreduce.JobCounter";
  private static final Pattern ATTEMPT = Pattern.compile("_([mr])_(\\d{6})_(\\d+)$");

  @TempDir
  static File tmp;
  private final ObjectMapper json = new ObjectMapper();
  private Configuration conf;
  private FileSystem hdfs;
  /** Per input file, the byte range {start, end} of the row group in its middle. */
  private final Map<String, long[]> middleRowGroup = new HashMap<>();
  private long splitBytes;
  private Map<String, byte[]> cleanFiles;
  private JsonNode cleanSummary;

  @BeforeAll
  void writeInputAndRunCleanReference() throws Exception {
    conf = CLUSTER.conf();
    hdfs = FileSystem.get(conf);
    long largest = 0;
    try (DuckDb duck = new DuckDb()) {
      duck.writeSensors(new File(tmp, "partitioned").toPath(), 60_000);
      for (int k = 0; k < FILES; k++) {
        File f = new File(tmp, "part-" + k + ".parquet");
        duck.execute("COPY (SELECT * EXCLUDE (date) FROM sensors WHERE sensor_id % " + FILES + " = " + k
            + ") TO '" + f + "' (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE 2048)");
        middleRowGroup.put(f.getName(), middleRowGroup(f));
        largest = Math.max(largest, f.length());
        hdfs.copyFromLocalFile(new Path(f.toURI()), new Path("/faults/in/" + f.getName()));
      }
    }
    splitBytes = largest * 3 / 2; // one file per split: two never fit in one
    // the reference run reads and writes the same HDFS through the local job runner: the same
    // splits, reducers and bytes as on YARN, without a YARN job's start-up cost
    Commands.Result clean = Commands.run(conf, "aggregate", args("/faults/in", "/faults/clean/out",
        List.of("-D", "mapreduce.framework.name=local")));
    assertEquals(0, clean.exitCode(), clean.toString());
    cleanFiles = files(new Path("/faults/clean/out"));
    cleanSummary = json.readTree(cleanFiles.remove(JobSummary.FILE_NAME));
    JsonNode lakemr = cleanSummary.path("counters").path(JOB);
    assertEquals(FILES, lakemr.path("io.lakemr.formats.parquet.ParquetCounters").path("SPLITS").asLong(),
        "one map task per input file");
    assertTrue(lakemr.path("io.lakemr.agg.AggregateCounters").path("MAP_TABLE_FLUSHES").asLong() >= FILES * 2,
        "the maps emit partial aggregates before their input ends: " + lakemr);
    assertTrue(cleanFiles.size() >= 6, "two reducers wrote into three partitions: " + cleanFiles.keySet());
  }

  @AfterAll
  void removeFiles() throws IOException {
    hdfs.delete(new Path("/faults"), true);
  }

  private static long[] middleRowGroup(File f) throws IOException {
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(new Path(f.toURI()),
        new Configuration()))) {
      List<BlockMetaData> groups = r.getRowGroups();
      assertTrue(groups.size() >= 4, f + " has several row groups: " + groups.size());
      BlockMetaData middle = groups.get(groups.size() / 2);
      return new long[] {middle.getStartingPos(), middle.getStartingPos() + middle.getCompressedSize()};
    }
  }

  /** Words of a read rule that fires inside the middle row group of input file {@code k}. */
  private String middleOf(int k) {
    String name = "part-" + k + ".parquet";
    long[] range = middleRowGroup.get(name);
    return "on=read file=" + name + " from=" + range[0] + " to=" + range[1];
  }

  private String[] args(String input, String output, List<String> options, String... more) {
    List<String> all = new ArrayList<>(List.of("-D", "mapreduce.job.ubertask.enable=false",
        "-D", "mapreduce.input.fileinputformat.split.maxsize=" + splitBytes,
        "-D", "lakemr.aggregate.map.memory.bytes=16384",
        "-D", "mapreduce.map.maxattempts=2", "-D", "mapreduce.reduce.maxattempts=2"));
    all.addAll(FaultyFileSystem.options());
    all.addAll(options);
    all.addAll(List.of("--input", input, "--output", output, "--group-by", "station,status",
        "--partition-by", "status", "--agg", "count(*),sum(value),min(value),max(value),avg(value)",
        "--reducers", "2"));
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }

  /** Runs the query reading and writing through {@code faulty://}, into {@code /faults/NAME/out}. */
  private Commands.Result runWithFaults(String name, List<String> options, String... more) throws Exception {
    List<String> all = new ArrayList<>(FaultyFileSystem.recordsIn(records(name).toString()));
    all.addAll(options);
    return Commands.run(conf, "aggregate", args(FaultyFileSystem.uri(hdfs, "/faults/in"),
        FaultyFileSystem.uri(hdfs, "/faults/" + name + "/out"), all, more));
  }

  private static Path records(String name) {
    return new Path("/faults/records/" + name);
  }

  /** The recorded firings of a job's faults, as {@code RULE@ATTEMPT} names. */
  private TreeSet<String> fired(String name) throws IOException {
    TreeSet<String> names = new TreeSet<>();
    if (hdfs.exists(records(name))) {
      for (FileStatus s : hdfs.listStatus(records(name))) {
        names.add(s.getPath().getName());
      }
    }
    return names;
  }

  /** Every file under {@code dir}, by path relative to it, with its bytes. */
  private Map<String, byte[]> files(Path dir) throws IOException {
    Map<String, byte[]> out = new TreeMap<>();
    String base = hdfs.getFileStatus(dir).getPath().toUri().getPath();
    for (FileStatus s : listAll(dir)) {
      if (s.isFile()) {
        try (InputStream in = hdfs.open(s.getPath())) {
          out.put(s.getPath().toUri().getPath().substring(base.length() + 1), in.readAllBytes());
        }
      }
    }
    return out;
  }

  private List<FileStatus> listAll(Path dir) throws IOException {
    List<FileStatus> all = new ArrayList<>();
    for (FileStatus s : hdfs.listStatus(dir)) {
      all.add(s);
      if (s.isDirectory()) {
        all.addAll(listAll(s.getPath()));
      }
    }
    return all;
  }

  /**
   * The job's output equals the clean run's byte for byte, its summary's figures and lakemr
   * counters equal the clean run's, and {@code /faults/NAME} holds the output and nothing else.
   *
   * @return the job's summary
   */
  private JsonNode assertSameAsClean(String name) throws IOException {
    assertNothingLeft(name);
    Map<String, byte[]> got = files(new Path("/faults/" + name + "/out"));
    JsonNode summary = json.readTree(got.remove(JobSummary.FILE_NAME));
    assertEquals(cleanFiles.keySet(), got.keySet(), "the output's files");
    for (Map.Entry<String, byte[]> e : cleanFiles.entrySet()) {
      assertArrayEquals(e.getValue(), got.get(e.getKey()), e.getKey() + " differs from the clean run's");
    }
    for (String field : List.of("rows", "groups_out", "partitions")) {
      assertEquals(cleanSummary.get(field), summary.get(field), "_lakemr.json " + field);
    }
    assertEquals(lakemrCounters(cleanSummary), lakemrCounters(summary), "lakemr's counters");
    return summary;
  }

  private static JsonNode lakemrCounters(JsonNode summary) {
    ObjectNode ours = new ObjectMapper().createObjectNode();
    summary.path("counters").path(JOB).fields().forEachRemaining(g -> {
      if (g.getKey().startsWith("io.lakemr.")) {
        ours.set(g.getKey(), g.getValue());
      }
    });
    assertTrue(ours.size() >= 3, "lakemr counter groups: " + ours);
    return ours;
  }

  private static long jobCounter(JsonNode summary, String counter) {
    return summary.path("counters").path(JOB).path(JOB_COUNTERS).path(counter).asLong(0);
  }

  /** Under {@code /faults/NAME} only {@code out}; nowhere under it staging, scratch, temporary or attempt files. */
  private void assertNothingLeft(String name) throws IOException {
    Path dir = new Path("/faults/" + name);
    List<String> top = new ArrayList<>();
    for (FileStatus s : hdfs.listStatus(dir)) {
      top.add(s.getPath().getName());
    }
    assertEquals(List.of("out"), top, "beside the output in " + dir);
    for (FileStatus s : listAll(dir)) {
      String n = s.getPath().getName();
      assertFalse(n.startsWith("_temporary") || n.startsWith(".lakemr-") || n.startsWith("attempt_")
          || n.startsWith("task_") || n.startsWith("."), "left behind: " + s.getPath());
    }
  }

  /** Attempts named in firing records of rule {@code rule}, as "m_000001_0". */
  private static TreeSet<String> attemptsOf(TreeSet<String> fired, String rule) {
    TreeSet<String> out = new TreeSet<>();
    for (String f : fired) {
      if (f.startsWith(rule + "@")) {
        Matcher m = ATTEMPT.matcher(f);
        assertTrue(m.find(), f);
        out.add(m.group(1) + "_" + m.group(2) + "_" + m.group(3));
      }
    }
    return out;
  }

  /**
   * One job, three maps and two reduces: map 0 throws in its first attempt and map 1's JVM
   * halts, both in the middle of their split after emitting partial aggregates; reduce 1's JVM
   * halts after writing its first file, before its task commit; map 2 and reduce 0 (after its
   * first file) are made slow in their first attempt, so the speculator starts a second
   * attempt of each while the first is still running and has written.
   */
  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void retriedAndSpeculatedAttemptsLoseAndDoubleNothing() throws Exception {
    Commands.Result r = runWithFaults("retried", List.of(
        List.of("-D", "mapreduce.map.speculative=true", "-D", "mapreduce.reduce.speculative=true",
            "-D", "yarn.app.mapreduce.am.job.task.estimator.class=" + SlowAttemptEstimator.class.getName(),
            "-D", "mapreduce.job.speculative.retry-after-no-speculate=200",
            "-D", "mapreduce.job.speculative.retry-after-speculate=200"),
        FaultyFileSystem.rule("map-throws", "in=map attempt=0 " + middleOf(0) + " do=throw"),
        FaultyFileSystem.rule("map-halts", "in=map attempt=0 " + middleOf(1) + " do=halt"),
        FaultyFileSystem.rule("map-reads", "in=map on=read file=part-2.parquet do=note"),
        FaultyFileSystem.rule("map-slow", "in=map attempt=0 " + middleOf(2) + " do=sleep millis=150000"),
        FaultyFileSystem.rule("reduce-halts", "in=reduce task=1 attempt=0 on=create file=.parquet count=2 do=halt"),
        FaultyFileSystem.rule("reduce-writes", "in=reduce task=0 on=create file=.parquet count=1 do=note"),
        FaultyFileSystem.rule("reduce-slow", "in=reduce task=0 attempt=0 on=create file=.parquet count=2 "
            + "do=sleep millis=150000"))
        .stream().flatMap(List::stream).toList());
    TreeSet<String> fired = fired("retried");
    assertEquals(0, r.exitCode(), r + "\nfaults fired: " + fired);
    assertEquals(1, attemptsOf(fired, "map-throws").size(), "a map threw in its first attempt: " + fired);
    assertEquals(1, attemptsOf(fired, "map-halts").size(), "a map JVM halted in its first attempt: " + fired);
    assertEquals(new TreeSet<>(List.of("r_000001_0")), attemptsOf(fired, "reduce-halts"),
        "reduce 1 halted after writing its first file: " + fired);
    TreeSet<String> maps = attemptsOf(fired, "map-reads");
    assertEquals(2, maps.size(), "two attempts of one map read its file: " + fired);
    assertEquals(1, maps.stream().map(a -> a.substring(0, 8)).distinct().count(), "of one map: " + maps);
    assertEquals(new TreeSet<>(List.of("r_000000_0", "r_000000_1")), attemptsOf(fired, "reduce-writes"),
        "two attempts of reduce 0 wrote files: " + fired);
    assertEquals(1, attemptsOf(fired, "reduce-slow").size(), fired.toString());
    JsonNode summary = assertSameAsClean("retried");
    JsonNode counters = summary.path("counters").path(JOB).path(JOB_COUNTERS);
    assertEquals(2, jobCounter(summary, "NUM_FAILED_MAPS"), counters.toString());
    assertEquals(1, jobCounter(summary, "NUM_FAILED_REDUCES"), counters.toString());
    assertEquals(FILES + 3, jobCounter(summary, "TOTAL_LAUNCHED_MAPS"), "two retries, one speculative: " + counters);
    assertEquals(4, jobCounter(summary, "TOTAL_LAUNCHED_REDUCES"), "one retry, one speculative: " + counters);
    assertEquals(1, jobCounter(summary, "NUM_KILLED_MAPS"), "the slow map was killed: " + counters);
    // Hadoop counted the killed slow reduce attempt twice (2 with one speculated reduce) when measured
    assertTrue(jobCounter(summary, "NUM_KILLED_REDUCES") >= 1, "the slow reduce was killed: " + counters);
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void jobThatFailsForGoodLeavesTheOldOutputIntact() throws Exception {
    Path out = new Path("/faults/failed/out");
    FileUtil.copy(hdfs, new Path("/faults/clean/out"), hdfs, out, false, conf);
    Map<String, byte[]> before = files(out);
    Commands.Result r = runWithFaults("failed",
        FaultyFileSystem.rule("map-always-throws", "in=map " + middleOf(1) + " do=throw"), "--mode", "overwrite");
    assertEquals(1, r.exitCode(), r + "\nfaults fired: " + fired("failed"));
    List<String> told = r.err().lines().filter(l -> l.startsWith("lakemr aggregate:")).toList();
    assertEquals(1, told.size(), r.err());
    assertTrue(told.get(0).matches("lakemr aggregate: job job_\\d+_\\d+ \\(lakemr aggregate\\) failed: .*"
        + "injected fault map-always-throws at the read of bytes .*part-1\\.parquet.*"), told.get(0));
    assertEquals(2, attemptsOf(fired("failed"), "map-always-throws").size(), "both attempts failed");
    assertNothingLeft("failed");
    Map<String, byte[]> after = files(out);
    assertEquals(before.keySet(), after.keySet());
    for (Map.Entry<String, byte[]> e : before.entrySet()) {
      assertArrayEquals(e.getValue(), after.get(e.getKey()), e.getKey() + " changed");
    }
  }

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES)
  void killedApplicationMasterIsRestartedAndRecoversItsTasks() throws Exception {
    Commands.Result r = runWithFaults("recovered", List.of(
        List.of("-D", "mapreduce.am.max-attempts=2", "-D", "yarn.app.mapreduce.am.job.recovery.enable=true",
            "-D", "yarn.app.mapreduce.am.history.complete-event-flush-timeout=100",
            // the mini cluster gives the application master this JVM's class path, with our Avro
            // 1.12, which reads Hadoop's job history (for recovery) only from trusted packages;
            // on a cluster the master runs Hadoop's own Avro (the job jar relocates ours)
            "-D", "yarn.app.mapreduce.am.command-opts=-Xmx512m " + MiniClusters.SHORT_LIVED_JVM
                + " -Dorg.apache.avro.SERIALIZABLE_PACKAGES=org.apache.hadoop.mapreduce.jobhistory",
            // the client finds the second application master after one failed connect, not ten
            "-D", "ipc.client.connect.max.retries=1", "-D", "ipc.client.connect.retry.interval=200"),
        FaultyFileSystem.rule("maps-read", "in=map on=read do=note"),
        FaultyFileSystem.rule("reduces-write", "in=reduce on=create file=.parquet count=1 do=note"),
        FaultyFileSystem.rule("reduce-1-slow", "in=reduce task=1 attempt=0 on=create file=.parquet count=1 "
            + "do=sleep millis=150000"),
        FaultyFileSystem.rule("am-halts", "in=am attempt=1 on=reduce-committed task=0 millis=2000 do=halt"))
        .stream().flatMap(List::stream).toList());
    TreeSet<String> fired = fired("recovered");
    assertEquals(0, r.exitCode(), r + "\nfaults fired: " + fired);
    assertTrue(fired.contains("am-halts@appattempt-1"), "the first application master halted: " + fired);
    TreeSet<String> maps = attemptsOf(fired, "maps-read");
    assertEquals(FILES, maps.size(), "each map ran once, in the first application master: " + fired);
    assertTrue(maps.stream().allMatch(a -> a.endsWith("_0")), maps.toString());
    assertEquals(new TreeSet<>(List.of("r_000000_0", "r_000001_0", "r_000001_1000")),
        attemptsOf(fired, "reduces-write"),
        "reduce 0 committed before the halt and was recovered; reduce 1 ran again in the second: " + fired);
    assertSameAsClean("recovered");
  }

  /**
   * CSV input with bad records, {@code --bad-records quarantine}: the one map's first attempt
   * quarantines them and then throws at a read far past them; the second attempt's quarantine
   * file is the one published, so each bad record is in {@code _bad_records} exactly once and
   * the counts and sums are those of the good rows.
   */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void quarantinedRecordsOfARetriedMapArePublishedOnce() throws Exception {
    BadCsvInput input = new BadCsvInput();
    input.write(hdfs, new Path("/faults/csv/in/events.csv"));
    String name = "quarantine";
    List<String> all = new ArrayList<>(List.of("-D", "mapreduce.job.ubertask.enable=false",
        "-D", "mapreduce.map.maxattempts=2"));
    all.addAll(FaultyFileSystem.options());
    all.addAll(FaultyFileSystem.recordsIn(records(name).toString()));
    all.addAll(FaultyFileSystem.rule("map-quarantines", "in=map attempt=0 on=create file=.jsonl count=1 do=note"));
    all.addAll(FaultyFileSystem.rule("map-throws", "in=map attempt=0 on=read file=events.csv from="
        + input.length() * 3 / 4 + " to=" + input.length() + " do=throw"));
    all.addAll(List.of("--input", FaultyFileSystem.uri(hdfs, "/faults/csv/in"), "--format", "csv",
        "--schema", "id:long,station:string,value:long", "--bad-records", "quarantine",
        "--group-by", "station", "--agg", "count(*),sum(value)", "--reducers", "1", "--output-format", "csv",
        "--output", FaultyFileSystem.uri(hdfs, "/faults/" + name + "/out")));
    Commands.Result r = Commands.run(conf, "aggregate", all.toArray(new String[0]));
    TreeSet<String> fired = fired(name);
    assertEquals(0, r.exitCode(), r + "\nfaults fired: " + fired);
    assertEquals(new TreeSet<>(List.of("m_000000_0")), attemptsOf(fired, "map-quarantines"),
        "the first attempt quarantined records before it failed: " + fired);
    assertEquals(new TreeSet<>(List.of("m_000000_0")), attemptsOf(fired, "map-throws"), fired.toString());
    assertNothingLeft(name);
    Path out = new Path("/faults/" + name + "/out");
    List<String> raws = new ArrayList<>();
    for (String line : BadCsvInput.linesOf(hdfs, new Path(out, "_bad_records"), "part-m-\\d+\\.jsonl")) {
      raws.add(json.readTree(line).path("raw").asText());
    }
    assertEquals(input.badLines(), raws, "each bad record once, in file order");
    Map<String, long[]> got = BadCsvInput.readCountsAndSums(hdfs, out);
    assertEquals(input.expected().keySet(), got.keySet());
    input.expected().forEach((station, want) -> assertArrayEquals(want, got.get(station), station));
  }
}
