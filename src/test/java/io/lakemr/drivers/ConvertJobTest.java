package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakemr.testing.DuckDb;
import io.lakemr.testing.LocalJobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convert} on the local job runner over Parquet written by DuckDB (every type lakemr
 * reads, nulls, several files and row groups, so several map tasks), read back by DuckDB:
 * every value equal to the source's, one file per partition after the shuffle, files rolled
 * by rows in a map-only run, filter, derived columns and column choice, order within files,
 * overwrite-partitions, and refusals (exit 2, one line).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConvertJobTest {

  private static final int ROWS = 6_000;
  private static final String COLUMNS = "id, i, b, f, d, s, dt, ts, bin, n";
  private static final Pattern PART_FILE = Pattern.compile("part-([mr])-(\\d{5})(?:-(\\d+))?\\.parquet");

  @TempDir
  static Path tmp;
  private Configuration conf;
  private DuckDb duck;
  private Path source;
  private int runs;

  @BeforeAll
  void writeSource() throws Exception {
    conf = LocalJobs.conf(tmp);
    duck = new DuckDb();
    duck.execute("SET TimeZone = 'UTC'");
    source = Files.createDirectories(tmp.resolve("source"));
    duck.execute("CREATE TABLE src AS SELECT i::BIGINT AS id, "
        + "CASE WHEN i % 17 = 0 THEN NULL ELSE (hash(i) % 200000)::INTEGER - 100000 END AS i, "
        + "CASE WHEN i % 13 = 0 THEN NULL ELSE i % 3 = 0 END AS b, "
        + "((hash(i * 3) % 100000)::FLOAT / 7.0)::FLOAT AS f, "
        + "CASE WHEN i % 19 = 0 THEN NULL ELSE (hash(i * 5) % 1000003)::DOUBLE / 9973.0 END AS d, "
        + "CASE WHEN i % 23 = 0 THEN NULL WHEN i % 7 = 0 THEN 'δ-' || i ELSE 's' || (i % 97) END AS s, "
        + "(DATE '2020-01-01' + (i % 1500)::INTEGER) AS dt, "
        + "epoch_ms(1767225600000 + (hash(i * 7) % 2592000000)::BIGINT)::TIMESTAMPTZ AS ts, "
        + "CASE WHEN i % 11 = 0 THEN NULL ELSE encode('b' || i) END AS bin, "
        + "CASE WHEN i % 29 = 0 THEN NULL ELSE (hash(i * 11) % 50)::INTEGER END AS n, "
        + "CASE WHEN i % 31 = 0 THEN NULL ELSE 'p' || (i % 4) END AS part "
        + "FROM range(" + ROWS + ") t(i)");
    duck.execute("COPY (SELECT * FROM src WHERE id < 3500) TO '" + source.resolve("a.parquet")
        + "' (FORMAT parquet, ROW_GROUP_SIZE 1000)");
    duck.execute("COPY (SELECT * FROM src WHERE id >= 3500) TO '" + source.resolve("b.parquet")
        + "' (FORMAT parquet, ROW_GROUP_SIZE 1000)");
  }

  @AfterAll
  void close() throws Exception {
    duck.close();
  }

  private Commands.Result convert(String... args) throws Exception {
    return Commands.run(conf, "convert", args);
  }

  private Path newOutput() {
    return tmp.resolve("out-" + runs++);
  }

  /** Loads a Parquet output into table {@code name}, partition directories as text columns. */
  private void load(String name, Path out) throws Exception {
    duck.execute("CREATE OR REPLACE TABLE " + name + " AS SELECT * FROM read_parquet('" + out
        + "/**/*.parquet', hive_partitioning = true, hive_types_autocast = false)");
  }

  /** Rows of {@code a} missing from {@code b}, counted as a multiset. */
  private long missing(String a, String b) throws Exception {
    return (Long) duck.query("SELECT count(*) FROM (" + a + " EXCEPT ALL " + b + ")").get(0).get(0);
  }

  private void assertSameRows(String expected, String got) throws Exception {
    assertEquals(0, missing(expected, got), "rows of the source missing from the output");
    assertEquals(0, missing(got, expected), "rows of the output not in the source");
  }

  private static JsonNode summary(Path out) throws IOException {
    return new ObjectMapper().readTree(out.resolve(JobSummary.FILE_NAME).toFile());
  }

  /** The data files under a directory, by path relative to it. */
  private static List<Path> dataFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".parquet")).map(dir::relativize).sorted().toList();
    }
  }

  @Test
  void partitionedParquetHoldsEveryValueOfTheSourceInOneFilePerPartition() throws Exception {
    Path out = newOutput();
    Commands.Result r = convert("--input", source.toString(), "--output", out.toString(), "--partition-by", "part",
        "--reducers", "2");
    assertEquals(0, r.exitCode(), r.toString());
    load("converted", out);
    String partition = "CASE WHEN part = '__HIVE_DEFAULT_PARTITION__' THEN NULL ELSE part END";
    assertSameRows("SELECT " + COLUMNS + ", part FROM src", "SELECT " + COLUMNS + ", " + partition + " FROM converted");
    Map<String, Integer> filesPerPartition = new TreeMap<>();
    for (Path f : dataFiles(out)) {
      filesPerPartition.merge(f.getParent().toString(), 1, Integer::sum);
    }
    assertEquals(Map.of("part=__HIVE_DEFAULT_PARTITION__", 1, "part=p0", 1, "part=p1", 1, "part=p2", 1, "part=p3", 1),
        filesPerPartition, "one file per partition, whatever the number of map tasks");
    assertEquals(List.of("id: INT64", "i: INT32", "b: BOOLEAN", "f: FLOAT", "d: DOUBLE", "s: BINARY STRING",
        "dt: INT32 DATE", "ts: INT64 TIMESTAMP(MILLIS,true)", "bin: BINARY", "n: INT32"),
        parquetColumns(out.resolve(dataFiles(out).get(0))), "types kept, partition column left out");
    JsonNode s = summary(out);
    String plan = s.get("plan").asText();
    assertTrue(plan.startsWith("shuffle by partition, 2 reducers (~5 partitions, ")
        && plan.endsWith(" input: at most 16 per reducer)"), plan);
    assertEquals("shuffle", s.get("partition_plan").asText());
    assertEquals(ROWS, s.get("rows").get("read").asLong());
    assertEquals(0, s.get("rows").get("filtered_out").asLong());
    assertEquals(ROWS, s.get("rows").get("written").asLong());
    assertEquals(5, s.get("partitions").size());
    long sum = 0;
    for (JsonNode p : s.get("partitions")) {
      sum += p.get("rows").asLong();
    }
    assertEquals(ROWS, sum);
    assertTrue(r.out().contains("plan         shuffle by partition, 2 reducers"), r.out());
  }

  /** The columns of a Parquet file as parquet-java reads its footer: name, physical type, logical type. */
  private List<String> parquetColumns(Path file) throws IOException {
    List<String> out = new ArrayList<>();
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
        new org.apache.hadoop.fs.Path(file.toUri()), conf))) {
      for (Type t : r.getFooter().getFileMetaData().getSchema().getFields()) {
        PrimitiveType p = t.asPrimitiveType();
        LogicalTypeAnnotation logical = p.getLogicalTypeAnnotation();
        out.add(p.getName() + ": " + p.getPrimitiveTypeName() + (logical == null ? "" : " " + logical));
      }
    }
    return out;
  }

  @Test
  void mapOnlyRollsFilesAtTheRowLimit() throws Exception {
    Path out = newOutput();
    Configuration small = new Configuration(conf);
    small.setLong("mapreduce.input.fileinputformat.split.maxsize", 16 * 1024); // a task per row group or two
    Commands.Result r = Commands.run(small, "convert", "--input", source.toString(), "--output", out.toString(),
        "--max-rows-per-file", "700");
    assertEquals(0, r.exitCode(), r.toString());
    List<Path> files = dataFiles(out);
    Map<String, List<Long>> rowsByTask = new TreeMap<>();
    for (Path f : files) {
      Matcher m = PART_FILE.matcher(f.toString());
      assertTrue(m.matches(), "a map task's file name: " + f);
      assertEquals("m", m.group(1));
      long rows = (Long) duck.query("SELECT count(*) FROM read_parquet('" + out.resolve(f) + "')").get(0).get(0);
      List<Long> task = rowsByTask.computeIfAbsent(m.group(2), k -> new ArrayList<>());
      int seq = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
      while (task.size() <= seq) {
        task.add(-1L);
      }
      task.set(seq, rows);
    }
    assertTrue(rowsByTask.size() >= 2, "several map tasks: " + rowsByTask);
    long total = 0;
    for (List<Long> task : rowsByTask.values()) {
      for (int k = 0; k < task.size(); k++) {
        // every file but a task's last is full
        assertEquals(k < task.size() - 1 ? 700 : Math.min(700, task.get(k)), task.get(k), rowsByTask.toString());
        assertTrue(task.get(k) > 0, rowsByTask.toString());
        total += task.get(k);
      }
    }
    assertEquals(ROWS, total);
    assertTrue(files.size() >= ROWS / 700, files.toString());
    assertEquals("map-only", summary(out).get("plan").asText());
    load("rolled", out);
    assertSameRows("SELECT " + COLUMNS + ", part FROM src", "SELECT " + COLUMNS + ", part FROM rolled");
  }

  @Test
  void manySmallFilesGiveAboutAsManyFilesAsTheirBytesCallFor() throws Exception {
    Path many = Files.createDirectories(tmp.resolve("many-small"));
    for (int k = 0; k < 120; k++) {
      duck.execute("COPY (SELECT * FROM src WHERE id % 120 = " + k + ") TO '" + many.resolve("f" + k + ".parquet")
          + "' (FORMAT parquet)");
    }
    long bytes;
    try (Stream<Path> s = Files.list(many)) {
      bytes = s.mapToLong(p -> p.toFile().length()).sum();
    }
    long target = 128 * 1024;
    Path out = newOutput();
    Commands.Result r = convert("--input", many.toString(), "--output", out.toString(), "--target-file-size",
        String.valueOf(target));
    assertEquals(0, r.exitCode(), r.toString());
    List<Path> files = dataFiles(out);
    assertTrue(files.size() <= bytes / target + 1, files.size() + " files for " + bytes + " bytes of input");
    assertTrue(files.size() >= 2, "still several tasks: " + files);
    load("packed", out);
    assertSameRows("SELECT " + COLUMNS + ", part FROM src", "SELECT " + COLUMNS + ", part FROM packed");
  }

  @Test
  void whereDeriveAndColumnsChooseRowsAndColumnsInOrder() throws Exception {
    Path out = newOutput();
    Commands.Result r = convert("--input", source.toString(), "--output", out.toString(), "--columns", "s,id",
        "--where", "d > 50 AND part <> 'p3'", "--derive", "d2=d * 2", "--derive", "big=i > 0");
    assertEquals(0, r.exitCode(), r.toString());
    List<String> names = new ArrayList<>();
    for (List<Object> row : duck.query("DESCRIBE SELECT * FROM read_parquet('" + out + "/*.parquet')")) {
      names.add((String) row.get(0));
    }
    assertEquals(List.of("s", "id", "d2", "big"), names);
    String where = "WHERE d > 50 AND part <> 'p3'";
    assertSameRows("SELECT s, id, d * 2, i > 0 FROM src " + where,
        "SELECT s, id, d2, big FROM read_parquet('" + out + "/*.parquet')");
    long kept = (Long) duck.query("SELECT count(*) FROM src " + where).get(0).get(0);
    JsonNode rows = summary(out).get("rows");
    assertEquals(ROWS, rows.get("read").asLong());
    assertEquals(ROWS - kept, rows.get("filtered_out").asLong());
    assertEquals(kept, rows.get("written").asLong());
  }

  @Test
  void sortByOrdersTheRowsOfEveryFileAndOfEachPartitionsFilesInSequence() throws Exception {
    Path out = newOutput();
    Commands.Result r = convert("--input", source.toString(), "--output", out.toString(), "--partition-by", "part",
        "--sort-by", "n DESC, id", "--max-rows-per-file", "300", "--reducers", "3");
    assertEquals(0, r.exitCode(), r.toString());
    Map<String, TreeMap<Integer, Path>> sequences = new TreeMap<>();
    for (Path f : dataFiles(out)) {
      Matcher m = PART_FILE.matcher(f.getFileName().toString());
      assertTrue(m.matches(), f.toString());
      int seq = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
      sequences.computeIfAbsent(f.getParent().toString(), k -> new TreeMap<>()).put(seq, f);
    }
    assertEquals(5, sequences.size());
    Comparator<List<Object>> order = Comparator.comparing((List<Object> row) -> (Integer) row.get(0),
        Comparator.nullsLast(Comparator.reverseOrder())).thenComparing(row -> (Long) row.get(1));
    long total = 0;
    for (Map.Entry<String, TreeMap<Integer, Path>> partition : sequences.entrySet()) {
      List<List<Object>> all = new ArrayList<>();
      for (Path f : partition.getValue().values()) {
        List<List<Object>> rows = duck.query("SELECT n, id FROM read_parquet('" + out.resolve(f) + "')");
        assertTrue(rows.size() <= 300, f + " holds " + rows.size() + " rows");
        all.addAll(rows);
      }
      List<List<Object>> sorted = new ArrayList<>(all);
      sorted.sort(order);
      assertEquals(sorted, all, "rows of " + partition.getKey() + " in file order");
      total += all.size();
    }
    assertEquals(ROWS, total);
  }

  @Test
  void overwritePartitionsReplacesOnlyThePartitionsWritten() throws Exception {
    Path out = newOutput();
    Commands.Result first = convert("--input", source.toString(), "--output", out.toString(), "--partition-by", "part");
    assertEquals(0, first.exitCode(), first.toString());
    Map<Path, byte[]> before = new TreeMap<>();
    for (Path f : dataFiles(out)) {
      before.put(f, Files.readAllBytes(out.resolve(f)));
    }
    Commands.Result second = convert("--input", source.toString(), "--output", out.toString(), "--partition-by",
        "part", "--where", "part = 'p1' AND id % 3 = 0", "--mode", "overwrite-partitions");
    assertEquals(0, second.exitCode(), second.toString());
    for (Map.Entry<Path, byte[]> e : before.entrySet()) {
      if (!e.getKey().startsWith("part=p1")) {
        assertArrayEquals(e.getValue(), Files.readAllBytes(out.resolve(e.getKey())), e.getKey() + " untouched");
      }
    }
    load("replaced", out);
    String partition = "CASE WHEN part = '__HIVE_DEFAULT_PARTITION__' THEN NULL ELSE part END";
    assertSameRows("SELECT " + COLUMNS + ", part FROM src WHERE part IS DISTINCT FROM 'p1' OR id % 3 = 0",
        "SELECT " + COLUMNS + ", " + partition + " FROM replaced");
    JsonNode parts = summary(out).get("partitions");
    assertEquals(1, parts.size(), parts.toString());
    assertEquals("part=p1/", parts.get(0).get("path").asText());
  }

  @Test
  void refusesAnOutputInsideTheInput() throws Exception {
    Path inside = source.resolve("converted");
    Commands.Result r = convert("--input", source.toString(), "--output", inside.toString());
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().lines().anyMatch(l -> l.startsWith("lakemr convert: --output ") && l.contains("input")),
        r.err());
    assertFalse(Files.exists(inside));
  }

  @Test
  void badOptionsFailBeforeTheJobWithOneLine() throws Exception {
    String in = source.toString();
    String[][] cases = {
        {"--sort-by", "n sideways", "--sort-by: bad direction 'sideways'"},
        {"--target-file-size", "12x", "--target-file-size: '12x' is not a size"},
        {"--columns", "nope", "--columns: unknown column 'nope'"},
        {"--partition-by", "part", "--sort-by", "part", "--sort-by: column 'part' is a partition column"},
        {"--reducers", "2", "--reducers needs --partition-by or --sort-by"},
        {"--max-rows-per-file", "0", "--max-rows-per-file: 0 is below"},
        {"--output-format", "xml", "xml"},
        {"--partition-by", "part,part", "--partition-by: column 'part' appears twice"},
        {"--derive", "s=d * 2", "--derive: column 's' already exists"},
        {"--where", "d +", "--where"},
    };
    for (String[] c : cases) {
      Path out = newOutput();
      List<String> args = new ArrayList<>(List.of("--input", in, "--output", out.toString()));
      args.addAll(List.of(c).subList(0, c.length - 1));
      Commands.Result r = convert(args.toArray(new String[0]));
      assertEquals(2, r.exitCode(), r.toString());
      List<String> lines = r.err().lines().filter(l -> l.startsWith("lakemr convert: ")).toList();
      assertEquals(1, lines.size(), r.err());
      assertTrue(lines.get(0).contains(c[c.length - 1]), lines.get(0));
      assertFalse(r.err().contains("\tat "), r.err());
      assertFalse(Files.exists(out), "nothing written for " + List.of(c));
      try (Stream<Path> beside = Files.list(tmp)) {
        String prefix = out.getFileName() + "-";
        assertEquals(List.of(), beside.map(p -> p.getFileName().toString())
            .filter(n -> n.startsWith(".lakemr-") && n.contains(prefix)).toList(), "nothing beside the output");
      }
    }
  }
}
