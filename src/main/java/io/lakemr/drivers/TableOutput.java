package io.lakemr.drivers;

import io.lakemr.catalog.Catalog;
import io.lakemr.catalog.Commit;
import io.lakemr.catalog.ConsumedInput;
import io.lakemr.catalog.DataFile;
import io.lakemr.catalog.Operation;
import io.lakemr.catalog.PendingCommit;
import io.lakemr.catalog.TableLog;
import io.lakemr.catalog.TableSnapshot;
import io.lakemr.conf.BadInputException;
import io.lakemr.data.Column;
import io.lakemr.data.Schemas;
import io.lakemr.formats.FormatOptions;
import io.lakemr.formats.InputFile;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.InputFormatDescriptor;
import io.lakemr.formats.InputFormats;
import io.lakemr.formats.output.OutputFormatDescriptor;
import io.lakemr.formats.output.OutputFormats;
import io.lakemr.publish.OutputTarget;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * An output named {@code --output table:NAME}: the job writes uniquely named Parquet files as an
 * append into the table's directory would, and then one commit of the table's log makes them
 * part of the table, with the write mode as its operation ({@code append}; {@code overwrite}
 * removing every file of the snapshot the run started from; {@code overwrite-partitions}
 * removing the files of the partitions written), or, for a rewrite ({@code compact}), a
 * {@code compact} removing exactly the files it read. Readers by name see the table before or
 * after the commit, never a mix. A commit that loses to a conflicting one, or that the table's schema
 * refuses, removes the files the run had moved in.
 */
final class TableOutput {

  private final String spec;
  private final TableLog log;
  private final TableSnapshot base;
  private final OutputTarget.Mode mode;
  /** The files a rewrite removes; null when the write mode decides. */
  private final List<DataFile> rewritten;
  private final List<String> staged = new ArrayList<>();
  private final List<ConsumedInput> consumed = new ArrayList<>();

  private TableOutput(String spec, TableLog log, TableSnapshot base, OutputTarget.Mode mode,
      List<DataFile> rewritten) {
    this.spec = spec;
    this.log = log;
    this.base = base;
    this.mode = mode;
    this.rewritten = rewritten == null ? null : List.copyOf(rewritten);
  }

  /**
   * The output of a rewrite of some of a snapshot's files into new ones: its commit is a
   * {@code compact} based on that snapshot, removing exactly those files, and it fails when
   * another commit removed one of them since.
   *
   * @param spec the table as the user named it
   * @param rewritten live files of {@code base} that the new files replace
   */
  static TableOutput rewriting(String spec, TableLog log, TableSnapshot base, List<DataFile> rewritten) {
    return new TableOutput(spec, log, base, OutputTarget.Mode.APPEND, rewritten);
  }

  /**
   * The table an output names, or null when it names a directory.
   *
   * @throws BadInputException for an unknown table, a format other than Parquet, partition
   *     columns other than the table's, or {@code error} mode on a table that has files
   */
  static TableOutput open(Configuration conf, String output, OutputTarget.Mode mode,
      OutputFormatDescriptor format, List<String> partitionColumns) throws IOException {
    if (!Catalog.isTableSpec(output)) {
      return null;
    }
    if (format != OutputFormats.PARQUET) {
      throw new BadInputException("--output " + output + ": a table's files are Parquet, not " + format.name());
    }
    TableLog log = Catalog.openTable(conf, output);
    TableSnapshot base = log.snapshot();
    if (!base.partitionColumns().equals(partitionColumns)) {
      throw new BadInputException("--output " + output + " is partitioned by (" + String.join(", ",
          base.partitionColumns()) + "): give --partition-by " + String.join(",", base.partitionColumns())
          + (partitionColumns.isEmpty() ? "" : ", not " + String.join(",", partitionColumns)));
    }
    if (mode == OutputTarget.Mode.ERROR && !base.files().isEmpty()) {
      throw new BadInputException("--output " + output + " already has " + base.files().size()
          + " files (use --mode append, overwrite or overwrite-partitions)");
    }
    return new TableOutput(output, log, base, mode, null);
  }

  /**
   * Refuses a write other than an incremental run or an overwrite into a table that
   * incremental runs keep: an append or a partition's rewrite would leave the table's
   * aggregate state behind its data.
   */
  void refuseStatefulWrite() {
    if (base.hasState() && mode != OutputTarget.Mode.OVERWRITE) {
      throw new BadInputException("--output " + spec + " is kept by incremental runs: give --incremental (or "
          + "--full-refresh, or --mode overwrite to stop keeping it incrementally)");
    }
  }

  /** This output written as an {@code overwrite} of the whole table, from the same snapshot. */
  TableOutput overwriting() {
    return new TableOutput(spec, log, base, OutputTarget.Mode.OVERWRITE, null);
  }

  /** The snapshot the run started from. */
  TableSnapshot base() {
    return base;
  }

  /** Records input files the run read, for the next incremental run. */
  void consumed(List<ConsumedInput> inputs) {
    consumed.addAll(inputs);
  }

