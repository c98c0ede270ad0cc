package io.lakemr.drivers;

import io.lakemr.catalog.TableInput;
import io.lakemr.conf.BadInputException;
import io.lakemr.data.ColumnPredicate;
import io.lakemr.data.TableSchema;
import io.lakemr.formats.FormatOptions;
import io.lakemr.formats.InputFacts;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.InputFormatDescriptor;
import io.lakemr.formats.InputFormats;
import io.lakemr.formats.InputTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;

/**
 * What a command reads: the input files, in which format (chosen by {@code --format} or by the
 * file names, see {@link InputFormats}), and the {@link InputTable} that format opened on the
 * client (the table, read from metadata only, and how a job reads some of its columns).
 *
 * <p>Options every reading command takes: {@code --input}, {@code --format}, and the options
 * of every registered format ({@link InputFormatDescriptor#options()}).
 */
final class InputSource {

  private final List<String> inputs;
  private final InputFiles files;
  private final InputFormatDescriptor format;
  private final InputTable table;
  /** The catalog table read, or null when the inputs are files and directories. */
  private final TableInput catalogTable;

  private InputSource(List<String> inputs, InputFiles files, InputFormatDescriptor format,
      InputTable table, TableInput catalogTable) {
    this.inputs = List.copyOf(inputs);
    this.files = files;
    this.format = format;
    this.table = table;
    this.catalogTable = catalogTable;
  }

  /**
   * The input options, for a command's option set: input, format, as-of (a catalog table's
   * commit or time) and every format's own.
   */
  static Set<String> options() {
    Set<String> all = new LinkedHashSet<>(List.of("input", "format", "as-of"));
    all.addAll(InputFormats.optionNames());
    return all;
  }

  /** Usage lines for {@code --format} and the formats' own options. */
  static List<String> usage() {
    List<String> lines = new ArrayList<>();
    String names = String.join("|", InputFormats.names());
    lines.add(String.format("  %-26s input format; may be left out when the file names say it", "--format " + names));
    lines.add(String.format("  %-26s with --input table:NAME: read the table as of a commit number or a time",
        "--as-of COMMIT|TIME"));
    lines.add(String.format("  %-26s (2026-11-28T12:00:00Z, or a date 2026-11-28 for its start, UTC)", ""));
    for (InputFormatDescriptor f : InputFormats.ALL) {
      lines.addAll(f.optionUsage());
    }
    return lines;
  }

  /**
   * The input a command line names.
   *
   * @param commandOptions options of the command itself that share a name with a format's
   *     option (read by the command, never handed to the format), e.g. {@code columns}
   * @throws BadInputException for a missing {@code --input}, an unknown or undecidable format,
   *     an option the format does not take, or input that is not what its format says
   * @throws IOException when the file system fails (one line, for the user)
   */
  static InputSource open(Configuration conf, CommandLine cl, Set<String> commandOptions) throws IOException {
    return open(conf, cl, commandOptions, Set.of());
  }

  /**
   * The input a command line names, where some of the command's own options are handed to a
   * format that takes an option of the same name too.
   *
   * @param shared options among {@code commandOptions} that are also given to the format when
   *     it takes them (convert's {@code --columns}, which HDF5 reads as its own)
   */
  static InputSource open(Configuration conf, CommandLine cl, Set<String> commandOptions, Set<String> shared)
      throws IOException {
    return open(conf, cl, commandOptions, shared, null);
  }

  /**
   * {@link #open(Configuration, CommandLine, Set, Set)}, reading only some files of a catalog table.
   *
   * @param tableFiles the relative paths of the table's files to read, or null for all
   */
  static InputSource open(Configuration conf, CommandLine cl, Set<String> commandOptions, Set<String> shared,
      Set<String> tableFiles) throws IOException {
    List<String> inputs = cl.list("input");
    if (inputs.isEmpty()) {
      cl.require("input");
    }
    TableInput catalogTable = TableInput.open(conf, inputs, cl.get("as-of"), tableFiles);
    InputFiles files = catalogTable != null ? catalogTable.files() : list(conf, inputs);
    InputFormatDescriptor format = cl.get("format") != null ? InputFormats.byName(cl.get("format"))
        : InputFormats.fromFileNames(conf, files);
    Set<String> withheld = new HashSet<>(commandOptions);
    withheld.removeIf(o -> shared.contains(o) && format.options().contains(o));
    FormatOptions options = formatOptions(cl, format, withheld);
    // a table's files are vouched for by its log: its schema is read from the first alone,
    // instead of opening every file of every partition before any is pruned
    InputFiles opened = catalogTable == null ? files : files.withFiles(List.of(files.files().get(0)));
    return new InputSource(inputs, files, format, format.open(conf, opened, options), catalogTable);
  }

