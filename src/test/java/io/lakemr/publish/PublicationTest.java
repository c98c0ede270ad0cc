package io.lakemr.publish;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.conf.LakemrConfig;
import io.lakemr.testing.LocalJobs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The publish protocol, stopped at every step as a dying client would stop it: a reader
 * never sees a mix of old and new (per partition in the partition modes), and the next run on
 * the output finishes a run that had written its commit marker and removes one that had not.
 * Also the output lock: one exclusive run at a time, and a dead holder's lock taken over.
 */
class PublicationTest {

  /** A client that dies: nothing after it runs, and no handler sees it. */
  private static final class Crash extends Error {
    private static final long serialVersionUID = 1L;
  }

  @TempDir
  Path tmp;
  private Configuration conf;
  private Path out;

  @BeforeEach
  void setUp() {
    conf = LocalJobs.conf(tmp);
    conf.setLong(LakemrConfig.OUTPUT_LEASE_EXPIRY_MS, 300);
    conf.setLong(LakemrConfig.OUTPUT_LOCK_WAIT_MS, 2_000);
    out = tmp.resolve("lake").resolve("out");
  }

  private static final Map<String, String> OLD = Map.of(
      "p=1/a.csv", "old1", "p=2/a.csv", "old2", "_SUCCESS", "", "_lakemr.json", "old");

  private static Map<String, String> staged(OutputTarget.Mode mode) {
    String name = mode == OutputTarget.Mode.APPEND ? "part-job_1_0001-r-00000.csv" : "part-r-00000.csv";
    return Map.of("p=2/" + name, "new2", "p=3/" + name, "new3", "_SUCCESS", "", "_lakemr.json", "new");
  }

  private static Map<String, String> expected(OutputTarget.Mode mode) {
    Map<String, String> m = new TreeMap<>();
    switch (mode) {
      case OVERWRITE -> m.putAll(staged(mode));
      case OVERWRITE_PARTITIONS -> {
        m.put("p=1/a.csv", "old1");
        m.putAll(staged(mode));
      }
      default -> {
        m.putAll(OLD);
        m.putAll(staged(mode));
      }
    }
    return m;
  }

  private OutputTarget prepare(OutputTarget.Mode mode, PrintStream err) throws IOException {
    return OutputTarget.prepare(conf, out.toString(), mode, 1, List.of(), "test", err);
  }

  private OutputTarget stagedRun(OutputTarget.Mode mode) throws IOException {
    write(out, OLD);
    OutputTarget t = prepare(mode, System.err);
    write(Path.of(t.staging().toUri().getPath()), staged(mode));
    return t;
  }

  /** How many file-system steps an undisturbed publish takes. */
  private int steps(OutputTarget.Mode mode) throws IOException {
    AtomicInteger n = new AtomicInteger();
    OutputTarget t = stagedRun(mode);
    t.publish(step -> n.incrementAndGet());
    assertEquals(expected(mode), read(out));
    assertEquals(List.of("out"), besideOutput(), "nothing left beside the output");
    deleteTree(tmp.resolve("lake"));
    return n.get();
  }

  @ParameterizedTest
  @EnumSource(value = OutputTarget.Mode.class, names = {"OVERWRITE", "OVERWRITE_PARTITIONS", "APPEND"})
  void aClientDyingAtAnyStepLeavesOldOrNewAndTheNextRunFinishesIt(OutputTarget.Mode mode) throws Exception {
    int steps = steps(mode);
    assertTrue(steps >= 4, "steps: " + steps);
    for (int k = 0; k < steps; k++) {
      OutputTarget t = stagedRun(mode);
      int stopAt = k;
      AtomicInteger seen = new AtomicInteger();
      assertThrows(Crash.class, () -> t.publish(step -> {
        assertVisibleIsOldOrNew(mode);
        if (seen.getAndIncrement() == stopAt) {
          throw new Crash();
        }
      }));
      t.stopHeartbeat();
      assertVisibleIsOldOrNew(mode);
      Thread.sleep(400); // the dead run's lease expires
      ByteArrayOutputStream said = new ByteArrayOutputStream();
      try (PrintStream err = new PrintStream(said, true, StandardCharsets.UTF_8)) {
        prepare(OutputTarget.Mode.APPEND, err).discard();
      }
      String message = said.toString(StandardCharsets.UTF_8);
      if (k == 0) {
        assertTrue(message.contains("removed what run"), message);
        assertEquals(new TreeMap<>(OLD), read(out), "rolled back at step " + k);
      } else {
        assertTrue(message.contains("finished publishing run"), message);
        assertEquals(expected(mode), read(out), "rolled forward from step " + k);
      }
      assertEquals(List.of("out"), besideOutput(), "nothing left beside the output after step " + k);
      deleteTree(tmp.resolve("lake"));
    }
  }

