package io.lakemr.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers racing on one table's log on the local file system: appends from 8 threads, and from
 * threads and separate processes at once, each land exactly once and the replay is their union;
 * of two overwrite-partitions writers on one partition, one wins and the other fails naming the
 * commit that beat it, while writers on different partitions both land.
 */
class ConcurrentCommitsTest {

  private static final int THREADS = 8;
  private static final int COMMITS_PER_WRITER = 8;

  @TempDir
  File tmp;
  private final Configuration conf = Tables.conf();

  @Test
  void eightThreadsAppendingLandEveryCommitOnce() throws Exception {
    Tables.create(conf, tmp);
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    CyclicBarrier start = new CyclicBarrier(THREADS);
    List<Future<List<Long>>> results = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      String writer = "w" + t;
      results.add(pool.submit(() -> {
        TableLog log = TableLog.open(conf, new Path(tmp.toURI()));
        start.await();
        List<Long> versions = new ArrayList<>();
        for (int i = 0; i < COMMITS_PER_WRITER; i++) {
          PendingCommit p = log.snapshot().newCommit(Operation.APPEND)
              .add(Tables.entry("p" + (i % 3), writer + "-" + i, 1));
          versions.add(log.commit(p).version());
        }
        return versions;
      }));
    }
    Set<Long> versions = new HashSet<>();
    for (Future<List<Long>> r : results) {
      versions.addAll(r.get(60, TimeUnit.SECONDS));
    }
    pool.shutdown();
    assertEquals(THREADS * COMMITS_PER_WRITER, versions.size(), "every commit got a number of its own");
    assertEveryFileOnceAndReplayIsTheUnion(THREADS * COMMITS_PER_WRITER);
  }

  @Test
  void threadsAndProcessesAppendingTogether() throws Exception {
    Tables.create(conf, tmp);
    int processes = 4;
    int commits = 4;
    List<Process> children = new ArrayList<>();
    for (int p = 0; p < processes; p++) {
      children.add(new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-Xmx128m", "-cp",
          System.getProperty("java.class.path"), AppendingWriter.class.getName(), tmp.toURI().toString(),
          "proc" + p, Integer.toString(commits)).inheritIO().start());
    }
    ExecutorService pool = Executors.newFixedThreadPool(processes);
    List<Future<?>> threads = new ArrayList<>();
    for (int t = 0; t < processes; t++) {
      String[] args = {tmp.toURI().toString(), "thread" + t, Integer.toString(commits)};
      threads.add(pool.submit(() -> {
        AppendingWriter.main(args);
        return null;
      }));
    }
    for (Future<?> f : threads) {
      f.get(60, TimeUnit.SECONDS);
    }
    pool.shutdown();
    for (Process p : children) {
      assertTrue(p.waitFor(60, TimeUnit.SECONDS), "writer process still running");
      assertEquals(0, p.exitValue(), "writer process failed");
    }
    assertEveryFileOnceAndReplayIsTheUnion(2 * processes * commits);
  }

  private void assertEveryFileOnceAndReplayIsTheUnion(int appends) throws Exception {
    TableLog log = TableLog.open(conf, new Path(tmp.toURI()));
    List<Commit> history = log.history();
    assertEquals(appends + 1, history.size());
    Map<String, Long> addedIn = new HashMap<>();
    for (Commit c : history) {
      for (DataFile f : c.added()) {
        assertNull(addedIn.put(f.path(), c.version()), f.path() + " was added twice");
      }
    }
    assertEquals(appends, addedIn.size());
    Set<String> live = new HashSet<>();
    log.snapshot().files().forEach(f -> live.add(f.path()));
    assertEquals(addedIn.keySet(), live);
  }

  @Test
  void conflictingOverwritePartitionsOneWinsTheOtherIsToldWhy() throws Exception {
    TableLog log = Tables.create(conf, tmp);
    log.commit(log.snapshot().newCommit(Operation.APPEND).add(Tables.entry("a", "old-a", 1))
        .add(Tables.entry("b", "old-b", 1)));
    TableSnapshot base = log.snapshot();
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CyclicBarrier start = new CyclicBarrier(2);
    List<Future<Commit>> writers = new ArrayList<>();
    for (String name : List.of("x", "y")) {
      writers.add(pool.submit(() -> {
        TableLog own = TableLog.open(conf, new Path(tmp.toURI()));
        PendingCommit p = base.newCommit(Operation.OVERWRITE_PARTITIONS).remove("day=a/old-a")
            .add(Tables.entry("a", "new-" + name, 2));
        start.await();
        return own.commit(p);
      }));
    }
    Commit won = null;
    Exception lost = null;
    for (Future<Commit> w : writers) {
      try {
        won = w.get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        lost = (Exception) e.getCause();
      }
    }
    pool.shutdown();
    assertNotNull(won);
    assertInstanceOf(CommitConflictException.class, lost);
    assertTrue(lost.getMessage().contains("conflicts with commit 3 (overwrite-partitions)"), lost.getMessage());
    assertTrue(lost.getMessage().contains("day=a"), lost.getMessage());
    assertEquals(3, log.latestVersion());

    PendingCommit otherPartition = base.newCommit(Operation.OVERWRITE_PARTITIONS).remove("day=b/old-b")
        .add(Tables.entry("b", "new-b", 2));
    assertEquals(4, log.commit(otherPartition).version(), "a writer on another partition retries and lands");
    Set<String> live = new HashSet<>();
    log.snapshot().files().forEach(f -> live.add(f.path()));
    assertEquals(Set.of("day=a/new-" + won.added().get(0).path().substring("day=a/new-".length()), "day=b/new-b"),
        live);

    PendingCommit overwrite = base.newCommit(Operation.OVERWRITE).remove("day=a/old-a").remove("day=b/old-b");
    CommitConflictException e = assertThrows(CommitConflictException.class, () -> log.commit(overwrite));
    assertTrue(e.getMessage().contains("commit 3 (overwrite-partitions)"), e.getMessage());
  }
}
