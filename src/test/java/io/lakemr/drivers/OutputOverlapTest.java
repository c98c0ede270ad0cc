package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.testing.Csv;
import io.lakemr.testing.LocalJobs;
import io.lakemr.testing.ParquetFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * An output that is, holds, or sits inside an input is refused before anything runs, in every
 * write mode and however the paths are spelled, and the input stays byte for byte as it was.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutputOverlapTest {

  @TempDir
  static Path tmp;
  private Configuration conf;
  private Path lake;
  private Path raw;
  private Map<String, byte[]> before;

  @BeforeAll
  void writeInput() throws Exception {
    conf = LocalJobs.conf(tmp);
    lake = Files.createDirectories(tmp.resolve("lake")).toRealPath();
    raw = Files.createDirectories(lake.resolve("raw"));
    Path day = Files.createDirectories(raw.resolve("date=2026-01-01"));
    ParquetFiles.write(day.resolve("a.parquet"), OutputFormatsJobTest.SCHEMA,
        OutputFormatsJobTest.events(new String[] {"x", "y"}, 50, 1), CompressionCodecName.SNAPPY, 32 * 1024);
    Files.createSymbolicLink(tmp.resolve("link-to-raw"), raw);
    Files.createSymbolicLink(tmp.resolve("link-to-lake"), lake);
    before = snapshot(lake);
  }

  /** (input as given, output as given, what the message must say) */
  Stream<Arguments> overlapping() {
    String r = raw.toString();
    String relative = Paths.get("").toAbsolutePath().relativize(raw).toString();
    String link = tmp.resolve("link-to-raw").toString();
    return Stream.of(
        Arguments.of(r, r, "is the input"),
        Arguments.of(r, r + "/agg", "is inside the input"),
        Arguments.of(r + "/date=2026-01-01", r, "contains the input"),
        Arguments.of(r, r + "/date=2026-01-01/agg", "is inside the input"),
        Arguments.of(r, relative, "is the input"),
        Arguments.of(relative, r + "/agg", "is inside the input"),
        Arguments.of("file:" + r, r, "is the input"),
        Arguments.of(r, "file://" + r + "/", "is the input"),
        Arguments.of(r + "/", r, "is the input"),
        Arguments.of(r, r + "/date=2026-01-01/../.", "is the input"),
        Arguments.of(lake + "/./raw/../raw", r + "/out", "is inside the input"),
        Arguments.of(lake + "/*", lake + "/new", "is matched by the input glob"),
        Arguments.of(lake + "/r?w/date=*", r + "/date=2026-01-01/agg", "is inside a path matched by the input glob"),
        Arguments.of(lake + "/raw/date={2026-01-01,2026-01-02}", lake.toString(), "would contain paths matched by the input glob"),
        Arguments.of(lake + "/*/date=*", r + "/date=2026-09-09", "is matched by the input glob"),
        Arguments.of(link, r + "/agg", "is inside the input"),
        Arguments.of(r, link + "/agg", "is inside the input"),
        Arguments.of(tmp.resolve("link-to-lake") + "/raw", r, "is the input"),
        Arguments.of(lake + "/elsewhere," + r, r + "/x/y", "is inside the input"));
  }

  @ParameterizedTest(name = "input {0}, output {1}")
  @MethodSource("overlapping")
  void refusesEveryOverlapInEveryMode(String input, String output, String says) throws Exception {
    Files.createDirectories(lake.resolve("elsewhere"));
    for (String mode : List.of("error", "overwrite", "overwrite-partitions", "append")) {
      Commands.Result r = Commands.run(conf, "aggregate", "--input", input, "--format", "parquet",
          "--group-by", "tag", "--agg", "count(*)", "--partition-by", "tag", "--output", output, "--mode", mode);
      assertEquals(2, r.exitCode(), r.toString());
      String last = lastLine(r.err(), "lakemr aggregate: --output");
      assertTrue(last.contains(says), last);
      assertTrue(last.contains(input.split(",")[input.contains(",") ? 1 : 0]), "names the input: " + last);
      assertFalse(r.err().contains("\tat "), r.err());
    }
    Files.delete(lake.resolve("elsewhere"));
    assertEquals(before.keySet(), snapshot(lake).keySet(), "nothing was created or removed in the lake");
    Map<String, byte[]> now = snapshot(lake);
    for (Map.Entry<String, byte[]> e : before.entrySet()) {
      assertTrue(Arrays.equals(e.getValue(), now.get(e.getKey())), e.getKey() + " changed");
    }
  }

  @Test
  void outputsBesideTheInputAreFine() throws Exception {
    // "raw-agg" starts with "raw" but is not inside it; "a" beside the glob's matches is not matched
    Path out = lake.resolve("raw-agg");
    Commands.Result r = Commands.run(conf, "aggregate", "--input", raw.toString(), "--group-by", "tag",
        "--agg", "count(*)", "--output", out.toString(), "--output-format", "csv");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(List.of(List.of("x", "50"), List.of("y", "50")), Csv.readParts(out, List.of("tag", "count")));
    Commands.Result g = Commands.run(conf, "aggregate", "--input", lake + "/r*/date=2026-01-0?", "--group-by", "tag",
        "--agg", "count(*)", "--output", lake.resolve("agg-of-glob").toString(), "--output-format", "csv");
    assertEquals(0, g.exitCode(), g.toString());
  }

  /**
   * A staging directory beside or inside an input, left by another run, is never read: its
   * name starts with a dot. The table here holds 100 rows; the staged file adds 500 more.
   */
  @Test
  void stagingDirectoriesAreNeverInput() throws Exception {
    Path table = Files.createDirectories(tmp.resolve("staged-table"));
    ParquetFiles.write(table.resolve("a.parquet"), OutputFormatsJobTest.SCHEMA,
        OutputFormatsJobTest.events(new String[] {"x", "y"}, 50, 1), CompressionCodecName.SNAPPY, 32 * 1024);
    for (String hidden : List.of(".lakemr-staging-out-0123abcd", ".lakemr-scratch-out-0123abcd/distinct-stage",
        ".lakemr-old-out-0123abcd")) {
      Path dir = Files.createDirectories(table.resolve(hidden));
      ParquetFiles.write(dir.resolve("part-r-00000.parquet"), OutputFormatsJobTest.SCHEMA,
          OutputFormatsJobTest.events(new String[] {"x"}, 500, 2), CompressionCodecName.SNAPPY, 32 * 1024);
    }
    for (String input : List.of(table.toString(), table + "/*", table + "/{a.parquet,.lakemr-staging-out-0123abcd}")) {
      Path out = tmp.resolve("staged-out-" + Math.abs(input.hashCode()));
      Commands.Result r = Commands.run(conf, "aggregate", "--input", input, "--format", "parquet",
          "--agg", "count(*)", "--output", out.toString(), "--output-format", "csv");
      assertEquals(0, r.exitCode(), r.toString());
      assertEquals(List.of(List.of("100")), Csv.readParts(out, List.of("count")), input);
    }
  }

  private static String lastLine(String err, String prefix) {
    List<String> lines = new ArrayList<>(err.lines().toList());
    for (int i = lines.size() - 1; i >= 0; i--) {
      if (lines.get(i).startsWith(prefix)) {
        return lines.get(i);
      }
    }
    throw new AssertionError("no line starting with '" + prefix + "' in\n" + err);
  }

  private static Map<String, byte[]> snapshot(Path dir) throws Exception {
    Map<String, byte[]> out = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.toList()) {
        out.put(dir.relativize(p).toString(), Files.isRegularFile(p) ? Files.readAllBytes(p) : new byte[0]);
      }
    }
    return out;
  }
}
