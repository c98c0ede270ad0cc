package io.lakemr.catalog;

import io.lakemr.formats.AtomicFiles;
import io.lakemr.formats.InputFiles;
import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * Deletes, below a table's location, the directories {@code _lakemr_removed/<commit>/} of
 * commits made before a cutoff, and the visible data files modified before it that the latest
 * state does not reference: files of writers that died before committing, or whose commit
 * conflicted; and the temporary files in {@code _lakemr_log/} of writers that died while
 * writing a commit or checkpoint ({@link AtomicFiles#TEMP_PREFIX}). Files newer than the cutoff
 * are kept, so a writer still running keeps its files.
 */
final class Vacuum {

  private final FileSystem fs;
  private final TableLog log;
  private long removedFiles;
  private long unreferenced;
  private long bytes;

  Vacuum(FileSystem fs, TableLog log) {
    this.fs = fs;
    this.log = log;
  }

  VacuumResult run(TableSnapshot latest, long cutoffMillis) throws IOException {
    Path removedRoot = new Path(log.location(), TableLog.REMOVED_DIR);
    FileStatus[] dirs;
    try {
      dirs = fs.listStatus(removedRoot);
    } catch (FileNotFoundException e) {
      dirs = new FileStatus[0];
    }
    for (FileStatus d : dirs) {
      long version = parseVersion(d.getPath().getName());
      long when = version > 0 && version <= latest.version() ? log.readCommit(version).timestamp()
          : d.getModificationTime();
      if (when < cutoffMillis) {
        long files = 0;
        long size = 0;
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(d.getPath(), true);
        while (it.hasNext()) {
          LocatedFileStatus f = it.next();
          if (!InputFiles.isHidden(f.getPath().getName())) {
            files++;
            size += f.getLen();
          }
        }
        if (fs.delete(d.getPath(), true)) {
          removedFiles += files;
          bytes += size;
        }
      }
    }
    sweep(log.location(), "", latest, cutoffMillis);
    Path state = new Path(log.location(), TableLog.STATE_DIR);
    if (fs.exists(state)) {
      sweep(state, TableLog.STATE_DIR, latest, cutoffMillis);
    }
    sweepLogTemporaries(cutoffMillis);
    return new VacuumResult(removedFiles, unreferenced, bytes);
  }

  private void sweep(Path dir, String relative, TableSnapshot latest, long cutoffMillis) throws IOException {
    for (FileStatus s : fs.listStatus(dir)) {
      String name = s.getPath().getName();
      if (InputFiles.isHidden(name)) {
        continue;
      }
      String path = relative.isEmpty() ? name : relative + "/" + name;
      if (s.isDirectory()) {
        sweep(s.getPath(), path, latest, cutoffMillis);
      } else if (latest.file(path) == null && s.getModificationTime() < cutoffMillis
          && fs.delete(s.getPath(), false)) {
        unreferenced++;
        bytes += s.getLen();
      }
    }
  }

  /** Deletes the temporary files older than the cutoff that dead writers left in the log. */
  private void sweepLogTemporaries(long cutoffMillis) throws IOException {
    FileStatus[] files;
    try {
      files = fs.listStatus(new Path(log.location(), TableLog.LOG_DIR));
    } catch (FileNotFoundException e) {
      return;
    }
    for (FileStatus s : files) {
      if (s.isFile() && s.getPath().getName().startsWith(AtomicFiles.TEMP_PREFIX)
          && s.getModificationTime() < cutoffMillis && fs.delete(s.getPath(), false)) {
        unreferenced++;
        bytes += s.getLen();
      }
    }
  }

  private static long parseVersion(String name) {
    try {
      return Long.parseLong(name);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