  private static InputFiles list(Configuration conf, List<String> inputs) throws IOException {
    try {
      return InputFiles.list(conf, inputs);
    } catch (UncheckedIOException e) {
      String refused = AuthenticationFailure.describe(e);
      throw new IOException(refused == null ? e.getMessage()
          : "cannot list the input " + String.join(",", inputs) + ": " + refused, e.getCause());
    }
  }

  /** The format's options as given, refusing, by name, an option of another format. */
  private static FormatOptions formatOptions(CommandLine cl, InputFormatDescriptor format,
      Set<String> commandOptions) {
    Map<String, String> values = new HashMap<>();
    for (String o : InputFormats.optionNames()) {
      if (!cl.has(o) || commandOptions.contains(o)) {
        continue;
      }
      if (!format.options().contains(o)) {
        throw new BadInputException("--" + o + " is an " + InputFormats.formatsTaking(o)
            + " option, but the input is " + format.displayName());
      }
      values.put(o, cl.get(o));
    }
    return new FormatOptions(values);
  }

  /** The inputs as given; a catalog table with the commit read, e.g. {@code table:sensors@12}. */
  List<String> inputs() {
    return catalogTable == null ? inputs : List.of(catalogTable.describe());
  }

  /** The paths read: the inputs as given, or a catalog table's location. */
  List<String> paths() {
    return catalogTable == null ? inputs : catalogTable.jobInputs();
  }

  /** Whether the input is a catalog table ({@code table:NAME}). */
  boolean isTable() {
    return catalogTable != null;
  }

  /** The files found under them. */
  InputFiles files() {
    return files;
  }

  /** The format's name, e.g. {@code parquet}. */
  String formatName() {
    return format.name();
  }

  /** The first input file's own metadata its outputs keep as lineage (empty for most formats). */
  Map<String, Object> lineage(Configuration conf) throws IOException {
    return files.isEmpty() ? Map.of() : format.lineage(conf, files.files().get(0));
  }

  /** The table the input holds: its columns, then the partition-directory columns. */
  TableSchema schema() {
    return table.schema();
  }

  /** Sets the job's input format to read these columns (a projection of {@link #schema()}). */
  void configure(Job job, Schema readSchema) throws IOException {
    if (catalogTable == null) {
      table.configure(job, inputs, readSchema);
    } else {
      table.configure(job, catalogTable.jobInputs(), readSchema);
      catalogTable.configure(job);
    }
  }

  /**
   * {@link #configure(Job, Schema)} reading only some of the files: those partition pruning
   * kept of {@link #files()} (a catalog table's manifest lists them alone; a listing is pruned
   * again where splits are planned).
   */
  void configure(Job job, Schema readSchema, InputFiles kept) throws IOException {
    if (catalogTable == null) {
      table.configure(job, inputs, readSchema);
    } else {
      table.configure(job, catalogTable.jobInputs(), readSchema);
      catalogTable.configure(job, kept);
    }
  }

  /** Hands filter conjuncts to the input format, which may use them to skip data. */
  void setPushdown(Job job, List<ColumnPredicate> predicates) throws IOException {
    table.setPushdown(job, predicates);
  }

  /** What pushdown skipped in a job, e.g. {@code 3 of 10 row groups skipped}. */
  String pushdownSummary(Counters counters) {
    return table.pushdownSummary(counters);
  }

  /** What the format's metadata says of these files, or null (see {@link InputTable#facts}). */
  InputFacts facts(Configuration conf, InputFiles kept, List<ColumnPredicate> predicates, List<InputSplit> splits)
      throws IOException {
    return table.facts(conf, kept, predicates, splits);
  }

  /** A new instance of the input format {@link #configure} sets, to read splits directly. */
  InputFormat<NullWritable, VectorizedRowBatch> newInputFormat() {
    return table.newInputFormat();
  }

  /** The counter of rows read. */
  Enum<?> rowsCounter() {
    return table.rowsCounter();
  }

  /** The counter of stored bytes read. */
  Enum<?> bytesCounter() {
    return table.bytesCounter();
  }
}
