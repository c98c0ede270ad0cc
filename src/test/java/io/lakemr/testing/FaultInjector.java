package io.lakemr.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskType;

/**
 * Decides, for the JVM a {@link FaultyFileSystem} runs in, which {@link FaultRule}s apply and
 * fires them. Who the JVM is comes from the configuration the file system was made with: a
 * task has {@code mapreduce.task.attempt.id}; the application master has only
 * {@code mapreduce.job.application.attempt.id}; the client has neither, and no rule ever
 * fires there.
 *
 * <p>Each rule fires at most once per JVM (a YARN container runs one task attempt), and file
 * creations are counted per JVM: both are kept in static sets because a file system registered
 * with {@code fs.faulty.impl.disable.cache=true} is a new instance at each lookup.
 */
final class FaultInjector {

  /** Prefix of the test-only configuration keys. */
  static final String PREFIX = "lakemr.test.faults.";
  /** The directory (a path on the default file system) where firings are recorded. */
  static final String DIR = PREFIX + "dir";
  /** {@code PREFIX + "rule." + NAME} holds the words of rule NAME. */
  static final String RULE = PREFIX + "rule.";

  private static final Set<String> FIRED = ConcurrentHashMap.newKeySet();
  private static final Map<String, AtomicInteger> CREATED = new ConcurrentHashMap<>();
  private static final AtomicInteger WATCHERS = new AtomicInteger();

  private final FaultyFileSystem fs;
  private final Configuration conf;
  private final String self;
  private final List<FaultRule> rules = new ArrayList<>();

  FaultInjector(FaultyFileSystem fs, Configuration conf) {
    this.fs = fs;
    this.conf = conf;
    String task = conf.get("mapreduce.task.attempt.id");
    String role;
    int taskNumber = -1;
    int attemptNumber;
    if (task != null) {
      TaskAttemptID id = TaskAttemptID.forName(task);
      role = id.getTaskType() == TaskType.MAP ? "map" : "reduce";
      taskNumber = id.getTaskID().getId();
      attemptNumber = id.getId();
      self = task;
    } else if (conf.get("mapreduce.job.application.attempt.id") != null) {
      role = "am";
      attemptNumber = conf.getInt("mapreduce.job.application.attempt.id", 0);
      self = "appattempt-" + attemptNumber;
    } else {
      self = null;
      return;
    }
    for (Map.Entry<String, String> e : conf.getPropsWithPrefix(RULE).entrySet()) {
      FaultRule rule = FaultRule.parse(e.getKey(), e.getValue());
      if (rule.appliesTo(role, taskNumber, attemptNumber)) {
        rules.add(rule);
      }
    }
    // notes first, so that a rule that blocks or kills does not hide a note on the same event
    rules.sort(Comparator.comparing((FaultRule r) -> !r.action().equals("note")).thenComparing(FaultRule::name));
  }

  /** Whether any rule looks at reads: only then are input streams wrapped. */
  boolean watchesReads() {
    return rules.stream().anyMatch(r -> r.on().equals("read"));
  }

  /** Called before {@code length} bytes at {@code position} of {@code path} are read. */
  void beforeRead(Path path, long position, long length) throws IOException {
    for (FaultRule r : rules) {
      if (r.matchesRead(path.getName(), position, length)) {
        fire(r, "read of bytes " + position + ".." + (position + length) + " of " + path);
      }
    }
  }

  /** Called before a file is created. */
  void beforeCreate(Path path) throws IOException {
    for (FaultRule r : rules) {
      if (r.on().equals("create") && (r.file() == null || path.getName().endsWith(r.file()))) {
        int n = CREATED.computeIfAbsent(r.name(), k -> new AtomicInteger()).incrementAndGet();
        if (n == r.count()) {
          fire(r, "creation of " + path + ", file " + n + " of this attempt");
        }
      }
    }
  }

  /**
   * In the application master, starts one thread per {@code reduce-committed} rule (once per
   * JVM) that waits until the reduce task has committed, then fires the rule.
   */
  void startWatchers() {
    for (FaultRule r : rules) {
      if (r.on().equals("reduce-committed") && WATCHERS.getAndIncrement() == 0) {
        Thread t = new Thread(() -> watchCommit(r), "fault-" + r.name());
        t.setDaemon(true);
        t.start();
      }
    }
  }

  private void watchCommit(FaultRule r) {
    Path output = new Path(conf.get("mapreduce.output.fileoutputformat.outputdir"));
    int task = r.task() == null ? 0 : r.task();
    try {
      fs.record(new Path(conf.get(DIR), r.name() + "-watching@" + self));
      while (!committed(output, task)) {
        Thread.sleep(100);
      }
      Thread.sleep(r.millis());
      fire(r, "commit of reduce " + task);
    } catch (IOException | InterruptedException | RuntimeException e) {
      System.err.println("fault rule " + r.name() + " could not watch " + output + ": " + e);
      e.printStackTrace();
    }
  }

  /**
   * Whether reduce {@code task} has committed into {@code output}: algorithm 1 renames its
   * attempt directory to {@code _temporary/APP_ATTEMPT/task_..._r_00000N}; algorithm 2 moves
   * its files ({@code ...r-0000N...}) into the output itself.
   */
  private boolean committed(Path output, int task) throws IOException {
    Path v1 = new Path(new Path(output, "_temporary"), conf.get("mapreduce.job.application.attempt.id"));
    String dir = String.format("_r_%06d", task);
    if (fs.exists(v1)) {
      for (FileStatus s : fs.listStatus(v1)) {
        if (s.getPath().getName().startsWith("task_") && s.getPath().getName().endsWith(dir)) {
          return true;
        }
      }
    }
    return fs.exists(output) && holdsFileOf(output, String.format("r-%05d", task));
  }

  private boolean holdsFileOf(Path dir, String reduce) throws IOException {
    for (FileStatus s : fs.listStatus(dir)) {
      String name = s.getPath().getName();
      if (name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      if (s.isDirectory() ? holdsFileOf(s.getPath(), reduce) : name.contains(reduce)) {
        return true;
      }
    }
    return false;
  }

  private void fire(FaultRule r, String event) throws IOException {
    if (!FIRED.add(r.name())) {
      return;
    }
    fs.record(new Path(conf.get(DIR), r.name() + "@" + self));
    switch (r.action()) {
      case "note":
        return;
      case "throw":
        throw new IOException("injected fault " + r.name() + " at the " + event);
      case "halt":
        Runtime.getRuntime().halt(17);
        return;
      case "sleep":
        try {
          Thread.sleep(r.millis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted in fault " + r.name(), e);
        }
        return;
      default:
        throw new IllegalArgumentException("fault rule " + r.name() + ": unknown action " + r.action());
    }
  }
}