  @ParameterizedTest
  @EnumSource(value = OutputTarget.Mode.class, names = {"OVERWRITE", "OVERWRITE_PARTITIONS", "APPEND"})
  void aStepFailingWhileTheClientLivesIsUndone(OutputTarget.Mode mode) throws Exception {
    int steps = steps(mode);
    // step 0 writes the marker; the moves follow; the deletions at the end cannot be undone
    for (int k = 1; k < steps - 4; k++) {
      OutputTarget t = stagedRun(mode);
      int failAt = k;
      AtomicInteger seen = new AtomicInteger();
      IOException e = assertThrows(IOException.class, () -> t.publish(step -> {
        if (seen.getAndIncrement() == failAt) {
          throw new IOException("disk on fire");
        }
      }));
      assertTrue(e.getMessage().contains("was undone"), e.getMessage());
      t.discard();
      assertEquals(new TreeMap<>(OLD), read(out), "undone at step " + k);
      assertEquals(List.of("out"), besideOutput());
      deleteTree(tmp.resolve("lake"));
    }
  }

  @Test
  void oneExclusiveRunAtATime() throws Exception {
    OutputTarget first = prepare(OutputTarget.Mode.OVERWRITE, System.err);
    for (OutputTarget.Mode m : OutputTarget.Mode.values()) {
      OutputLockedException e = assertThrows(OutputLockedException.class, () -> prepare(m, System.err), m.name());
      assertTrue(e.getMessage().contains("is being written by another lakemr run"), e.getMessage());
      assertTrue(e.getMessage().contains("mode overwrite"), e.getMessage());
    }
    Thread.sleep(700); // longer than the expiry: the heartbeat keeps the lock alive
    assertThrows(OutputLockedException.class, () -> prepare(OutputTarget.Mode.OVERWRITE, System.err));
    first.discard();
    prepare(OutputTarget.Mode.ERROR, System.err).discard();
  }

  @Test
  void aDeadHoldersLockIsTakenOverAndTheDeadRunCannotPublish() throws Exception {
    OutputTarget dead = stagedRun(OutputTarget.Mode.OVERWRITE);
    dead.stopHeartbeat();
    Thread.sleep(400);
    OutputTarget next = prepare(OutputTarget.Mode.OVERWRITE, System.err);
    IOException e = assertThrows(IOException.class, dead::publish);
    assertTrue(e.getMessage().contains("took over the lock"), e.getMessage());
    assertEquals(new TreeMap<>(OLD), read(out));
    next.discard();
    assertEquals(List.of("out"), besideOutput());
  }

  @Test
  void twoAppendsBothLand() throws Exception {
    write(out, OLD);
    OutputTarget a = prepare(OutputTarget.Mode.APPEND, System.err);
    OutputTarget b = prepare(OutputTarget.Mode.APPEND, System.err);
    write(Path.of(a.staging().toUri().getPath()), Map.of("p=4/part-job_a-r-00000.csv", "a"));
    write(Path.of(b.staging().toUri().getPath()), Map.of("p=4/part-job_b-r-00000.csv", "b"));
    b.publish();
    a.publish();
    Map<String, String> now = read(out);
    assertEquals("a", now.get("p=4/part-job_a-r-00000.csv"));
    assertEquals("b", now.get("p=4/part-job_b-r-00000.csv"));
    assertEquals(List.of("out"), besideOutput());
  }

  /** The visible output: the old tree, the new one, or (between two renames) nothing. */
  private void assertVisibleIsOldOrNew(OutputTarget.Mode mode) throws IOException {
    Map<String, String> now = read(out);
    Map<String, String> old = new TreeMap<>(OLD);
    Map<String, String> fresh = expected(mode);
    if (mode == OutputTarget.Mode.OVERWRITE) {
      assertTrue(now.isEmpty() || now.equals(old) || now.equals(fresh), "a mix: " + now);
      return;
    }
    for (String part : List.of("p=1", "p=2", "p=3", "p=4")) {
      Map<String, String> n = under(now, part);
      assertTrue(n.isEmpty() || n.equals(under(old, part)) || n.equals(under(fresh, part)),
          part + " is a mix: " + n);
    }
    assertNotNull(now);
  }

  private static Map<String, String> under(Map<String, String> files, String dir) {
    Map<String, String> m = new TreeMap<>();
    files.forEach((k, v) -> {
      if (k.startsWith(dir + "/")) {
        m.put(k, v);
      }
    });
    return m;
  }

  private List<String> besideOutput() throws IOException {
    try (Stream<Path> s = Files.list(out.getParent())) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private static void write(Path dir, Map<String, String> files) throws IOException {
    for (Map.Entry<String, String> e : files.entrySet()) {
      Path f = dir.resolve(e.getKey());
      Files.createDirectories(f.getParent());
      Files.writeString(f, e.getValue());
    }
  }

  /** Visible files (no checksums, no hidden names) under a directory, with their text. */
  private static Map<String, String> read(Path dir) throws IOException {
    Map<String, String> m = new TreeMap<>();
    if (!Files.exists(dir)) {
      return m;
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).forEach(files::add);
    }
    for (Path f : files) {
      m.put(dir.relativize(f).toString(), Files.readString(f));
    }
    return m;
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted((a, b) -> b.compareTo(a)).toList()) {
        Files.delete(p);
      }
    }
    assertFalse(Files.exists(dir));
  }
}
