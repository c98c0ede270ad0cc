package io.lakemr.catalog;

import io.lakemr.conf.BadInputException;
import io.lakemr.formats.AtomicFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.UserGroupInformation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The commit log of one table: {@code LOCATION/_lakemr_log/NNNNNNNNNNNNNNNNNNNN.json}, one file
 * per commit, numbered from 1. A table's state is the replay of its commits; every
 * {@value #CHECKPOINT_INTERVAL} commits a checkpoint {@code NNNNNNNNNNNNNNNNNNNN.checkpoint.json}
 * holds the whole state at that commit, so a reader replays at most that many commits after it.
 * A missing or unreadable checkpoint only means replaying from an earlier one.
 *
 * <p>Reading the latest state lists {@code _lakemr_log/} once and reads one checkpoint and the
 * commits after it; it never lists the data directories.
 *
 * <p>Commit N is written to a temporary file and published under its number with
 * {@link AtomicFiles#putIfAbsent}, which fails when N exists; so of several writers racing for
 * N exactly one wins. A writer that loses re-reads the commits after the version it was based
 * on, and tries N + 1 unless one of them conflicts ({@link CommitConflictException}).
 *
 * <p>Right after a commit that removes files, they are moved into
 * {@code _lakemr_removed/<commit>/<relative path>} (hidden, by its {@code _}), so that engines
 * listing the directory see the current files, while a snapshot of an older version still
 * finds them there. A move a dead writer left undone is completed by the next commit and by
 * {@link #vacuum}.
 *
 * <p>Thread-safe; a {@code TableLog} caches the commits it has read (they never change).
 */
public final class TableLog {

  /** The log directory below a table's location. */
  public static final String LOG_DIR = "_lakemr_log";
  /** Where removed files are moved, below a table's location. */
  public static final String REMOVED_DIR = "_lakemr_removed";
  /**
   * The directory of an incrementally maintained table's aggregate state, listed in the log
   * beside the data files ({@link DataFile#isState()}) but never read as data.
   */
  public static final String STATE_DIR = "_lakemr_state";
  /** A checkpoint is written at every commit whose number is a multiple of this. */
  public static final int CHECKPOINT_INTERVAL = 10;
  /** How often a writer tries to commit before it gives up. */
  static final int MAX_ATTEMPTS = 100;
  private static final String MOVED_MARKER = "_complete";
  private static final Logger LOG = LoggerFactory.getLogger(TableLog.class);

  private final Configuration conf;
  private final FileSystem fs;
  private final Path location;
  private final Path logDir;
  private final Map<Long, Commit> cache = new ConcurrentHashMap<>();
  private volatile TableState lastState;

  private TableLog(Configuration conf, FileSystem fs, Path location) {
    this.conf = conf;
    this.fs = fs;
    this.location = location;
    this.logDir = new Path(location, LOG_DIR);
  }

  /** The log of the table at a location (which need not exist yet). */
  public static TableLog open(Configuration conf, Path given) throws IOException {
    Path location = new Path(given.toString());
    FileSystem fs = location.getFileSystem(conf);
    boolean qualified = location.isAbsolute() && location.toUri().getScheme() != null;
    return new TableLog(conf, fs, qualified ? location : fs.makeQualified(location));
  }

  /** Whether a directory is a table: it has a {@code _lakemr_log/}. */
  public static boolean isTable(FileSystem fs, Path dir) throws IOException {
    return fs.exists(new Path(dir, LOG_DIR));
  }

  /** {@code LOCATION/_lakemr_removed/<version>}: where the files commit {@code version} removed are moved. */
  public static Path removedDir(Path location, long version) {
    return new Path(new Path(location, REMOVED_DIR), Long.toString(version));
  }

  /** The table's qualified location. */
  public Path location() {
    return location;
  }

  /** Whether the table has at least one commit. */
  public boolean exists() throws IOException {
    return latestVersion() > 0;
  }

  /** The latest commit's number; 0 when the table has none. */
  public long latestVersion() throws IOException {
    return list().latest();
  }

  /**
   * The latest state.
   *
   * @throws BadInputException when the location holds no table
   */
  public TableSnapshot snapshot() throws IOException {
    LogListing l = requireTable();
    return new TableSnapshot(location, stateAt(l, l.latest()), Map.of());
  }

  /**
   * The state as commit {@code version} left it; its files that later commits removed are
   * found where they were moved ({@link TableSnapshot#path}).
   *
   * @throws BadInputException when there is no such commit
   */
  public TableSnapshot snapshotAt(long version) throws IOException {
    LogListing l = requireTable();
    if (version < 1 || version > l.latest()) {
      throw new BadInputException("table " + location + " has commits 1 to " + l.latest() + ", not " + version);
    }
    TableState state = stateAt(l, version);
    Map<String, Long> removedLater = new HashMap<>();
    for (long n = version + 1; n <= l.latest(); n++) {
      for (String r : readCommit(n).removed()) {
        if (state.files.containsKey(r)) {
          removedLater.putIfAbsent(r, n);
        }
      }
    }
    return new TableSnapshot(location, state, removedLater);
  }

  /**
   * The state at a moment: {@link #snapshotAt} the latest commit made at or before it.
   *
   * @throws BadInputException when the table's first commit is later
   */
  public TableSnapshot snapshotAsOf(long epochMillis) throws IOException {
    LogListing l = requireTable();
    for (long n = l.latest(); n >= 1; n--) {
      if (readCommit(n).timestamp() <= epochMillis) {
        return snapshotAt(n);
      }
    }
    throw new BadInputException("table " + location + " has no commit at or before " + Instant.ofEpochMilli(epochMillis)
        + "; its first is at " + Instant.ofEpochMilli(readCommit(1).timestamp()));
  }

  /**
   * The snapshot an {@code --as-of} value names: a commit number, or a moment written as an
   * ISO-8601 instant ({@code 2026-11-28T12:00:00Z}) or a UTC date ({@code 2026-11-28}, its
   * start); the latest snapshot when null.
   *
   * @throws BadInputException for a value that is neither, or names no commit
   */
  public TableSnapshot snapshotFor(String asOf) throws IOException {
    if (asOf == null) {
      return snapshot();
    }
    String v = asOf.trim();
    if (v.matches("\\d+")) {
      return snapshotAt(Long.parseLong(v));
    }
    try {
      long millis = v.length() == 10 ? LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli()
          : Instant.parse(v).toEpochMilli();
      return snapshotAsOf(millis);
    } catch (DateTimeParseException e) {
      throw new BadInputException("--as-of: '" + asOf + "' is neither a commit number nor a time such as "
          + "2026-11-28T12:00:00Z or 2026-11-28");
    }
  }

  /** Every commit, oldest first. */
  public List<Commit> history() throws IOException {
    return recentCommits(Integer.MAX_VALUE);
  }

  /** The latest {@code count} commits, oldest first. */
  public List<Commit> recentCommits(int count) throws IOException {
    long latest = list().latest();
    List<Commit> out = new ArrayList<>();
    for (long n = Math.max(1, latest - count + 1); n <= latest; n++) {
      out.add(readCommit(n));
    }
    return out;
  }

  /** Commit {@code version}, as stored. */
  public Commit readCommit(long version) throws IOException {
    Commit cached = cache.get(version);
    if (cached != null) {
      return cached;
    }
    Path file = new Path(logDir, LogListing.commitName(version));
    Commit c;
    try (InputStream in = fs.open(file)) {
      c = LogCodec.readCommit(in.readAllBytes());
    } catch (FileNotFoundException e) {
      throw new IOException("table " + location + ": commit " + version + " is missing (" + file + ")", e);
    } catch (IllegalArgumentException | IOException e) {
      throw new IOException("table " + location + ": cannot read commit " + file + ": " + e.getMessage(), e);
    }
    if (c.version() != version) {
      throw new IOException("table " + location + ": " + file + " says it is commit " + c.version());
    }
    cache.put(version, c);
    return c;
  }

  /**
   * Makes a commit: the next number after the latest, unless a commit made since the pending
   * one's base conflicts with it. Before, completes the moves of files a dead writer's commit
   * removed; after, moves the files this commit removes, and writes a checkpoint when its
   * number is a multiple of {@value #CHECKPOINT_INTERVAL}.
   *
   * @return the commit as stored
   * @throws CommitConflictException naming the conflicting commit's number and operation, or
   *     when every one of {@value #MAX_ATTEMPTS} attempts lost its race
   * @throws BadInputException when the file system cannot put a file atomically if absent, the
   *     schema change is not allowed, a removed file is not live or an added one is
   */
  public Commit commit(PendingCommit pending) throws IOException {
    String scheme = location.toUri().getScheme();
    if (!AtomicFiles.supportsPutIfAbsent(scheme)) {
      throw new BadInputException("table " + location + ": the " + scheme + ":// file system has no atomic "
          + "create-if-absent, which the table log needs; keep tables on hdfs:// or file://");
    }
    completeMovesQuietly();
    TableState base = pending.baseVersion() == 0 ? new TableState() : stateAt(list(), pending.baseVersion());
    CommitConflicts conflicts = new CommitConflicts(pending, base);
    long checked = pending.baseVersion();
    for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      LogListing l = list();
      for (long n = checked + 1; n <= l.latest(); n++) {
        Commit other = readCommit(n);
        String reason = conflicts.conflict(other);
        if (reason != null) {
          throw new CommitConflictException("table " + location + ": this " + pending.operation().label()
              + " conflicts with commit " + n + " (" + other.operation().label() + ") made since version "
              + pending.baseVersion() + ": " + reason);
        }
        checked = n;
      }
      TableState latest = l.latest() == pending.baseVersion() ? base : stateAt(l, l.latest());
      validate(pending, latest);
      Commit c = pending.toCommit(l.latest() + 1, Math.max(System.currentTimeMillis(), latest.timestamp), user());
      if (AtomicFiles.putIfAbsent(conf, new Path(logDir, LogListing.commitName(c.version())),
          LogCodec.writeCommit(c))) {
        cache.put(c.version(), c);
        afterCommit(c, latest);
        return c;
      }
      backOff(attempt);
    }
    throw new CommitConflictException("table " + location + ": gave up committing " + pending.operation().label()
        + " after " + MAX_ATTEMPTS + " attempts, each beaten by another writer");
  }

  /**
   * Completes the moves into {@code _lakemr_removed/} that writers left undone, for the
   * commits after {@code afterVersion}.
   *
   * @return the files moved
   */
  public int completeMoves(long afterVersion) throws IOException {
    LogListing l = list();
    List<Commit> unfinished = new ArrayList<>();
    for (long n = Math.max(afterVersion, 0) + 1; n <= l.latest(); n++) {
      Commit c = readCommit(n);
      if (!c.removed().isEmpty() && !fs.exists(new Path(removedDir(location, n), MOVED_MARKER))) {
        unfinished.add(c);
      }
    }
    if (unfinished.isEmpty()) {
      return 0;
    }
    TableState latest = stateAt(l, l.latest());
    int moved = 0;
    for (Commit c : unfinished) {
      moved += moveRemoved(c, latest);
    }
    return moved;
  }

  /**
   * Deletes what no snapshot newer than the retention needs: the files commits older than it
   * removed, and data files older than it that no commit references (a dead writer's leftovers),
   * with the temporary files of commits a writer died writing.
   *
   * @param retentionMillis how old, in milliseconds, a removed or unreferenced file must be
   */
  public VacuumResult vacuum(long retentionMillis) throws IOException {
    requireTable();
    completeMoves(0);
    return new Vacuum(fs, this).run(snapshot(), System.currentTimeMillis() - retentionMillis);
  }

  private void afterCommit(Commit c, TableState before) {
    TableState after = before;
    after.apply(c);
    lastState = after.copy();
    try {
      if (!c.removed().isEmpty()) {
        moveRemoved(c, after);
      }
    } catch (IOException e) {
      LOG.warn("table {}: could not move the files commit {} removed; the next commit will", location,
          c.version(), e);
    }
    if (c.version() % CHECKPOINT_INTERVAL == 0) {
      try {
        completeMoves(c.version() - 2L * CHECKPOINT_INTERVAL);
        AtomicFiles.putIfAbsent(conf, new Path(logDir, LogListing.checkpointName(c.version())),
            LogCodec.writeCheckpoint(after));
      } catch (IOException | RuntimeException e) {
        LOG.warn("table {}: could not write the checkpoint of commit {}", location, c.version(), e);
      }
    }
  }

  private int moveRemoved(Commit c, TableState latest) throws IOException {
    Path dir = removedDir(location, c.version());
    int moved = 0;
    for (String r : c.removed()) {
      if (latest.files.containsKey(r)) {
        continue;
      }
      Path src = new Path(location, r);
      Path dst = new Path(dir, r);
      try {
        if (fs.exists(src) && !fs.exists(dst)) {
          fs.mkdirs(dst.getParent());
          if (fs.rename(src, dst)) {
            moved++;
          }
        }
      } catch (FileNotFoundException e) {
        LOG.debug("{} was moved by another writer meanwhile", src);
      }
    }
    fs.mkdirs(dir);
    fs.create(new Path(dir, MOVED_MARKER), true).close();
    return moved;
  }

  private void completeMovesQuietly() {
    try {
      LogListing l = list();
      long lastCheckpoint = l.checkpoints().isEmpty() ? 0 : l.checkpoints().get(l.checkpoints().size() - 1);
      completeMoves(lastCheckpoint - CHECKPOINT_INTERVAL);
    } catch (IOException | RuntimeException e) {
      LOG.warn("table {}: could not complete the moves of removed files", location, e);
    }
  }

  private void validate(PendingCommit pending, TableState latest) {
    if (pending.baseVersion() > 0 || latest.version > 0) {
      SchemaEvolution.check(location.toString(), latest.schema, latest.partitionColumns, pending.schema(),
          pending.partitionColumns());
    }
    Set<String> removed = new HashSet<>();
    for (String r : pending.removed()) {
      if (!latest.files.containsKey(r)) {
        throw new BadInputException("table " + location + ": cannot remove " + r + ": it is not a live file of "
            + "version " + latest.version);
      }
      removed.add(r);
    }
    Set<String> added = new HashSet<>();
    for (DataFile f : pending.added()) {
      if (latest.files.containsKey(f.path()) || removed.contains(f.path()) || !added.add(f.path())) {
        throw new BadInputException("table " + location + ": cannot add " + f.path() + ": a file of that path "
            + "is live or removed in the same commit; data files need unique names");
      }
      if (!f.partition().keySet().equals(new HashSet<>(pending.partitionColumns()))) {
        throw new BadInputException("table " + location + ": file " + f.path() + " has partition values for "
            + f.partition().keySet() + ", the table is partitioned by " + pending.partitionColumns());
      }
    }
  }

  /**
   * The state at a version: the state this log last computed when it is at most
   * {@value #CHECKPOINT_INTERVAL} commits behind, else the latest readable checkpoint at or
   * before it; then the commits after.
   */
  TableState stateAt(LogListing l, long version) throws IOException {
    TableState cached = lastState;
    TableState state = null;
    if (cached != null && cached.version <= version && version - cached.version <= CHECKPOINT_INTERVAL) {
      state = cached.copy();
    }
    for (int i = l.checkpoints().size() - 1; i >= 0 && state == null; i--) {
      long cp = l.checkpoints().get(i);
      if (cp <= version) {
        state = readCheckpoint(cp);
      }
    }
    if (state == null) {
      state = new TableState();
    }
    for (long n = state.version + 1; n <= version; n++) {
      state.apply(readCommit(n));
    }
    if (cached == null || state.version >= cached.version) {
      lastState = state.copy();
    }
    return state;
  }

  private TableState readCheckpoint(long version) {
    Path file = new Path(logDir, LogListing.checkpointName(version));
    try (InputStream in = fs.open(file)) {
      TableState s = LogCodec.readCheckpoint(in.readAllBytes());
      return s.version == version ? s : null;
    } catch (IOException | RuntimeException e) {
      LOG.warn("table {}: checkpoint {} is unreadable, replaying from an earlier one: {}", location, file,
          e.getMessage());
      return null;
    }
  }

  LogListing list() throws IOException {
    return LogListing.of(fs, logDir);
  }

  private LogListing requireTable() throws IOException {
    LogListing l = list();
    if (l.latest() == 0) {
      throw new BadInputException("no table at " + location + ": it has no commits in " + LOG_DIR + "/");
    }
    return l;
  }

  private static String user() {
    try {
      return UserGroupInformation.getCurrentUser().getShortUserName();
    } catch (IOException e) {
      return System.getProperty("user.name", "");
    }
  }

  private static void backOff(int attempt) throws IOException {
    try {
      Thread.sleep(ThreadLocalRandom.current().nextLong(1, 2L + Math.min(200, 5L * attempt)));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while committing", e);
    }
  }
}
