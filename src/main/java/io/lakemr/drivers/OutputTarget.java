package io.lakemr.drivers;

import io.lakemr.conf.BadInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

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
 * output are this run's. Each partition (or file) is moved with one rename, which file systems
 * such as HDFS do atomically; a publish of several partitions is not one atomic step, but when
 * a move fails, those already made are undone and the old partitions put back, so the output
 * is as before. A failed job changes nothing visible: {@link #discard} removes the staging and
 * scratch directories. Nothing is deleted at submission.
 */
final class OutputTarget {

  /** How an existing output path is treated. */
  enum Mode {
    /** An existing output is refused before the job starts. */
    ERROR,
    /** The old output is replaced once the job has succeeded. */
    OVERWRITE,
    /** The partitions the job wrote replace theirs; the others stay. */
    OVERWRITE_PARTITIONS,
    /** New, uniquely named files are added; nothing is replaced. */
    APPEND;

    String optionName() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    static Mode parse(String s) {
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
  private final Path output;
  private final Path staging;
  private final Path scratch;
  private final Mode mode;
  private final int partitionDepth;

  private OutputTarget(FileSystem fs, Path output, String id, Mode mode, int partitionDepth) {
    this.fs = fs;
    this.output = output;
    this.staging = new Path(output.getParent(), ".lakemr-staging-" + output.getName() + "-" + id);
    this.scratch = new Path(output.getParent(), ".lakemr-scratch-" + output.getName() + "-" + id);
    this.mode = mode;
    this.partitionDepth = partitionDepth;
  }

  /** {@link #prepare(Configuration, String, Mode, int)} for unpartitioned output. */
  static OutputTarget prepare(Configuration conf, String outputPath, Mode mode) throws IOException {
    return prepare(conf, outputPath, mode, 0);
  }

  /**
   * Checks an output path for a mode, before anything is created.
   *
   * @param partitionColumns how many partition directory levels the output has
   * @throws BadInputException when the output exists in {@code error} mode, is a root, or
   *     {@code overwrite-partitions} is asked of unpartitioned output
   */
  static OutputTarget prepare(Configuration conf, String outputPath, Mode mode, int partitionColumns)
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
    if (mode == Mode.ERROR && fs.exists(output)) {
      throw new BadInputException("--output: " + output + " already exists (use --mode overwrite to replace it)");
    }
    if (mode != Mode.ERROR && fs.exists(output) && !fs.getFileStatus(output).isDirectory()) {
      throw new BadInputException("--output: " + output + " is a file, not a directory");
    }
    String id = UUID.randomUUID().toString().substring(0, 8);
    return new OutputTarget(fs, output, id, mode, partitionColumns);
  }

  Path output() {
    return output;
  }

  Mode mode() {
    return mode;
  }

  /** The directory the final job's committer writes into. */
  Path staging() {
    return staging;
  }

  /** A directory for the intermediate data of a chained stage, removed with the scratch. */
  Path intermediate(String name) {
    return new Path(scratch, name);
  }

  /** Where failing tasks of the job {@code name} describe their failure. */
  Path failureDir(String name) {
    return new Path(new Path(scratch, "failures"), name);
  }

  /** Where failing tasks of the final job describe their failure. */
  Path failureDir() {
    return failureDir("final");
  }

  /** Makes a succeeded job's output visible at the output path, as the mode says. */
  void publish() throws IOException {
    fs.delete(scratch, true);
    fs.mkdirs(output.getParent());
    boolean exists = fs.exists(output);
    if (!exists) {
      if (!fs.rename(staging, output)) {
        throw new IOException("could not move the output from " + staging + " to " + output);
      }
      return;
    }
    switch (mode) {
      case OVERWRITE:
        replaceWhole();
        break;
      case OVERWRITE_PARTITIONS:
      case APPEND:
        new Merge().run();
        break;
      default:
        throw new IOException("output " + output + " appeared while the job ran; the result is left in " + staging);
    }
  }

  private void replaceWhole() throws IOException {
    Path old = new Path(output.getParent(), ".lakemr-old-" + output.getName() + "-" + staging.getName());
    if (!fs.rename(output, old)) {
      throw new IOException("could not move the old output " + output + " aside to " + old);
    }
    if (!fs.rename(staging, output)) {
      fs.rename(old, output);
      throw new IOException("could not move the new output from " + staging + " to " + output
          + "; the old output was put back");
    }
    fs.delete(old, true);
  }

  /** Moves partitions or files from staging into an existing output, undoing itself on failure. */
  private final class Merge {

    private final Path old = new Path(output.getParent(), ".lakemr-old-" + output.getName() + "-"
        + staging.getName());
    /** Renames made so far, as (from, to) pairs, undone in reverse on failure. */
    private final List<Path[]> done = new ArrayList<>();

    void run() throws IOException {
      try {
        List<Path> units = new ArrayList<>();
        List<Path> topFiles = new ArrayList<>();
        collect(staging, 0, units, topFiles);
        for (Path unit : units) {
          String rel = relative(unit);
          Path target = new Path(output, rel);
          if (mode == Mode.APPEND && fs.exists(target)) {
            throw new IOException("append: " + target + " already exists; nothing was replaced");
          }
          if (mode == Mode.OVERWRITE_PARTITIONS && fs.exists(target)) {
            move(target, new Path(old, rel));
          }
          move(unit, target);
        }
        for (Path f : topFiles) {
          Path target = new Path(output, f.getName());
          if (fs.exists(target)) {
            move(target, new Path(old, f.getName()));
          }
          move(f, target);
        }
      } catch (IOException | RuntimeException e) {
        undo(e);
        throw e;
      }
      fs.delete(old, true);
      fs.delete(staging, true);
    }

    /**
     * The units to move: for overwrite-partitions the leaf partition directories; for append
     * every data file. Top-level files starting with {@code _} ({@code _SUCCESS},
     * {@code _lakemr.json}) are replaced in both modes.
     */
    private void collect(Path dir, int depth, List<Path> units, List<Path> topFiles) throws IOException {
      for (FileStatus s : fs.listStatus(dir)) {
        String name = s.getPath().getName();
        if (depth == 0 && !s.isDirectory() && (name.startsWith("_") || name.startsWith("."))) {
          topFiles.add(s.getPath());
        } else if (mode == Mode.OVERWRITE_PARTITIONS && s.isDirectory() && depth + 1 == partitionDepth) {
          units.add(s.getPath());
        } else if (s.isDirectory()) {
          collect(s.getPath(), depth + 1, units, topFiles);
        } else {
          units.add(s.getPath());
        }
      }
    }

    private String relative(Path p) {
      String base = staging.toUri().getPath();
      String path = p.toUri().getPath();
      if (!path.startsWith(base + "/")) {
        throw new IllegalStateException(p + " is not under " + staging);
      }
      return path.substring(base.length() + 1);
    }

    private void move(Path from, Path to) throws IOException {
      fs.mkdirs(to.getParent());
      if (!fs.rename(from, to)) {
        throw new IOException("could not move " + from + " to " + to);
      }
      done.add(new Path[] {from, to});
    }

    private void undo(Exception cause) {
      for (int i = done.size() - 1; i >= 0; i--) {
        Path[] m = done.get(i);
        try {
          fs.rename(m[1], m[0]);
        } catch (IOException | RuntimeException e) {
          cause.addSuppressed(e);
        }
      }
      try {
        fs.delete(old, true);
      } catch (IOException e) {
        cause.addSuppressed(e);
      }
    }
  }

  /** Removes a failed command's staging and scratch directories. */
  void discard() throws IOException {
    fs.delete(staging, true);
    fs.delete(scratch, true);
  }

  FileSystem fileSystem() {
    return fs;
  }
}
