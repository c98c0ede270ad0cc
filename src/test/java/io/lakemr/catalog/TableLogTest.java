package io.lakemr.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.conf.BadInputException;
import io.lakemr.formats.AtomicFiles;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The table log on the local file system: replay, checkpoints (and replay past a broken one),
 * snapshots of older versions and as of a moment, put-if-absent, the move of removed files and
 * its completion after a writer died, and what a commit may do to the schema.
 */
class TableLogTest {

  @TempDir
  File tmp;
  private final Configuration conf = Tables.conf();

  @Test
  void replayEqualsCheckpointsAndOlderVersions() throws Exception {
    TableLog log = Tables.create(conf, tmp);
    for (int i = 0; i < 24; i++) {
      log.commit(log.snapshot().newCommit(Operation.APPEND).add(Tables.entry("d" + (i % 3), "f" + i, i)));
    }
    assertEquals(25, log.latestVersion());
    File logDir = new File(tmp, TableLog.LOG_DIR);
    assertTrue(new File(logDir, LogListing.checkpointName(10)).isFile());
    assertTrue(new File(logDir, LogListing.checkpointName(20)).isFile());
    TableSnapshot latest = log.snapshot();
    assertEquals(24, latest.files().size());
    assertEquals(3, latest.partitions().size());
    assertEquals(List.of("day"), latest.partitionColumns());
    assertEquals(Tables.SCHEMA, latest.schema());
    assertEquals(8, latest.files(p -> p.get("day").equals("d1")).size());

    Files.writeString(new File(logDir, LogListing.checkpointName(20)).toPath(), "{broken", StandardCharsets.UTF_8);
    TableSnapshot replayed = TableLog.open(conf, new Path(tmp.toURI())).snapshot();
    assertEquals(latest.files(), replayed.files());
    Files.delete(new File(logDir, LogListing.checkpointName(10)).toPath());
    assertEquals(latest.files(), TableLog.open(conf, new Path(tmp.toURI())).snapshot().files());

    TableSnapshot five = log.snapshotAt(5);
    assertEquals(5, five.version());
    assertEquals(List.of("day=d0/f0", "day=d1/f1", "day=d2/f2", "day=d0/f3"),
        five.files().stream().map(DataFile::path).collect(Collectors.toList()));
    assertEquals(0 + 1 + 2 + 3, five.totalRows());
    assertEquals(25, log.history().size());
    assertThrows(BadInputException.class, () -> log.snapshotAt(26));
  }

