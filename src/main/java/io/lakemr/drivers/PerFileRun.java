package io.lakemr.drivers;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.convert.PerFileNames;
import io.lakemr.formats.InputFile;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.SplitRules;
import io.lakemr.formats.output.OutputFormatDescriptor;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.util.StringUtils;

/**
 * The client's part of {@code convert --per-file}: each input file's output name, checked to be
 * unique before the job, the files {@code --skip-existing} leaves out, and the job settings
 * that make one task read each file whole and name its output after it.
 */
final class PerFileRun {

  private final PerFileNames names;
  private final List<Path> skipped;
  private final int files;

  private PerFileRun(PerFileNames names, List<Path> skipped, int files) {
    this.names = names;
    this.skipped = List.copyOf(skipped);
    this.files = files;
  }

  /**
   * Names every input file's output and, with {@code skipExisting}, finds those whose output
   * file exists and is at least as new as the input.
   *
   * @throws BadInputException when two input files would have one output name
   */
  static PerFileRun plan(Configuration conf, InputSource input, InputFiles files, String outputPath,
      OutputFormatDescriptor format, boolean skipExisting, PrintStream err) throws IOException {
    List<Path> roots = new ArrayList<>();
    for (String in : input.paths()) {
      roots.add(InputFiles.root(conf, in));
    }
    PerFileNames names = new PerFileNames(roots, format.extension());
    Map<String, Path> byName = new HashMap<>();
    for (InputFile f : files.files()) {
      Path other = byName.putIfAbsent(names.outputName(f.path()), f.path());
      if (other != null) {
        throw new BadInputException("--per-file: " + other + " and " + f.path() + " would both be written to "
            + names.outputName(f.path()) + "; convert them in separate runs or rename one");
      }
    }
    List<Path> skipped = new ArrayList<>();
    if (skipExisting) {
      Path output = new Path(outputPath);
      FileSystem fs = output.getFileSystem(conf);
      Path qualified = fs.makeQualified(output);
      for (InputFile f : files.files()) {
        if (isUpToDate(fs, new Path(qualified, names.outputName(f.path())), f.status())) {
          skipped.add(f.path());
        }
      }
      if (!skipped.isEmpty()) {
        err.println("[lakemr convert] --skip-existing: leaving out " + skipped.size() + " of " + files.files().size()
            + " input files whose output exists and is newer");
      }
    }
    return new PerFileRun(names, skipped, files.files().size());
  }

  private static boolean isUpToDate(FileSystem fs, Path output, FileStatus input) throws IOException {
    try {
      FileStatus out = fs.getFileStatus(output);
      return out.isFile() && out.getModificationTime() >= input.getModificationTime();
    } catch (FileNotFoundException e) {
      return false;
    }
  }

  /** True when every input file was skipped: there is no job to run. */
  boolean nothingToDo() {
    return skipped.size() == files;
  }

  /** The number of input files left out. */
  int skipped() {
    return skipped.size();
  }

  /** Sets the job up: whole files per task, the naming roots, and the files left out. */
  void configure(Job job) {
    names.configure(job);
    SplitRules.setWholeFiles(job);
    if (!skipped.isEmpty()) {
      List<String> escaped = new ArrayList<>();
      skipped.forEach(p -> escaped.add(StringUtils.escapeString(p.toString())));
      job.getConfiguration().set(LakemrConfig.INPUT_SKIP_FILES, String.join(",", escaped));
    }
  }
}
