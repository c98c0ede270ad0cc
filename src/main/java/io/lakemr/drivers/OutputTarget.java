package io.lakemr.drivers;

import io.lakemr.conf.BadInputException;
import java.io.IOException;
import java.util.Locale;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where a job's output goes, and how it becomes visible.
 *
 * <p>A job never writes into its output path. It writes, through the output committer, into a
 * hidden staging directory beside it ({@code .lakemr-staging-NAME-ID}); only when the job has
 * succeeded is the staging directory renamed into place, replacing the old output in
 * {@code overwrite} mode. A failed job leaves the output path as it was and its staging
 * directory is removed. Nothing is deleted at submission.
 */
final class OutputTarget {

  /** How an existing output path is treated. */
  enum Mode {
    /** An existing output is refused before the job starts. */
    ERROR,
    /** The old output is replaced once the job has succeeded. */
    OVERWRITE;

    static Mode parse(String s) {
      try {
        return Mode.valueOf(s.trim().toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new BadInputException("--mode: unknown mode '" + s + "' (known: error, overwrite)");
      }
    }
  }

  private final FileSystem fs;
  private final Path output;
  private final Path staging;
  private final Mode mode;

  private OutputTarget(FileSystem fs, Path output, Path staging, Mode mode) {
    this.fs = fs;
    this.output = output;
    this.staging = staging;
    this.mode = mode;
  }

  /**
   * Checks an output path for a mode, before anything is created.
   *
   * @throws BadInputException when the output exists in {@code error} mode, or is a root
   */
  static OutputTarget prepare(Configuration conf, String outputPath, Mode mode) throws IOException {
    Path p = new Path(outputPath);
    FileSystem fs = p.getFileSystem(conf);
    Path output = fs.makeQualified(p);
    if (output.getParent() == null) {
      throw new BadInputException("--output: " + output + " is a file system root; name a directory below it");
    }
    if (mode == Mode.ERROR && fs.exists(output)) {
      throw new BadInputException("--output: " + output + " already exists (use --mode overwrite to replace it)");
    }
    String id = UUID.randomUUID().toString().substring(0, 8);
    Path staging = new Path(output.getParent(), ".lakemr-staging-" + output.getName() + "-" + id);
    return new OutputTarget(fs, output, staging, mode);
  }

  Path output() {
    return output;
  }

  /** The directory the job's committer writes into. */
  Path staging() {
    return staging;
  }

  /** Where failing tasks describe their failure. */
  Path failureDir() {
    return new Path(staging, "_lakemr_failures");
  }

  /** Makes a succeeded job's output visible at the output path. */
  void publish() throws IOException {
    fs.delete(failureDir(), true);
    fs.mkdirs(output.getParent());
    if (mode == Mode.OVERWRITE && fs.exists(output)) {
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
      return;
    }
    if (fs.exists(output)) {
      throw new IOException("output " + output + " appeared while the job ran; the result is left in " + staging);
    }
    if (!fs.rename(staging, output)) {
      throw new IOException("could not move the output from " + staging + " to " + output);
    }
  }

  /** Removes a failed job's staging directory. */
  void discard() throws IOException {
    fs.delete(staging, true);
  }

  FileSystem fileSystem() {
    return fs;
  }
}
