package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.testing.DuckDb;
import io.lakemr.testing.LocalJobs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compact} on the local job runner over Parquet tables written by DuckDB in many small
 * files: the partitions with small files are rewritten into one file each, every row kept
 * (DuckDB compares the table before and after), the other partitions untouched, byte for byte
 * and in time; {@code --where} chooses partitions; a filter on other columns, and a rewrite
 * that would change a column's type, are refused with the table unchanged.
 */
class CompactTest {

  @TempDir
  Path tmp;
  private Configuration conf;
  private DuckDb duck;
  private Path table;

  @BeforeEach
  void writeTable() throws Exception {
    conf = LocalJobs.conf(tmp);
    duck = new DuckDb();
    table = tmp.resolve("events");
    duck.execute("CREATE TABLE src AS SELECT i::BIGINT AS id, 's' || (i % 5) AS station, "
        + "(hash(i) % 10000)::DOUBLE / 16 AS v, (i % 3)::INTEGER AS n, i % 2 = 0 AS even, "
        + "'2026-01-0' || (1 + i % 3) AS day FROM range(3000) t(i)");
    // day 1 and day 3 in six small files each, day 2 in one
    for (int k = 0; k < 6; k++) {
      for (String day : List.of("2026-01-01", "2026-01-03")) {
        writePart(day, "i" + k, "day = '" + day + "' AND id % 6 = " + k);
      }
    }
    writePart("2026-01-02", "all", "day = '2026-01-02'");
  }

  private void writePart(String day, String name, String where) throws Exception {
    Path dir = Files.createDirectories(table.resolve("day=" + day));
    duck.execute("COPY (SELECT * EXCLUDE (day) FROM src WHERE " + where + ") TO '" + dir.resolve(name + ".parquet")
        + "' (FORMAT parquet)");
  }

  @AfterEach
  void close() throws Exception {
    duck.close();
  }

  private Commands.Result compact(String... args) throws Exception {
    return Commands.run(conf, "compact", args);
  }

  /** The data files of a partition with their modification times. */
  private Map<String, FileTime> files(String partition) throws IOException {
    Map<String, FileTime> out = new TreeMap<>();
    try (Stream<Path> s = Files.list(table.resolve(partition))) {
      for (Path p : s.filter(p -> p.toString().endsWith(".parquet")).toList()) {
        out.put(p.getFileName().toString(), Files.getLastModifiedTime(p));
      }
    }
    return out;
  }

  private void assertTableHoldsTheSourceRows() throws Exception {
    String now = "SELECT id, station, v, n, even, day FROM read_parquet('" + table
        + "/*/*.parquet', hive_partitioning = true, hive_types_autocast = false)";
    String src = "SELECT id, station, v, n, even, day FROM src";
    for (String[] pair : new String[][] {{src, now}, {now, src}}) {
      assertEquals(0L, duck.query("SELECT count(*) FROM (" + pair[0] + " EXCEPT ALL " + pair[1] + ")").get(0).get(0),
          "rows differ between the source and the compacted table");
    }
  }

  @Test
  void rewritesOnlyThePartitionsWithSmallFilesIntoOneFileEach() throws Exception {
    Map<String, FileTime> day2 = files("day=2026-01-02");
    Commands.Result r = compact("--table", table.toString(), "--target-file-size", "1m");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.err().contains("rewriting 2 of 3 partitions"), r.err());
    assertEquals(1, files("day=2026-01-01").size(), files("day=2026-01-01").toString());
    assertEquals(1, files("day=2026-01-03").size(), files("day=2026-01-03").toString());
    assertEquals(day2, files("day=2026-01-02"), "a partition with one file is not touched");
    assertTableHoldsTheSourceRows();
    try (Stream<Path> beside = Files.list(tmp)) {
      assertEquals(List.of(), beside.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".lakemr-"))
          .toList(), "nothing left beside the table");
    }

    r = compact("--table", table.toString(), "--target-file-size", "1m");
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.out().contains("nothing to compact"), r.out());
  }

  @Test
  void whereChoosesPartitionsAndMayNameNothingElse() throws Exception {
    Map<String, FileTime> day1 = files("day=2026-01-01");
    Commands.Result r = compact("--table", table.toString(), "--where", "day = '2026-01-03'");
    assertEquals(0, r.exitCode(), r.toString());
    assertEquals(1, files("day=2026-01-03").size());
    assertEquals(day1, files("day=2026-01-01"), "left out by --where");
    assertTableHoldsTheSourceRows();

    r = compact("--table", table.toString(), "--where", "v > 3");
    assertEquals(2, r.exitCode(), r.toString());
    List<String> told = r.err().lines().filter(l -> l.startsWith("lakemr compact:")).toList();
    assertEquals(1, told.size(), r.err());
    assertTrue(told.get(0).startsWith("lakemr compact: --where: column 'v' is not a partition column"), r.err());
    assertEquals(day1, files("day=2026-01-01"));
  }

  @Test
  void aRewriteThatWouldChangeAColumnsTypeIsRefusedAndChangesNothing() throws Exception {
    // DuckDB's TINYINT is INT32 annotated INT(8): lakemr reads it as an int and would write plain INT32
    Path other = tmp.resolve("tiny");
    Files.createDirectories(other);
    for (int k = 0; k < 3; k++) {
      duck.execute("COPY (SELECT (i % 100)::TINYINT AS t, i::BIGINT AS id FROM range(" + (k * 100) + ", "
          + (k * 100 + 100) + ") t(i)) TO '" + other.resolve("f" + k + ".parquet") + "' (FORMAT parquet)");
    }
    Commands.Result r = compact("--table", other.toString());
    assertEquals(1, r.exitCode(), r.toString());
    List<String> told = r.err().lines().filter(l -> l.startsWith("lakemr compact:")).toList();
    assertEquals(1, told.size(), r.err());
    assertTrue(told.get(0).contains("would change its columns"), told.get(0));
    try (Stream<Path> s = Files.list(other)) {
      assertEquals(List.of("f0.parquet", "f1.parquet", "f2.parquet"),
          s.map(p -> p.getFileName().toString()).sorted().toList(), "the table is unchanged");
    }
    try (Stream<Path> beside = Files.list(tmp)) {
      assertFalse(beside.anyMatch(p -> p.getFileName().toString().startsWith(".lakemr-")), "nothing left beside");
    }
  }
}
