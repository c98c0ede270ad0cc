package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.testing.DuckDb;
import io.lakemr.testing.LocalJobs;
import io.lakemr.testing.ParquetFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convert --per-file} on the local job runner: one output file per input file at its
 * relative path, each holding exactly its input's rows, even when the split size would cut the
 * inputs into many splits; {@code --skip-existing} resumes, rewriting only what is missing or
 * older than its input; and the options it cannot honour are refused before the job.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PerFileConvertTest {

  /** A split size far below each input file's size: without whole-file splits each would be cut. */
  private static final String SMALL_SPLITS = "mapreduce.input.fileinputformat.split.maxsize=4096";

  @TempDir
  static Path tmp;
  private Configuration conf;
  private DuckDb duck;
  private Path parquetIn;
  private final Map<String, Long> rowsPerInput = new TreeMap<>();

  @BeforeAll
  void writeInputs() throws Exception {
    conf = LocalJobs.conf(tmp);
    duck = new DuckDb();
    parquetIn = tmp.resolve("parquet-in");
    duck.execute("CREATE TABLE src AS SELECT i AS id, 's' || (i % 7) AS s, (hash(i) % 1000)::DOUBLE / 8 AS v "
        + "FROM range(9000) t(i)");
    String[][] files = {{"2026/01/a.parquet", "0", "4000"}, {"2026/01/b.parquet", "4000", "7000"},
        {"2026/02/c.parquet", "7000", "9000"}, {"top.parquet", "100", "150"}};
    for (String[] f : files) {
      Path p = parquetIn.resolve(f[0]);
      Files.createDirectories(p.getParent());
      duck.execute("COPY (SELECT * FROM src WHERE id >= " + f[1] + " AND id < " + f[2] + ") TO '" + p
          + "' (FORMAT parquet, ROW_GROUP_SIZE 500)");
      rowsPerInput.put(f[0], Long.parseLong(f[2]) - Long.parseLong(f[1]));
    }
  }

  @AfterAll
  void close() throws Exception {
    duck.close();
  }

  private Commands.Result convert(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("-D", SMALL_SPLITS));
    all.addAll(List.of(args));
    return Commands.run(conf, "convert", all.toArray(new String[0]));
  }

  /** The data files under a directory, relative to it, with their modification times. */
  private static Map<String, FileTime> dataFiles(Path dir) throws IOException {
    Map<String, FileTime> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(p -> p.toString().endsWith(".parquet")).toList()) {
        out.put(dir.relativize(p).toString(), Files.getLastModifiedTime(p));
      }
    }
    return out;
  }

  /** Checks each output file holds exactly the rows of the input file of its name. */
  private void assertEachOutputEqualsItsInput(Path in, Path out) throws Exception {
    for (String name : rowsPerInput.keySet()) {
      String source = "SELECT * FROM read_parquet('" + in.resolve(name) + "')";
      String converted = "SELECT * FROM read_parquet('" + out.resolve(name) + "')";
      for (String[] pair : new String[][] {{source, converted}, {converted, source}}) {
        List<List<Object>> rows = duck.query("SELECT count(*) FROM (" + pair[0] + " EXCEPT ALL " + pair[1] + ")");
        assertEquals(0L, rows.get(0).get(0), name + ": rows differ between input and output");
      }
      assertEquals(rowsPerInput.get(name), duck.query("SELECT count(*) FROM (" + converted + ")").get(0).get(0),
          name);
    }
  }

  @Test
  void eachInputFileBecomesOneOutputFileAtItsPathAndResumesWithSkipExisting() throws Exception {
    Path out = tmp.resolve("per-file-out");
    Commands.Result r = convert("--input", parquetIn.toString(), "--per-file", "--output", out.toString());
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("one output file per input file"), r.out());
    Map<String, FileTime> first = dataFiles(out);
    assertEquals(rowsPerInput.keySet(), first.keySet(), "one output per input, at its path");
    assertEachOutputEqualsItsInput(parquetIn, out);

    // an input changed since, an output lost, a new input: only those three are written again
    Path changed = parquetIn.resolve("2026/01/b.parquet");
    Thread.sleep(20);
    Files.setLastModifiedTime(changed, FileTime.fromMillis(System.currentTimeMillis()));
    Files.delete(out.resolve("2026/02/c.parquet"));
    Path added = parquetIn.resolve("2026/03/d.parquet");
    Files.createDirectories(added.getParent());
    Files.copy(parquetIn.resolve("top.parquet"), added, StandardCopyOption.COPY_ATTRIBUTES);
    Files.setLastModifiedTime(added, FileTime.fromMillis(System.currentTimeMillis()));
    rowsPerInput.put("2026/03/d.parquet", rowsPerInput.get("top.parquet"));
    Thread.sleep(20); // a later modification time than the first run's outputs
    r = convert("--input", parquetIn.toString(), "--per-file", "--mode", "append", "--skip-existing",
        "--output", out.toString());
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.err().contains("--skip-existing: leaving out 2 of 5 input files"), r.toString());
    Map<String, FileTime> second = dataFiles(out);
    assertEquals(rowsPerInput.keySet(), second.keySet());
    assertEquals(first.get("2026/01/a.parquet"), second.get("2026/01/a.parquet"), "up to date: left alone");
    assertEquals(first.get("top.parquet"), second.get("top.parquet"), "up to date: left alone");
    assertNotEquals(first.get("2026/01/b.parquet"), second.get("2026/01/b.parquet"), "older than its input");
    assertEachOutputEqualsItsInput(parquetIn, out);

    r = convert("--input", parquetIn.toString(), "--per-file", "--mode", "append", "--skip-existing",
        "--output", out.toString());
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("nothing to do"), r.out());
    assertEquals(second, dataFiles(out));
    Files.delete(added);
    rowsPerInput.remove("2026/03/d.parquet");
  }

  @Test
  void hdf5FilesBecomeParquetFilesOfTheSameRows() throws Exception {
    Path in = tmp.resolve("hdf5-in");
    Path fixture = Path.of("src/test/resources/hdf5/compound.h5");
    for (String name : List.of("2026/01/a.h5", "2026/02/b.h5")) {
      Files.createDirectories(in.resolve(name).getParent());
      Files.copy(fixture, in.resolve(name));
    }
    Path out = tmp.resolve("hdf5-out");
    Commands.Result r = convert("--input", in.toString(), "--dataset", "/table", "--columns", "status,value",
        "--per-file", "--output", out.toString());
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(List.of("2026/01/a.parquet", "2026/02/b.parquet"), new ArrayList<>(dataFiles(out).keySet()));
    for (String name : List.of("2026/01/a.parquet", "2026/02/b.parquet")) {
      // figures the fixture's generator computed from its arrays (src/test/resources/hdf5/expected.json)
      List<Object> row = duck.query("SELECT count(*), min(value), max(value), sum(value), count(DISTINCT status) "
          + "FROM read_parquet('" + out.resolve(name) + "')").get(0);
      assertEquals(10007L, row.get(0), name);
      assertEquals(2.0525050546910535, (Double) row.get(1), 0.0, name);
      assertEquals(36.8217281667592, (Double) row.get(2), 0.0, name);
      assertEquals(199363.35105716906, (Double) row.get(3), 1e-7, name);
      assertEquals(3L, row.get(4), name);
    }
  }

  /** The key-value metadata of a Parquet file's footer. */
  private Map<String, String> footer(Path file) throws IOException {
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(ParquetFiles.hadoopPath(file), conf))) {
      return r.getFooter().getFileMetaData().getKeyValueMetaData();
    }
  }

  @Test
  void theSourceAndItsAttributesTravelInTheParquetFooter() throws Exception {
    Path in = tmp.resolve("lineage-in");
    Files.createDirectories(in.resolve("2026"));
    Files.copy(Path.of("src/test/resources/hdf5/inspect.h5"), in.resolve("2026/run.h5"));
    Path out = tmp.resolve("lineage-out");
    Commands.Result r = convert("--input", in.toString(), "--dataset", "/instrument/readings", "--per-file",
        "--output", out.toString());
    assertEquals(0, r.exitCode(), r.toString());
    Map<String, String> meta = footer(out.resolve("2026/run.parquet"));
    assertEquals("convert", meta.get("lakemr.source.command"), meta.toString());
    assertEquals("hdf5", meta.get("lakemr.source.format"), meta.toString());
    assertEquals("[\"" + in + "\"]", meta.get("lakemr.source.inputs"), meta.toString());
    assertTrue(meta.get("lakemr.source.file").endsWith("/2026/run.h5"), meta.toString());
    assertTrue(meta.get("lakemr.source.table").contains("/instrument/readings"), meta.toString());
    String source = meta.get("lakemr.source.metadata");
    // the attributes the fixture's generator set on the file, the group and the dataset
    for (String attribute : List.of("\"title\":\"inspect fixture\"", "\"site\":\"Kraków\"", "\"units\":\"K\"")) {
      assertTrue(source.contains(attribute), attribute + " in " + source);
    }
  }

  @Test
  void refusesWhatPerFileCannotHonourBeforeTheJob() throws Exception {
    Path twin = tmp.resolve("twin");
    Files.createDirectories(twin);
    Files.copy(parquetIn.resolve("top.parquet"), twin.resolve("a.parquet"));
    String in = parquetIn.toString();
    String[][] cases = {
        {"--input", in, "--per-file", "--partition-by", "s", "--partition-by cannot be used with --per-file"},
        {"--input", in, "--per-file", "--target-file-size", "1m", "--target-file-size cannot be used with --per-file"},
        {"--input", in, "--per-file", "--skip-existing", "--skip-existing needs --per-file and --mode append"},
        {"--input", in, "--skip-existing", "--mode", "append", "--skip-existing needs --per-file"},
        {"--input", parquetIn.resolve("2026/01/a.parquet") + "," + twin.resolve("a.parquet"), "--per-file",
            "would both be written to a.parquet"},
    };
    for (String[] c : cases) {
      Path out = tmp.resolve("refused");
      List<String> args = new ArrayList<>(List.of(c).subList(0, c.length - 1));
      args.addAll(List.of("--output", out.toString()));
      Commands.Result r = convert(args.toArray(new String[0]));
      assertEquals(2, r.exitCode(), r.toString());
      List<String> lines = r.err().lines().filter(l -> l.startsWith("lakemr convert: ")).toList();
      assertEquals(1, lines.size(), r.err());
      assertTrue(lines.get(0).contains(c[c.length - 1]), lines.get(0));
      assertFalse(Files.exists(out), List.of(c).toString());
    }
  }
}