  @Test
  void asOfFindsTheLatestCommitAtOrBeforeAMoment() throws Exception {
    TableLog log = Tables.create(conf, tmp);
    List<Commit> commits = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Thread.sleep(5);
      commits.add(log.commit(log.snapshot().newCommit(Operation.APPEND).add(Tables.entry("d", "f" + i, 1))));
    }
    Commit second = commits.get(1);
    TableSnapshot asOf = log.snapshotAsOf(second.timestamp());
    assertEquals(second.version(), asOf.version());
    assertEquals(2, asOf.files().size());
    assertEquals(second.version(), log.snapshotAsOf(commits.get(2).timestamp() - 1).version());
    assertEquals(second.version(), log.snapshotFor(Long.toString(second.version())).version());
    assertEquals(second.version(), log.snapshotFor(Instant.ofEpochMilli(second.timestamp()).toString()).version());
    assertEquals(4, log.snapshotFor(null).version());
    assertThrows(BadInputException.class, () -> log.snapshotFor("yesterday"));
    assertThrows(BadInputException.class, () -> log.snapshotFor("2000-01-01"));
    BadInputException e = assertThrows(BadInputException.class,
        () -> log.snapshotAsOf(log.readCommit(1).timestamp() - 1));
    assertTrue(e.getMessage().contains("no commit at or before"), e.getMessage());
  }

  @Test
  void putIfAbsentCreatesOnceAndRefusesOtherFileSystems() throws Exception {
    Path file = new Path(new File(tmp, "x/one.json").toURI());
    assertTrue(AtomicFiles.putIfAbsent(conf, file, "first".getBytes(StandardCharsets.UTF_8)));
    assertFalse(AtomicFiles.putIfAbsent(conf, file, "second".getBytes(StandardCharsets.UTF_8)));
    assertEquals("first", Files.readString(new File(tmp, "x/one.json").toPath()));
    assertEquals(List.of("one.json"), List.of(new File(tmp, "x").list()));
    Configuration ftp = new Configuration(conf);
    ftp.set("fs.ftp.impl", "org.apache.hadoop.fs.ftp.FTPFileSystem");
    TableLog remote = TableLog.open(ftp, new Path("ftp://127.0.0.1/lake/t"));
    BadInputException e = assertThrows(BadInputException.class,
        () -> remote.commit(PendingCommit.create(Operation.CREATE, Tables.SCHEMA, List.of("day"))));
    assertTrue(e.getMessage().contains("ftp://"), e.getMessage());
  }

  @Test
  void removedFilesAreMovedAndOlderVersionsStillFindThem() throws Exception {
    TableLog log = Tables.create(conf, tmp);
    DataFile a = Tables.write(tmp, "d1", "a.parquet");
    DataFile b = Tables.write(tmp, "d1", "b.parquet");
    log.commit(log.snapshot().newCommit(Operation.APPEND).add(a).add(b));
    DataFile c = Tables.write(tmp, "d1", "c.parquet");
    Commit compact = log.commit(log.snapshot().newCommit(Operation.COMPACT).remove(a.path()).remove(b.path()).add(c));
    assertEquals(3, compact.version());
    assertFalse(new File(tmp, a.path()).exists());
    File moved = new File(tmp, TableLog.REMOVED_DIR + "/3/" + a.path());
    assertTrue(moved.isFile());
    TableSnapshot before = log.snapshotAt(2);
    assertEquals(new Path(moved.toURI()), before.path(before.file(a.path())));
    assertEquals(new Path(moved.toURI()), before.resolve(conf, before.file(a.path())));
    assertEquals(List.of(c), log.snapshot().files());

    // a writer that died before moving: the next commit completes the move
    Files.move(moved.toPath(), new File(tmp, a.path()).toPath());
    Files.delete(new File(tmp, TableLog.REMOVED_DIR + "/3/_complete").toPath());
    assertEquals(new Path(new File(tmp, a.path()).toURI()), before.resolve(conf, before.file(a.path())));
    log.commit(log.snapshot().newCommit(Operation.APPEND).add(Tables.write(tmp, "d2", "e.parquet")));
    assertTrue(moved.isFile());
    assertFalse(new File(tmp, a.path()).exists());
  }

  @Test
  void schemaMayGainNullableColumnsAndWidenOnly() throws Exception {
    TableLog log = Tables.create(conf, tmp);
    Schema widened = new Schema.Parser().parse(Tables.SCHEMA.toString()
        .replace("\"int\"", "\"long\""));
    log.commit(log.snapshot().newCommit(Operation.APPEND).schema(widened));
    assertEquals(widened, log.snapshot().schema());
    Schema retyped = new Schema.Parser().parse(Tables.SCHEMA.toString()
        .replace("\"int\"", "\"string\""));
    BadInputException e = assertThrows(BadInputException.class,
        () -> log.commit(log.snapshot().newCommit(Operation.APPEND).schema(retyped)));
    assertTrue(e.getMessage().contains("column value would change from long to string"), e.getMessage());
    assertEquals(2, log.latestVersion());
  }

  @Test
  void aFileEntryFromItsHivePath() {
    DataFile f = DataFile.ofHivePath("day=2026-11-01/station=a%2Fb/part-1.parquet", List.of("day", "station"), 5, 10);
    assertEquals("2026-11-01", f.partition().get("day"));
    assertEquals("a/b", f.partition().get("station"));
    assertEquals("day=2026-11-01/station=a%2Fb", f.partitionPath());
    assertNull(DataFile.ofHivePath("day=__HIVE_DEFAULT_PARTITION__/x", List.of("day"), 1, 1).partition().get("day"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> DataFile.ofHivePath("station=a/x", List.of("day"), 1, 1));
    assertTrue(e.getMessage().contains("not the table's [day]"), e.getMessage());
  }

  @Test
  void removingAFileThatIsNotLiveIsRefused() throws Exception {
    TableLog log = Tables.create(conf, tmp);
    PendingCommit p = log.snapshot().newCommit(Operation.COMPACT).remove("day=x/none.parquet");
    BadInputException e = assertThrows(BadInputException.class, () -> log.commit(p));
    assertTrue(e.getMessage().contains("day=x/none.parquet"), e.getMessage());
    assertNull(log.snapshot().file("day=x/none.parquet"));
    Set<String> names = new HashSet<>(List.of(new File(tmp, TableLog.LOG_DIR).list()));
    assertEquals(Set.of(LogListing.commitName(1)), names);
  }
}
