package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.testing.DuckDb;
import io.lakemr.testing.LocalJobs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convert --partition-by} written map-side, on the local job runner, over one Parquet
 * file of rows in no partition order: in a child JVM with a 512 MiB heap and the default
 * settings, {@code auto} writes 1,000 partitions map-side in one map task that never has more
 * than 32 files open, each partition's rows of the source in one file (several flushes are
 * {@code MapSidePartitionsTest}'s); with at most 2 files open set, 3 partitions forced map-side
 * hold the same rows as the shuffle's; {@code auto} shuffles 3 partitions; a bad
 * {@code --partition-plan} is exit 2 naming the option.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConvertMapSideJobTest {

  private static final int ROWS = 50_000;
  private static final int PARTITIONS = 1_000;
  private static final Pattern PEAK = Pattern.compile("open files   peak (\\d+) .*, ([\\d,]+) closed early.*; "
      + "([\\d,]+) flush");

  @TempDir
  static Path tmp;
  private Configuration conf;
  private DuckDb duck;
  private Path source;
  private Path mapSide;
  private String mapSidePrinted;
  private Path fewShuffled;
  private Path fewMapSide;
  private Commands.Result fewMapSideRun;

  @BeforeAll
  void convert() throws Exception {
    conf = LocalJobs.conf(tmp);
    duck = new DuckDb();
    source = Files.createDirectories(tmp.resolve("source"));
    // k is a hash of the row number: every batch holds rows of hundreds of partitions
    duck.execute("CREATE TABLE src AS SELECT i::BIGINT AS id, (hash(i * 3) % 100000)::DOUBLE / 7 AS v, "
        + "'name-' || (hash(i * 5) % 5000)::VARCHAR AS s, (hash(i) % " + PARTITIONS + ")::INTEGER AS k, "
        + "'g' || (i % 3)::VARCHAR AS few FROM range(" + ROWS + ") t(i)");
    duck.execute("COPY src TO '" + source.resolve("rows.parquet") + "' (FORMAT parquet, ROW_GROUP_SIZE 20000)");
    mapSide = tmp.resolve("map-side");
    mapSidePrinted = convertInA512MiBHeap(mapSide, "--partition-by", "k", "--columns", "id,v,s");
    fewShuffled = tmp.resolve("few-shuffled");
    Commands.Result r = convert(conf, fewShuffled, "--partition-by", "few", "--columns", "id,v", "--partition-plan",
        "shuffle");
    assertTrue(r.out().contains("plan         shuffle by partition, 1 reducer (--partition-plan shuffle)"),
        r.toString());
    Configuration twoOpen = new Configuration(conf);
    twoOpen.setInt(LakemrConfig.CONVERT_MAP_SIDE_MAX_OPEN_WRITERS, 2);
    fewMapSide = tmp.resolve("few-map-side");
    fewMapSideRun = convert(twoOpen, fewMapSide, "--partition-by", "few", "--columns", "id,v", "--partition-plan",
        "map-side");
  }

  /** Runs a conversion in a child JVM with a 512 MiB heap, on the local job runner; returns what it printed. */
  private String convertInA512MiBHeap(Path out, String... options) throws Exception {
    List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-Xmx512m",
        "-cp", System.getProperty("java.class.path"), ConvertTool.class.getName()));
    Configuration child = LocalJobs.conf(tmp.resolve("child-tmp"));
    for (String key : List.of("fs.defaultFS", "mapreduce.framework.name", "hadoop.tmp.dir",
        "mapreduce.jobtracker.staging.root.dir", "mapreduce.cluster.local.dir")) {
      command.add("-D");
      command.add(key + "=" + child.get(key));
    }
    command.addAll(List.of("--input", source.toString(), "--output", out.toString()));
    command.addAll(List.of(options));
    Path log = tmp.resolve("child.log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "convert in a child JVM still running");
    String printed = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), printed);
    return printed;
  }

  private Commands.Result convert(Configuration c, Path out, String... options) throws Exception {
    List<String> args = new ArrayList<>(List.of("--input", source.toString(), "--output", out.toString()));
    args.addAll(List.of(options));
    Commands.Result r = Commands.run(c, "convert", args.toArray(new String[0]));
    assertEquals(0, r.exitCode(), r.toString());
    return r;
  }

  @AfterAll
  void close() throws Exception {
    duck.close();
  }

  private static JsonNode summary(Path out) throws IOException {
    return new ObjectMapper().readTree(out.resolve(JobSummary.FILE_NAME).toFile());
  }

  private static List<Path> dataFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).sorted().toList();
    }
  }

  private static Map<String, Integer> filesPerPartition(Path dir) throws IOException {
    Map<String, Integer> out = new TreeMap<>();
    for (Path f : dataFiles(dir)) {
      out.merge(dir.relativize(f.getParent()).toString(), 1, Integer::sum);
    }
    return out;
  }

  private long count(String sql) throws Exception {
    return ((Number) duck.query(sql).get(0).get(0)).longValue();
  }

  private static String rows(Path out) {
    return "SELECT id, v, s, k FROM read_parquet('" + out + "/**/*.parquet', hive_partitioning = true)";
  }

  @Test
  void aThousandPartitionsInOneMapTaskAreWrittenMapSideWithinA512MiBHeap() throws Exception {
    String out = mapSidePrinted;
    assertTrue(out.contains("plan         map-side partitioned writing (~1,000 partitions, "), out);
    assertTrue(out.contains("over 16 per reducer, each under a 256.0 MiB file): at most 32 open files a task"), out);
    assertEquals("map-side", summary(mapSide).get("partition_plan").asText());
    Matcher m = PEAK.matcher(out);
    assertTrue(m.find(), out);
    int open = LakemrConfig.CONVERT_MAP_SIDE_MAX_OPEN_WRITERS_DEFAULT;
    assertEquals(open, Integer.parseInt(m.group(1)), "one map task, its peak of open files is the limit: " + out);
    assertEquals(PARTITIONS - open, Long.parseLong(m.group(2).replace(",", "")),
        "each file closed once the most are open: " + out);
    assertEquals(1, Long.parseLong(m.group(3).replace(",", "")), "the rows fit the budget: " + out);
    for (Path f : dataFiles(mapSide)) {
      assertTrue(f.getFileName().toString().startsWith("part-m-00000"), "one map task, no reducer: " + f);
    }
    Map<String, Integer> files = filesPerPartition(mapSide);
    assertEquals(PARTITIONS, files.size());
    assertTrue(files.values().stream().allMatch(n -> n == 1), "one flush: one file per partition: " + files);
    Matcher heap = Pattern.compile("peak heap    ([\\d,]+) MiB").matcher(out);
    assertTrue(heap.find(), out);
    System.out.println("[ConvertMapSideJobTest] 1,000 partitions in one map task, -Xmx512m: peak live heap "
        + heap.group(1) + " MiB");
  }


  @Test
  void mapSideOutputHoldsTheRowsOfEachPartitionAsTheShufflesDoes() throws Exception {
    assertEquals(ROWS, count("SELECT count(*) FROM (" + rows(mapSide) + ")"));
    assertEquals(0, count("SELECT count(*) FROM ((" + rows(mapSide) + ") EXCEPT ALL (SELECT id, v, s, k FROM src))"));
    assertEquals(0, count("SELECT count(*) FROM ((SELECT id, v, s, k FROM src) EXCEPT ALL (" + rows(mapSide) + "))"));
    String map = "SELECT id, v, few FROM read_parquet('" + fewMapSide + "/**/*.parquet', hive_partitioning = true)";
    String shuffle = "SELECT id, v, few FROM read_parquet('" + fewShuffled + "/**/*.parquet', hive_partitioning = true)";
    assertEquals(ROWS, count("SELECT count(*) FROM (" + map + ")"));
    assertEquals(0, count("SELECT count(*) FROM ((" + map + ") EXCEPT ALL (" + shuffle + "))"));
    assertEquals(0, count("SELECT count(*) FROM ((" + shuffle + ") EXCEPT ALL (" + map + "))"));
    assertEquals(filesPerPartition(fewShuffled), filesPerPartition(fewMapSide), "one map task: one file each");
    assertEquals("shuffle", summary(fewShuffled).get("partition_plan").asText());
    assertEquals("map-side", summary(fewMapSide).get("partition_plan").asText());
  }

  @Test
  void autoShufflesFewPartitions() throws Exception {
    Path out = tmp.resolve("few");
    Commands.Result r = Commands.run(conf, "convert", "--input", source.toString(), "--output", out.toString(),
        "--partition-by", "few", "--columns", "id,v");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("plan         shuffle by partition, 1 reducer (~3 partitions, "), r.toString());
    assertTrue(r.out().contains(": at most 16 per reducer)"), r.toString());
    assertEquals(Map.of("few=g0", 1, "few=g1", 1, "few=g2", 1), filesPerPartition(out));
    assertEquals("shuffle", summary(out).get("partition_plan").asText());
  }

  @Test
  void forcedMapSideWritesFewPartitionsInOneTaskWithinTheOpenFilesSet() throws Exception {
    String out = fewMapSideRun.out();
    assertTrue(out.contains("plan         map-side partitioned writing (--partition-plan map-side): at most 2 open "
        + "files a task"), out);
    Matcher m = PEAK.matcher(out);
    assertTrue(m.find(), out);
    assertEquals("2", m.group(1), out);
    assertEquals("1", m.group(2), "the third partition closed the first's file: " + out);
    assertEquals(Map.of("few=g0", 1, "few=g1", 1, "few=g2", 1), filesPerPartition(fewMapSide));
  }

  @Test
  void planConvertShowsTheChoice() throws Exception {
    Commands.Result r = Commands.run(conf, "plan", "convert", "--input", source.toString(), "--output",
        tmp.resolve("planned").toString(), "--partition-by", "k", "--columns", "id,v,s");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("map-side partitioned writing (~1,000 partitions, "), r.toString());
    assertTrue(r.out().contains("at most 32 open files a map task, each buffering a row group of at most "),
        r.toString());
    assertFalse(r.out().contains("shuffle "), r.toString());
  }

  @Test
  void aBadPartitionPlanIsExitTwoNamingTheOption() throws Exception {
    String in = source.toString();
    String out = tmp.resolve("never").toString();
    List<List<String>> bad = List.of(
        List.of("--partition-by", "k", "--partition-plan", "sideways"),
        List.of("--partition-plan", "map-side"),
        List.of("--partition-by", "k", "--sort-by", "id", "--partition-plan", "map-side"),
        List.of("--partition-by", "k", "--reducers", "2", "--partition-plan", "map-side"));
    for (List<String> options : bad) {
      List<String> args = new ArrayList<>(List.of("--input", in, "--output", out));
      args.addAll(options);
      Commands.Result r = Commands.run(conf, "convert", args.toArray(new String[0]));
      assertEquals(2, r.exitCode(), r.toString());
      assertTrue(r.err().contains("--partition-plan"), r.toString());
    }
    assertTrue(Commands.run(conf, "convert", "--input", in, "--output", out, "--partition-by", "k",
        "--partition-plan", "sideways").err().contains("'sideways' is not a plan (auto, shuffle or map-side)"));
    assertTrue(Files.notExists(Path.of(out)));
  }


}