  /**
   * Refuses a write by path into a directory that is a catalog table (it has
   * {@value TableLog#LOG_DIR}/): files put there by path would be invisible to the table's
   * readers, and a replace would move its log.
   *
   * @param instead how to write the table instead, for the message
   * @throws BadInputException when the path is a table
   */
  static void refuseTablePath(Configuration conf, String output, String instead) throws IOException {
    Path p = new Path(output);
    FileSystem fs = p.getFileSystem(conf);
    Path qualified = fs.makeQualified(p);
    boolean table;
    try {
      table = fs.getFileStatus(qualified).isDirectory() && TableLog.isTable(fs, qualified);
    } catch (IOException e) {
      // missing, or below a regular file: not a table; the output checks that follow say what is wrong
      return;
    }
    if (table) {
      throw new BadInputException(output + " is a catalog table (it has " + TableLog.LOG_DIR + "/): write it as "
          + instead);
    }
  }

  /** The directory the job publishes into. */
  String location() {
    return log.location().toString();
  }

  /** The mode the run publishes in: an append of uniquely named files, whatever the commit does. */
  OutputTarget.Mode publishMode() {
    return OutputTarget.Mode.APPEND;
  }

  /** Notes the data files a succeeded job staged, by their paths below the staging directory. */
  void recordStaged(FileSystem fs, Path staging) throws IOException {
    String root = fs.makeQualified(staging).toUri().getPath();
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(staging, true);
    while (it.hasNext()) {
      String path = it.next().getPath().toUri().getPath();
      String relative = path.substring(root.length() + 1);
      if (!hidden(relative) || isState(relative) && !hidden(relative.substring(TableLog.STATE_DIR.length() + 1))) {
        staged.add(relative);
      }
    }
  }

  private static boolean isState(String relative) {
    return relative.startsWith(TableLog.STATE_DIR + "/");
  }

  private static boolean hidden(String relative) {
    for (String part : relative.split("/")) {
      if (part.startsWith("_") || part.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Commits the published files to the table's log.
   *
   * @throws IOException when the commit conflicts with another or the schema is refused; the
   *     files the run moved into the table are removed first
   */
  Commit commit(Configuration conf) throws IOException {
    try {
      PendingCommit pending = base.newCommit(operation());
      List<DataFile> added = dataFiles(conf);
      pending.addAll(added);
      pending.schema(schema(conf, added.stream().filter(f -> !f.isState()).toList()));
      for (DataFile f : removed(added)) {
        pending.remove(f.path());
      }
      consumed.forEach(pending::consumed);
      return log.commit(pending);
    } catch (IOException | RuntimeException e) {
      FileSystem fs = log.location().getFileSystem(conf);
      for (String f : staged) {
        fs.delete(new Path(log.location(), f), false);
      }
      throw new IOException("the commit to " + spec + " failed and its " + staged.size()
          + " new files were removed: " + e.getMessage(), e);
    }
  }

  /** {@link #commit}, described in a line: the table, the commit's number, operation and files. */
  String commitAndDescribe(Configuration conf) throws IOException {
    Commit c = commit(conf);
    return String.format("%s: commit %d (%s, %d file%s added, %d removed)", spec, c.version(),
        c.operation().label(), c.added().size(), c.added().size() == 1 ? "" : "s", c.removed().size());
  }

  private Operation operation() {
    if (rewritten != null) {
      return Operation.COMPACT;
    }
    return switch (mode) {
      case OVERWRITE -> Operation.OVERWRITE;
      case OVERWRITE_PARTITIONS -> Operation.OVERWRITE_PARTITIONS;
      default -> Operation.APPEND;
    };
  }

  private List<DataFile> removed(List<DataFile> added) {
    if (rewritten != null) {
      return rewritten;
    }
    List<DataFile> out = new ArrayList<>();
    if (mode == OutputTarget.Mode.OVERWRITE) {
      out.addAll(base.files());
      out.addAll(base.stateFiles(p -> true));
    } else if (mode == OutputTarget.Mode.OVERWRITE_PARTITIONS) {
      Set<Map<String, String>> written = new HashSet<>();
      added.forEach(f -> written.add(f.partition()));
      out.addAll(base.files(written::contains));
      out.addAll(base.stateFiles(written::contains));
    }
    return out;
  }

  private List<DataFile> dataFiles(Configuration conf) throws IOException {
    InputFormatDescriptor parquet = InputFormats.byName("parquet");
    FileSystem fs = log.location().getFileSystem(conf);
    List<DataFile> out = new ArrayList<>();
    for (String relative : staged) {
      FileStatus status = fs.getFileStatus(new Path(log.location(), relative));
      DataFile entry = DataFile.ofHivePath(relative, base.partitionColumns(), -1, status.getLen());
      if (entry.isState()) {
        out.add(entry);
        continue;
      }
      long rows = parquet.rowCount(conf, new InputFile(status, new ArrayList<>(entry.partition().values())));
      out.add(new DataFile(relative, entry.partition(), rows, status.getLen()));
    }
    return out;
  }

  /** The written files' table schema: their columns, then the partition columns, as register reads it. */
  private Schema schema(Configuration conf, List<DataFile> added) throws IOException {
    if (added.isEmpty()) {
      return base.schema();
    }
    DataFile first = added.get(0);
    FileStatus status = log.location().getFileSystem(conf).getFileStatus(new Path(log.location(), first.path()));
    InputFiles files = InputFiles.of(base.partitionColumns(),
        List.of(new InputFile(status, new ArrayList<>(first.partition().values()))));
    List<Column> columns = InputFormats.byName("parquet").open(conf, files, new FormatOptions(new LinkedHashMap<>()))
        .schema().columns();
    return Schemas.record("row", new ArrayList<>(columns));
  }
}
