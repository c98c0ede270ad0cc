package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.catalog.Commit;
import io.lakemr.catalog.DataFile;
import io.lakemr.catalog.Operation;
import io.lakemr.catalog.TableLog;
import io.lakemr.catalog.TableSnapshot;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.testing.DuckDb;
import io.lakemr.testing.LocalJobs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compact --table table:NAME} and {@code catalog delete-partitions} on a catalog table
 * of many small Parquet files (written by DuckDB, registered, then appended to by a job): each
 * is one commit of the table's log; readers by name see the new state, {@code --as-of} the old.
 */
@Timeout(240)
class TableCompactTest {

  private static final List<String> DAYS = List.of("2026-01-01", "2026-01-02", "2026-01-03");

  @TempDir
  Path tmp;
  private Configuration conf;
  private DuckDb duck;
  private Path table;

  @BeforeEach
  void registerATableOfSmallFiles() throws Exception {
    conf = LocalJobs.conf(tmp);
    conf.set(LakemrConfig.CATALOG_DIR, tmp.resolve("catalog").toUri().toString());
    duck = new DuckDb();
    table = tmp.resolve("events");
    duck.execute("CREATE TABLE src AS SELECT i::BIGINT AS id, 's' || (i % 5) AS station, (i % 7)::BIGINT AS n, "
        + "'2026-01-0' || (1 + i % 3) AS day FROM range(3000) t(i)");
    for (int k = 0; k < 4; k++) {
      for (String day : DAYS) {
        Path dir = Files.createDirectories(table.resolve("day=" + day));
        duck.execute("COPY (SELECT * EXCLUDE (day) FROM src WHERE day = '" + day + "' AND id % 4 = " + k
            + ") TO '" + dir.resolve("f" + k + ".parquet") + "' (FORMAT parquet)");
      }
    }
    assertOk(Commands.run(conf, "catalog", "register", "events", "--location", table.toString()));
  }

  @AfterEach
  void close() throws Exception {
    duck.close();
  }

  private static Commands.Result assertOk(Commands.Result r) {
    assertEquals(0, r.exitCode(), r::toString);
    return r;
  }

  private TableLog log() throws IOException {
    return TableLog.open(conf, new org.apache.hadoop.fs.Path(table.toUri()));
  }

  /** Rows and the sum of {@code id} by day, read by name (as of a commit when given), sorted. */
  private List<String> byDay(String... asOf) throws Exception {
    Path out = tmp.resolve("by-day-" + System.nanoTime());
    List<String> args = new ArrayList<>(List.of("--input", "table:events", "--group-by", "day",
        "--agg", "count(*),sum(id)", "--output", out.toString(), "--output-format", "csv"));
    if (asOf.length > 0) {
      args.addAll(List.of("--as-of", asOf[0]));
    }
    assertOk(Commands.run(conf, "aggregate", args.toArray(new String[0])));
    List<String> lines = new ArrayList<>();
    try (Stream<Path> files = Files.list(out)) {
      for (Path p : files.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
        Files.readAllLines(p, StandardCharsets.UTF_8).stream().filter(l -> l.startsWith("2026")).forEach(lines::add);
      }
    }
    lines.sort(null);
    return lines;
  }

  /** What {@link #byDay} should give for some days, computed by DuckDB from the source rows. */
  private List<String> expected(String... days) throws Exception {
    List<String> out = new ArrayList<>();
    for (List<Object> row : duck.query("SELECT day, count(*), sum(id) FROM src GROUP BY day ORDER BY day")) {
      if (List.of(days).contains(row.get(0).toString())) {
        out.add(row.get(0) + "," + row.get(1) + "," + row.get(2));
      }
    }
    return out;
  }

  /**
   * Counts and sums by day as an engine that lists the table's directory sees them (DuckDB over
   * the partition directories, as Hive, Spark and Trino read a {@code catalog ddl} location).
   */
  private List<String> byDayFromAListing() throws Exception {
    List<String> out = new ArrayList<>();
    for (List<Object> row : duck.query("SELECT day, count(*), sum(id) FROM read_parquet('" + table
        + "/day=*/*.parquet', hive_partitioning = true) GROUP BY day ORDER BY day")) {
      out.add(row.get(0) + "," + row.get(1) + "," + row.get(2));
    }
    return out;
  }

  private List<String> everyDay() throws Exception {
    return expected(DAYS.toArray(new String[0]));
  }

