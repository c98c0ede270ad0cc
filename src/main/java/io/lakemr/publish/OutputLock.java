package io.lakemr.publish;

import io.lakemr.formats.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The lock one run holds on an output: a file {@code .lakemr-lock-NAME-G} beside the output,
 * created only when absent, whose modification time is its heartbeat.
 *
 * <p>Runs in {@code error}, {@code overwrite} and {@code overwrite-partitions} mode hold it from
 * before their job starts until their output is published; {@code append} runs hold it only
 * while they publish. A lock whose heartbeat is older than the expiry belongs to a run that
 * died: the next run takes it over by creating the next generation {@code G + 1}, which only
 * one run can create, and deletes the older generations. A holder that finds a newer
 * generation than its own has been taken for dead and must not publish.
 */
final class OutputLock {

  private static final String PREFIX = ".lakemr-lock-";

  private final FileSystem fs;
  private final Path output;
  private final Path file;

  private OutputLock(FileSystem fs, Path output, Path file) {
    this.fs = fs;
    this.output = output;
    this.file = file;
  }

  /** The newest lock file on an output, or null. */
  static FileStatus newest(FileSystem fs, Path output) throws IOException {
    FileStatus best = null;
    long bestGen = -1;
    for (FileStatus s : LeftOvers.siblings(fs, output, PREFIX)) {
      long gen = generation(s.getPath(), output);
      if (gen > bestGen) {
        bestGen = gen;
        best = s;
      }
    }
    return best;
  }

  /**
   * Takes the lock unless a live run holds it.
   *
   * @param holder what the lock file says of this run (host, process, run id, mode)
   * @param expiryMs how old a heartbeat may be before its run counts as dead
   * @return the lock, or null when a live run holds it
   */
  static OutputLock tryAcquire(FileSystem fs, Path output, String holder, long expiryMs) throws IOException {
    FileStatus newest = newest(fs, output);
    long gen = 0;
    if (newest != null) {
      if (System.currentTimeMillis() - newest.getModificationTime() < expiryMs) {
        return null;
      }
      gen = generation(newest.getPath(), output);
    }
    Path mine = new Path(output.getParent(), PREFIX + output.getName() + "-" + (gen + 1));
    if (!AtomicFiles.createNew(fs, mine, holder.getBytes(StandardCharsets.UTF_8))) {
      return null;
    }
    for (FileStatus s : LeftOvers.siblings(fs, output, PREFIX)) {
      if (generation(s.getPath(), output) <= gen) {
        fs.delete(s.getPath(), false);
      }
    }
    return new OutputLock(fs, output, mine);
  }

  /** What a lock file says of its holder, for messages; empty when it cannot be read. */
  static String describe(FileSystem fs, FileStatus lock) {
    String holder = holder(fs, lock);
    return holder.isEmpty() ? "" : holder + ", last heartbeat " + Instant.ofEpochMilli(lock.getModificationTime());
  }

  /** What a lock's holder wrote into it; empty while it is still being written, or once it is gone. */
  static String holder(FileSystem fs, FileStatus lock) {
    try (InputStream in = fs.open(lock.getPath())) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (IOException e) {
      return "";
    }
  }

  /** Renews the heartbeat. */
  void heartbeat() throws IOException {
    AtomicFiles.touch(fs, file);
  }

  /** True while no run has taken the lock over from this one. */
  boolean stillHeld() throws IOException {
    if (!fs.exists(file)) {
      return false;
    }
    FileStatus newest = newest(fs, output);
    return newest != null && newest.getPath().getName().equals(file.getName());
  }

  /** Gives the lock up. */
  void release() throws IOException {
    fs.delete(file, false);
  }

  private static long generation(Path lock, Path output) {
    String tail = lock.getName().substring(PREFIX.length() + output.getName().length() + 1);
    try {
      return Long.parseLong(tail);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
