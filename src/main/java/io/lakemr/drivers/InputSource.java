package io.lakemr.drivers;

import io.lakemr.conf.BadInputException;
import io.lakemr.data.TableSchema;
import io.lakemr.formats.InputFile;
import io.lakemr.formats.InputFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.Job;

/**
 * What a command reads: the input files, in which format (chosen by {@code --format} or by the
 * file names), the table they hold (read on the client from metadata only), and how a job's
 * input format is set up to read some of its columns.
 *
 * <p>Options every reading command takes: {@code --input}, {@code --format}, and for HDF5
 * {@code --dataset}, {@code --columns}, {@code --layout}.
 */
abstract class InputSource {

  /** The input options, for a command's option set. */
  static final Set<String> OPTIONS = CommandLine.set("input", "format", "dataset", "columns", "layout");

  /** Options that only HDF5 input takes. */
  static final List<String> HDF5_OPTIONS = List.of("dataset", "columns", "layout");

  private static final List<String> PARQUET_SUFFIXES = List.of(".parquet", ".parq", ".pq");
  private static final List<String> HDF5_SUFFIXES = List.of(".h5", ".hdf5", ".he5", ".nc");

  private final List<String> inputs;
  private final InputFiles files;

  InputSource(List<String> inputs, InputFiles files) {
    this.inputs = List.copyOf(inputs);
    this.files = files;
  }

  /**
   * The input a command line names.
   *
   * @param hdf5Columns whether {@code --columns} is the HDF5 input option (true) or the
   *     command's own option that the input need not check (false)
   * @throws BadInputException for a missing {@code --input}, an unknown or undecidable format,
   *     an HDF5 option with Parquet input, or input that is not what its format says
   * @throws IOException when the file system fails (one line, for the user)
   */
  static InputSource open(Configuration conf, CommandLine cl, boolean hdf5Columns) throws IOException {
    List<String> inputs = cl.list("input");
    if (inputs.isEmpty()) {
      cl.require("input");
    }
    InputFiles files;
    try {
      files = InputFiles.list(conf, inputs);
    } catch (UncheckedIOException e) {
      String refused = AuthenticationFailure.describe(e);
      throw new IOException(refused == null ? e.getMessage()
          : "cannot list the input " + String.join(",", inputs) + ": " + refused, e.getCause());
    }
    String format = format(cl.get("format"), files);
    if (format.equals("parquet")) {
      for (String o : HDF5_OPTIONS) {
        if (cl.has(o) && (hdf5Columns || !o.equals("columns"))) {
          throw new BadInputException("--" + o + " is an HDF5 option, but the input is Parquet");
        }
      }
      return new ParquetInputSource(conf, inputs, files);
    }
    return new Hdf5InputSource(conf, inputs, files, cl.get("dataset"),
        hdf5Columns ? cl.list("columns") : List.of(), cl.get("layout"));
  }

  /**
   * The format of the input: {@code --format} when given, else what every file name says.
   *
   * @throws BadInputException for an unknown format, or names that are unknown or mixed
   */
  static String format(String given, InputFiles files) {
    if (given != null) {
      String f = given.trim().toLowerCase(Locale.ROOT);
      if (!f.equals("parquet") && !f.equals("hdf5")) {
        throw new BadInputException("--format: unknown input format '" + given + "' (known: parquet, hdf5)");
      }
      return f;
    }
    String found = null;
    InputFile foundIn = null;
    for (InputFile file : files.files()) {
      String n = file.path().getName().toLowerCase(Locale.ROOT);
      String f = PARQUET_SUFFIXES.stream().anyMatch(n::endsWith) ? "parquet"
          : HDF5_SUFFIXES.stream().anyMatch(n::endsWith) ? "hdf5" : null;
      if (f == null) {
        throw new BadInputException("cannot tell the format of " + file.path()
            + " from its name; give --format parquet or --format hdf5");
      }
      if (found != null && !found.equals(f)) {
        throw new BadInputException("the input mixes formats: " + foundIn.path() + " is " + found
            + " but " + file.path() + " is " + f + "; read one format at a time (--format)");
      }
      found = f;
      foundIn = file;
    }
    return found == null ? "parquet" : found;
  }

  /** The paths as given. */
  List<String> inputs() {
    return inputs;
  }

  /** The files found under them. */
  InputFiles files() {
    return files;
  }

  /** {@code parquet} or {@code hdf5}. */
  abstract String formatName();

  /**
   * Hands filter conjuncts to the input format so it can skip what cannot match. Inputs that
   * cannot use them ignore them: the rows still pass the whole filter in the mapper.
   */
  void setPushdown(Job job, List<io.lakemr.data.ColumnPredicate> predicates) {
  }

  /** The table the input holds: its columns, then the partition-directory columns. */
  abstract TableSchema schema();

  /** Sets the job's input format to read these columns (a projection of {@link #schema()}). */
  abstract void configure(Job job, Schema readSchema);

  /** A new instance of the input format {@link #configure} sets, to read splits directly. */
  abstract InputFormat<NullWritable, VectorizedRowBatch> newInputFormat();

  /** The counter of rows read. */
  abstract Enum<?> rowsCounter();

  /** The counter of stored bytes read. */
  abstract Enum<?> bytesCounter();
}