  @Test
  void compactsTheSmallFilesOfATableInOneCommit() throws Exception {
    Path more = tmp.resolve("more");
    duck.execute("INSERT INTO src SELECT i::BIGINT, 's' || (i % 5), (i % 7)::BIGINT, '2026-01-0' || (1 + i % 3) "
        + "FROM range(3000, 3600) t(i)");
    duck.execute("COPY (SELECT * FROM src WHERE id >= 3000) TO '" + more + "' (FORMAT parquet, PARTITION_BY (day))");
    assertOk(Commands.run(conf, "convert", "--input", more.toString(), "--partition-by", "day",
        "--output", "table:events", "--mode", "append"));
    long before = log().latestVersion();
    TableSnapshot old = log().snapshot();
    assertEquals(15, old.files().size(), old.files()::toString);
    assertEquals(everyDay(), byDay());

    Commands.Result r = assertOk(Commands.run(conf, "compact", "--table", "table:events",
        "--target-file-size", "1m", "--where", "day <> '2026-01-03'"));
    assertTrue(r.out().contains("table:events: commit " + (before + 1) + " (compact"), r::toString);

    TableLog log = log();
    assertEquals(before + 1, log.latestVersion(), "exactly one commit");
    Commit c = log.readCommit(before + 1);
    assertEquals(Operation.COMPACT, c.operation());
    assertEquals(10, c.removed().size(), c.removed()::toString);
    assertTrue(c.removed().stream().noneMatch(f -> f.startsWith("day=2026-01-03/")), c.removed()::toString);
    assertEquals(2, c.added().size(), c.added()::toString);
    TableSnapshot now = log.snapshot();
    assertEquals(7, now.files().size(), "two compacted partitions of one file, the other's five untouched");
    for (String removed : c.removed()) {
      assertFalse(Files.exists(table.resolve(removed)), removed + " is out of sight of a listing");
      assertTrue(Files.exists(table.resolve(TableLog.REMOVED_DIR).resolve(Long.toString(c.version()))
          .resolve(removed)), removed + " is under " + TableLog.REMOVED_DIR);
    }
    assertEquals(everyDay(), byDay());
    assertEquals(everyDay(), byDay(Long.toString(before)));
    assertEquals(everyDay(), byDayFromAListing(), "a listing sees the compacted table, not old and new files");
    TableSnapshot asOf = log.snapshotAt(before);
    for (DataFile f : asOf.files()) {
      assertTrue(Files.exists(Path.of(asOf.resolve(conf, f).toUri())), f.path());
    }

    r = assertOk(Commands.run(conf, "compact", "--table", "table:events", "--target-file-size", "1m",
        "--where", "day <> '2026-01-03'"));
    assertTrue(r.out().contains("nothing to compact"), r::toString);
    assertEquals(before + 1, log().latestVersion());

    assertOk(Commands.run(conf, "convert", "--input", more.toString(), "--partition-by", "day",
        "--output", "table:events", "--mode", "overwrite"));
    List<String> onlyMore = new ArrayList<>();
    for (List<Object> row : duck.query("SELECT day, count(*), sum(id) FROM src WHERE id >= 3000 GROUP BY day "
        + "ORDER BY day")) {
      onlyMore.add(row.get(0) + "," + row.get(1) + "," + row.get(2));
    }
    assertEquals(onlyMore, byDayFromAListing(), "after an overwrite a listing sees the new files only");
  }

  @Test
  void aCompactionWhoseFilesWereRemovedMeanwhileFailsAndDeletesItsNewFiles() throws Exception {
    TableLog log = log();
    TableSnapshot base = log.snapshot();
    List<DataFile> rewritten = base.partitions().get("day=2026-01-01");
    TableOutput output = TableOutput.rewriting("table:events", log, base, rewritten);
    // a finished job's file, published into the table before its commit
    Path staging = Files.createDirectories(tmp.resolve("staging").resolve("day=2026-01-01"));
    Files.copy(table.resolve(rewritten.get(0).path()), staging.resolve("part-new.parquet"));
    Path published = table.resolve("day=2026-01-01").resolve("part-new.parquet");
    Files.copy(staging.resolve("part-new.parquet"), published);
    output.recordStaged(FileSystem.getLocal(conf), new org.apache.hadoop.fs.Path(staging.getParent().toString()));

    assertOk(Commands.run(conf, "catalog", "delete-partitions", "events", "--where", "day = '2026-01-01'"));
    IOException e = assertThrows(IOException.class, () -> output.commit(conf));
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    assertTrue(e.getMessage().contains("conflicts with commit 2 (delete-partitions)"), e.getMessage());
    assertFalse(Files.exists(published), "the new file is deleted");
    assertEquals(2, log().latestVersion());
  }

  @Test
  void deletePartitionsRemovesExactlyTheMatchingOnesInOneCommit() throws Exception {
    Commands.Result r = assertOk(Commands.run(conf, "catalog", "delete-partitions", "events",
        "--where", "day = '2026-01-01' OR day = '2026-01-03'"));
    assertTrue(r.out().contains("deleted 2 partitions of events (8 files, 2000 rows) in commit 2"), r::toString);
    Commit c = log().readCommit(2);
    assertEquals(Operation.DELETE_PARTITIONS, c.operation());
    assertEquals(8, c.removed().size());
    assertTrue(c.removed().stream().noneMatch(f -> f.startsWith("day=2026-01-02/")), c.removed()::toString);
    assertEquals(expected("2026-01-02"), byDay());
    assertEquals(everyDay(), byDay("1"));
    assertTrue(Files.exists(table.resolve(TableLog.REMOVED_DIR).resolve("2").resolve(c.removed().get(0))));

    Commands.Result other = Commands.run(conf, "catalog", "delete-partitions", "events", "--where", "id > 5");
    assertEquals(2, other.exitCode(), other::toString);
    assertTrue(other.err().startsWith("lakemr catalog: --where: column 'id' is not a partition column of events; "),
        other::toString);

    Commands.Result none = assertOk(Commands.run(conf, "catalog", "delete-partitions", "events",
        "--where", "day = '2026-01-01'"));
    assertTrue(none.out().contains("nothing was committed"), none::toString);
    assertEquals(2, log().latestVersion(), "no commit for a filter matching nothing");
  }
}
