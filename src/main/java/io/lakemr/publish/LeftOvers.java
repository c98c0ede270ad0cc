package io.lakemr.publish;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What runs that died left beside an output, finished or rolled back by the next run while it
 * holds the output's lock.
 *
 * <p>A run with a commit marker had succeeded and started publishing: it is rolled forward
 * ({@link Publication}). A run without one never made anything visible: once its lease has
 * expired its staging, scratch and old directories are removed. A run whose lease is fresh is
 * alive (an {@code append} running beside this one) and is left alone.
 */
final class LeftOvers {

  private LeftOvers() {
  }

  /** The entries beside {@code output} whose names start with {@code prefix + NAME + "-"}. */
  static List<FileStatus> siblings(FileSystem fs, Path output, String prefix) throws IOException {
    List<FileStatus> found = new ArrayList<>();
    String start = prefix + output.getName() + "-";
    try {
      for (FileStatus s : fs.listStatus(output.getParent())) {
        if (s.getPath().getName().startsWith(start)) {
          found.add(s);
        }
      }
    } catch (FileNotFoundException e) {
      // no parent directory yet: nothing left there
    }
    return found;
  }

  /**
   * Finishes or rolls back every dead run on {@code output}, saying on {@code err} what it did.
   *
   * @param ownId this run's id, never touched
   */
  static void recover(FileSystem fs, Path output, String ownId, long expiryMs, PrintStream err, String command)
      throws IOException {
    Set<String> committed = ids(fs, output, Publication.MARKER_PREFIX);
    committed.remove(ownId);
    for (String id : committed) {
      RunPaths run = new RunPaths(output, id);
      Publication p = Publication.read(fs, run);
      try {
        p.rollForward();
        p.finish();
        err.println("lakemr " + command + ": finished publishing run " + id + " into " + output
            + ", which its client had left halfway");
      } catch (IOException e) {
        p.rollBack();
        p.finish();
        err.println("lakemr " + command + ": rolled back run " + id + " on " + output
            + ", which its client had left halfway and could not be finished (" + e.getMessage() + ")");
      }
    }
    Set<String> started = ids(fs, output, RunPaths.STAGING);
    started.addAll(ids(fs, output, RunPaths.SCRATCH));
    started.addAll(ids(fs, output, RunPaths.OLD));
    started.remove(ownId);
    started.removeAll(committed);
    long now = System.currentTimeMillis();
    for (String id : started) {
      RunPaths run = new RunPaths(output, id);
      if (now - heartbeat(fs, run) < expiryMs) {
        continue;
      }
      fs.delete(run.staging(), true);
      fs.delete(run.old(), true);
      fs.delete(run.scratch(), true);
      err.println("lakemr " + command + ": removed what run " + id + " left beside " + output
          + " (it stopped before publishing; none of it was visible)");
    }
  }

  /** The latest sign of life of a run: its lease, or without one its directories' times. */
  private static long heartbeat(FileSystem fs, RunPaths run) throws IOException {
    if (fs.exists(run.lease())) {
      return fs.getFileStatus(run.lease()).getModificationTime();
    }
    long latest = 0;
    for (Path p : List.of(run.staging(), run.scratch(), run.old())) {
      if (fs.exists(p)) {
        latest = Math.max(latest, fs.getFileStatus(p).getModificationTime());
      }
    }
    return latest;
  }

  private static Set<String> ids(FileSystem fs, Path output, String prefix) throws IOException {
    Set<String> ids = new TreeSet<>();
    for (FileStatus s : siblings(fs, output, prefix)) {
      String id = RunPaths.idOf(output, prefix, s.getPath().getName());
      if (id != null) {
        ids.add(id);
      }
    }
    return ids;
  }
}
