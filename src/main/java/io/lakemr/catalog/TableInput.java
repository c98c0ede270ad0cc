package io.lakemr.catalog;

import io.lakemr.conf.BadInputException;
import io.lakemr.formats.InputFile;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.InputManifest;
import io.lakemr.formats.PartitionPruner;
import io.lakemr.formats.SplitRules;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;

/**
 * An input named {@code --input table:NAME} (or {@code table:PATH}): the files of one snapshot
 * of a catalog table, the latest or the one {@code --as-of} names, taken from the table's log
 * and never from a listing, so a dead writer's leftovers are never read and files a later
 * commit moved aside are found where they are. Jobs get them through an {@link InputManifest}.
 */
public final class TableInput {

  private final String spec;
  private final TableSnapshot snapshot;
  private final InputFiles files;

  private TableInput(String spec, TableSnapshot snapshot, InputFiles files) {
    this.spec = spec;
    this.snapshot = snapshot;
    this.files = files;
  }

  /**
   * The table the inputs name, or null when they name files and directories.
   *
   * @param asOf a commit number or a time ({@code --as-of}), or null for the latest
   * @throws BadInputException when a table is named beside other inputs, when {@code --as-of}
   *     is given without a table, or when the snapshot holds no files
   */
  public static TableInput open(Configuration conf, List<String> inputs, String asOf) throws IOException {
    return open(conf, inputs, asOf, null);
  }

  /**
   * {@link #open(Configuration, List, String)}, reading only some of the snapshot's files.
   *
   * @param only the relative paths ({@link DataFile#path()}) of the files to read, or null for all
   */
  public static TableInput open(Configuration conf, List<String> inputs, String asOf, Set<String> only)
      throws IOException {
    boolean anyTable = inputs.stream().anyMatch(Catalog::isTableSpec);
    if (!anyTable) {
      if (asOf != null) {
        throw new BadInputException("--as-of reads a catalog table: give --input table:NAME");
      }
      return null;
    }
    if (inputs.size() != 1) {
      throw new BadInputException("--input " + String.join(",", inputs)
          + ": a table (table:NAME) is read alone, not beside other inputs");
    }
    String spec = inputs.get(0);
    TableSnapshot snapshot = Catalog.openTable(conf, spec).snapshotFor(asOf);
    if (snapshot.files().isEmpty()) {
      throw new BadInputException(spec + " (" + snapshot.location() + ") has no data files at commit "
          + snapshot.version());
    }
    return new TableInput(spec, snapshot, files(conf, snapshot, only));
  }

  private static InputFiles files(Configuration conf, TableSnapshot snapshot, Set<String> only)
      throws IOException {
    List<String> keys = snapshot.partitionColumns();
    long blockSize = snapshot.location().getFileSystem(conf).getDefaultBlockSize(snapshot.location());
    List<InputFile> out = new ArrayList<>();
    for (DataFile f : snapshot.files()) {
      if (only != null && !only.contains(f.path())) {
        continue;
      }
      Path path = snapshot.resolve(conf, f);
      FileStatus status = new FileStatus(f.bytes(), false, 1, blockSize > 0 ? blockSize
          : SplitRules.FALLBACK_BLOCK_SIZE, 0, path);
      List<String> values = new ArrayList<>();
      for (String k : keys) {
        values.add(f.partition().get(k));
      }
      out.add(new InputFile(status, values));
    }
    out.sort((a, b) -> a.path().compareTo(b.path()));
    return InputFiles.of(keys, out);
  }

  /** The snapshot's files with their partition values. */
  public InputFiles files() {
    return files;
  }

  /** The path jobs are given as their input: the table's location (for delegation tokens). */
  public List<String> jobInputs() {
    return List.of(snapshot.location().toString());
  }

  /** The table as the user named it, with the commit read, e.g. {@code table:sensors@12}. */
  public String describe() {
    return spec + "@" + snapshot.version();
  }

  /**
   * Makes the job read exactly the snapshot's files: their manifest is written to a local
   * temporary file, which only the client reads (splits are planned there), removed when this
   * JVM exits.
   */
  public void configure(Job job) throws IOException {
    InputManifest.setTemporary(job, files);
  }

  /**
   * {@link #configure(Job)} with only the files left once partitions a filter rules out are
   * pruned ({@link PartitionPruner}), so that neither the manifest nor split planning goes
   * through the others; the manifest is written once.
   *
   * @param kept this input's files that pruning kept, in their order
   */
  public void configure(Job job, InputFiles kept) throws IOException {
    InputManifest.setTemporary(job, kept);
  }
}
