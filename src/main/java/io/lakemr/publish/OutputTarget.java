package io.lakemr.publish;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.formats.AtomicFiles;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a job's output goes, and how it becomes visible in each write mode.
 *
 * <p>A job never writes into its output path. It writes, through the output committer, into a
 * hidden staging directory beside it ({@code .lakemr-staging-NAME-ID}); intermediate data of
 * chained stages and task failure notes go to a hidden scratch directory beside it
 * ({@code .lakemr-scratch-NAME-ID}). Only when every job of the command has succeeded does
 * {@link #publish} move the result into the output path, as the mode says:
 *
 * <ul>
 *   <li>{@code error} (the default): an existing output is refused before the job starts; the
 *       staging directory is renamed into place.</li>
 *   <li>{@code overwrite}: the old output is moved aside, the staging directory renamed into
 *       place, then the old output deleted.</li>
 *   <li>{@code overwrite-partitions} (needs {@code --partition-by}): each leaf partition
 *       directory the job wrote replaces the directory of the same name, which is moved aside
 *       first; partitions the job did not write are not touched, so their files stay byte
 *       for byte what they were.</li>
 *   <li>{@code append}: data files (named with the job id, {@code part-JOBID-r-00000.parquet},
 *       so two appends never pick the same name) are moved into their partition directories;
 *       an existing file is never replaced: publishing fails first.</li>
 * </ul>
 *
 * <p>In every mode, {@code _SUCCESS} and the job summary {@code _lakemr.json} at the top of the
 * output are this run's. The renames of a publish are written down first ({@link Publication})
 * and each is safe to repeat, so a client that dies halfway leaves a state the next run on the
 * output finishes; a move that fails while the client lives is undone. A failed job changes
 * nothing visible: {@link #discard} removes the staging and scratch directories. Nothing is
 * deleted at submission.
 *
 * <p>Runs on one output exclude each other through an {@link OutputLock}: a run in
 * {@code error}, {@code overwrite} or {@code overwrite-partitions} mode holds it from
 * {@link #prepare} to {@link #close}, and a second such run fails at once with
 * {@link OutputLockedException}; an {@code append} run takes it only to publish. Each run keeps
 * a lease, a file in its scratch directory whose time a heartbeat thread renews; what a run
 * whose lease expired left beside the output is finished or removed by the next run
 * ({@link LeftOvers}).
 */
public final class OutputTarget implements Closeable {

  private static final Logger LOG = LoggerFactory.getLogger(OutputTarget.class);

  /** How an existing output path is treated. */
  public enum Mode {
    /** An existing output is refused before the job starts. */
    ERROR,
    /** The old output is replaced once the job has succeeded. */
    OVERWRITE,
    /** The partitions the job wrote replace theirs; the others stay. */
    OVERWRITE_PARTITIONS,
    /** New, uniquely named files are added; nothing is replaced. */
    APPEND;

    /** The mode as {@code --mode} names it, e.g. {@code overwrite-partitions}. */
    public String optionName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The mode {@code --mode} names.
     *
     * @throws BadInputException for an unknown mode
     */
    public static Mode parse(String s) {
      for (Mode m : values()) {
        if (m.optionName().equals(s.trim().toLowerCase(Locale.ROOT))) {
          return m;
        }
      }
      throw new BadInputException("--mode: unknown mode '" + s
          + "' (known: error, overwrite, overwrite-partitions, append)");
    }
  }

  private final FileSystem fs;
  private final RunPaths run;
  private final Mode mode;
  private final int partitionDepth;
  private final Settings settings;
  private final String holder;
  private OutputLock lock;
  private ScheduledExecutorService heartbeat;
  private boolean replaceFiles;

  /** What a target reads from the configuration once. */
  private record Settings(long expiryMs, long lockWaitMs, String command, PrintStream err) {

    static Settings of(Configuration conf, String command, PrintStream err) {
      return new Settings(
          Math.max(1, conf.getLong(LakemrConfig.OUTPUT_LEASE_EXPIRY_MS, LakemrConfig.OUTPUT_LEASE_EXPIRY_MS_DEFAULT)),
          Math.max(0, conf.getLong(LakemrConfig.OUTPUT_LOCK_WAIT_MS, LakemrConfig.OUTPUT_LOCK_WAIT_MS_DEFAULT)),
          command, err);
    }
  }

  private OutputTarget(FileSystem fs, RunPaths run, Mode mode, int partitionDepth, Settings settings) {
    this.fs = fs;
    this.run = run;
    this.mode = mode;
    this.partitionDepth = partitionDepth;
    this.settings = settings;
    this.holder = "run " + run.id() + ", mode " + mode.optionName() + ", command " + settings.command()
        + ", host " + hostName() + ", process " + ProcessHandle.current().pid() + ", started " + Instant.now();
  }

  /**
   * Checks an output path for a mode and the inputs, before anything is created; takes the
   * output's lock, finishes or removes what dead runs left beside it, and starts this run's
   * lease.
   *
   * @param partitionColumns how many partition directory levels the output has
   * @param inputs the command's input paths as given, none of which the output may overlap
   * @throws BadInputException when the output overlaps an input, exists in {@code error} mode,
   *     is a root, or {@code overwrite-partitions} is asked of unpartitioned output
   * @throws OutputLockedException when another live run is writing the output
   */
  public static OutputTarget prepare(Configuration conf, String outputPath, Mode mode, int partitionColumns,
      List<String> inputs, String command, PrintStream err) throws IOException {
    Path output = check(conf, outputPath, mode, partitionColumns, inputs);
    FileSystem fs = output.getFileSystem(conf);
    String id = UUID.randomUUID().toString().substring(0, 8);
    OutputTarget target = new OutputTarget(fs, new RunPaths(output, id), mode, partitionColumns,
        Settings.of(conf, command, err));
    try {
      target.start();
    } catch (IOException | RuntimeException e) {
      target.close();
      throw e;
    }
    return target;
  }

  /**
   * The checks of {@link #prepare} that create nothing and take no lock: the output path is
   * not a root, can become a directory, overlaps no input, and suits the mode.
   *
   * @return the output path, qualified
   * @throws BadInputException as {@link #prepare} does, but for an existing output
   */
  public static Path check(Configuration conf, String outputPath, Mode mode, int partitionColumns, List<String> inputs)
      throws IOException {
    Path p = new Path(outputPath);
    FileSystem fs = p.getFileSystem(conf);
    Path output = fs.makeQualified(p);
    if (output.getParent() == null) {
      throw new BadInputException("--output: " + output + " is a file system root; name a directory below it");
    }
    if (mode == Mode.OVERWRITE_PARTITIONS && partitionColumns == 0) {
      throw new BadInputException("--mode overwrite-partitions needs --partition-by; "
          + "use --mode overwrite to replace unpartitioned output");
    }
    OutputParents.check(conf, outputPath);
    PathOverlap.check(conf, output, inputs);
    return output;
  }

  private void start() throws IOException {
    Path output = run.output();
    if (mode == Mode.APPEND) {
      OutputLock l = acquireUnlessAppending();
      if (l != null) {
        lock = l;
        LeftOvers.recover(fs, output, run.id(), settings.expiryMs(), settings.err(), settings.command());
        releaseLock();
      }
    } else {
      lock = OutputLock.tryAcquire(fs, output, holder, settings.expiryMs());
      if (lock == null) {
        throw locked();
      }
      LeftOvers.recover(fs, output, run.id(), settings.expiryMs(), settings.err(), settings.command());
    }
    if (mode == Mode.ERROR && fs.exists(output)) {
      throw new BadInputException("--output: " + output + " already exists (use --mode overwrite to replace it)");
    }
    if (mode != Mode.ERROR && fs.exists(output) && !fs.getFileStatus(output).isDirectory()) {
      throw new BadInputException("--output: " + output + " is a file, not a directory");
    }
    try (OutputStream out = fs.create(run.lease(), false)) {
      out.write(holder.getBytes(StandardCharsets.UTF_8));
    }
    beat();
    long period = Math.max(50, settings.expiryMs() / 10);
    heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "lakemr-output-lease");
      t.setDaemon(true);
      return t;
    });
    heartbeat.scheduleAtFixedRate(this::beat, 0, period, TimeUnit.MILLISECONDS);
  }

  /**
   * The lock for an append's start, or null when another append holds it: an append may run
   * beside another append, never beside an exclusive run. A lock released, or not yet
   * described by its holder, between the attempt and the look at it is tried again.
   */
  private OutputLock acquireUnlessAppending() throws IOException {
    for (int attempt = 0; ; attempt++) {
      OutputLock l = OutputLock.tryAcquire(fs, run.output(), holder, settings.expiryMs());
      if (l != null) {
        return l;
      }
      FileStatus newest = OutputLock.newest(fs, run.output());
      String who = newest == null ? "" : OutputLock.holder(fs, newest);
      if (who.contains("mode " + Mode.APPEND.optionName() + ",")) {
        return null;
      }
      if (!who.isEmpty() || attempt >= 50) {
        throw locked();
      }
      sleep(20);
    }
  }

  private static void sleep(long millis) throws IOException {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting for the output's lock", e);
    }
  }

  private OutputLockedException locked() throws IOException {
    FileStatus newest = OutputLock.newest(fs, run.output());
    String who = newest == null ? "" : OutputLock.describe(fs, newest);
    who = who.isEmpty() ? "another run" : who;
    return new OutputLockedException("--output: " + run.output() + " is being written by another lakemr run ("
        + who + "); try again when it has finished (a run that died frees it "
        + settings.expiryMs() / 1000 + " s after its last heartbeat)");
  }

  private void beat() {
    try {
      AtomicFiles.touch(fs, run.lease());
      OutputLock l = lock;
      if (l != null) {
        l.heartbeat();
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("heartbeat of {} failed", run.output(), e);
    }
  }

  /** The output path, qualified. */
  public Path output() {
    return run.output();
  }

  /** The write mode. */
  public Mode mode() {
    return mode;
  }

  /** The directory the final job's committer writes into. */
  public Path staging() {
    return run.staging();
  }

  /** A directory for the intermediate data of a chained stage, removed with the scratch. */
  public Path intermediate(String name) {
    return new Path(run.scratch(), name);
  }

  /** Where failing tasks of the job {@code name} describe their failure. */
  public Path failureDir(String name) {
    return new Path(new Path(run.scratch(), "failures"), name);
  }

  /** Where failing tasks of the final job describe their failure. */
  public Path failureDir() {
    return failureDir("final");
  }

  /**
   * In {@code append} mode, lets a published file replace an existing one of the same name
   * (moved aside and restored on failure, as partitions are) instead of refusing to publish:
   * for outputs whose file names are chosen, not generated ({@code convert --per-file}).
   */
  public void replaceFiles() {
    replaceFiles = true;
  }

  /** Makes a succeeded job's output visible at the output path, as the mode says. */
  public void publish() throws IOException {
    publish(step -> { });
  }

  /** {@link #publish()} with a hook called before each step, for tests that stop it halfway. */
  public void publish(Publication.StepHook hook) throws IOException {
    if (lock == null) {
      lock = waitForLock();
    }
    if (!lock.stillHeld()) {
      throw new IOException("another run took over the lock on " + run.output()
          + " (this run's heartbeat was late); nothing was published");
    }
    fs.mkdirs(run.output().getParent());
    Publication p = Publication.plan(fs, run, mode, partitionDepth, replaceFiles).withHook(hook);
    p.check();
    p.writeMarker();
    try {
      p.rollForward();
    } catch (IOException | RuntimeException e) {
      try {
        p.rollBack();
        p.forget();
      } catch (IOException | RuntimeException undo) {
        e.addSuppressed(undo);
        throw new IOException("publishing into " + run.output() + " failed (" + e.getMessage()
            + ") and could not be undone; the next run on this output finishes it", e);
      }
      throw new IOException("publishing into " + run.output() + " failed and was undone: " + e.getMessage(), e);
    }
    p.finish();
    close();
  }

  private OutputLock waitForLock() throws IOException {
    long deadline = System.currentTimeMillis() + settings.lockWaitMs();
    while (true) {
      OutputLock l = OutputLock.tryAcquire(fs, run.output(), holder, settings.expiryMs());
      if (l != null) {
        return l;
      }
      if (System.currentTimeMillis() >= deadline) {
        throw locked();
      }
      try {
        Thread.sleep(Math.min(1000, Math.max(10, settings.lockWaitMs() / 20)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while waiting to publish into " + run.output(), e);
      }
    }
  }

  /**
   * Removes a failed command's staging and scratch directories and gives the output up. A run
   * that wrote its commit marker and could not undo its publish leaves everything for the
   * next run to finish.
   */
  public void discard() throws IOException {
    try {
      if (!fs.exists(run.marker())) {
        fs.delete(run.staging(), true);
        fs.delete(run.scratch(), true);
      }
    } finally {
      close();
    }
  }

  /** Stops the heartbeat and keeps the lock: what a client that dies leaves; for tests. */
  public void stopHeartbeat() {
    if (heartbeat != null) {
      heartbeat.shutdownNow();
      heartbeat = null;
    }
  }

  /** Stops the heartbeat and releases the lock; safe to call more than once. */
  @Override
  public void close() throws IOException {
    stopHeartbeat();
    releaseLock();
  }

  private void releaseLock() throws IOException {
    OutputLock l = lock;
    lock = null;
    if (l != null && l.stillHeld()) {
      l.release();
    }
  }

  /** The output's file system. */
  public FileSystem fileSystem() {
    return fs;
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown host";
    }
  }
}
