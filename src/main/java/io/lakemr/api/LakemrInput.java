package io.lakemr.api;

import io.lakemr.catalog.TableInput;
import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.Column;
import io.lakemr.data.Schemas;
import io.lakemr.data.TableSchema;
import io.lakemr.expr.BatchTransform;
import io.lakemr.expr.TransformSpec;
import io.lakemr.formats.FormatOptions;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.InputFormatDescriptor;
import io.lakemr.formats.InputFormats;
import io.lakemr.formats.InputTable;
import io.lakemr.formats.PartitionPruner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRJobConfig;

/**
 * Sets a lakemr input on a job of your own.
 *
 * <p>{@link #configure} opens the input on the client, from metadata only (the listing, the
 * Parquet footers, the HDF5 object headers...), checks the columns and the filter against it,
 * and sets the job's input format. The job's mapper then receives, for each batch of rows, a
 * {@code NullWritable} key and a {@code VectorizedRowBatch} value holding the columns
 * {@link #schema} names, in that order, with only the rows that pass the filter selected:
 *
 * <pre>{@code
 * class MyMapper extends Mapper<NullWritable, VectorizedRowBatch, Text, DoubleWritable> {
 *   private RowView row;
 *   private int station;
 *   private int value;
 *
 *   protected void setup(Context context) {
 *     row = LakemrInput.rowView(context.getConfiguration());
 *     station = row.columns().indexOf("station");
 *     value = row.columns().indexOf("value");
 *   }
 *
 *   protected void map(NullWritable key, VectorizedRowBatch batch, Context context)
 *       throws IOException, InterruptedException {
 *     row.of(batch);
 *     for (int i = 0; i < row.size(); i++) {
 *       row.at(i);
 *       if (!row.isNull(value)) {
 *         context.write(new Text(row.getString(station)), new DoubleWritable(row.getDouble(value)));
 *       }
 *     }
 *   }
 * }
 * }</pre>
 *
 * <p>A batch and its vectors are reused for the next one: copy what you keep. Batches with no
 * selected row are never handed on.
 */
public final class LakemrInput {

  private LakemrInput() {
  }

  /**
   * Sets the job to read an input: its input format, paths, columns and filter, with the
   * filter's conjuncts pushed down to the format (unless {@code lakemr.pushdown} is false).
   *
   * @param job the job to configure (its configuration is changed)
   * @param spec what to read
   * @return the columns of the batches the mapper receives, as {@link #schema} gives them
   * @throws IllegalArgumentException naming the input, the column, the option or the place
   *     in the filter, when the input, a format, an option, a column or the filter is wrong
   * @throws IOException when the file system or the catalog cannot be read
   */
  public static TableColumns configure(Job job, InputSpec spec) throws IOException {
    try {
      return open(job, spec);
    } catch (BadInputException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private static TableColumns open(Job job, InputSpec spec) throws IOException {
    Configuration conf = job.getConfiguration();
    TableInput catalogTable = TableInput.open(conf, spec.inputs(), null);
    InputFiles files = catalogTable != null ? catalogTable.files() : InputFiles.list(conf, spec.inputs());
    InputFormatDescriptor format = spec.format() != null ? InputFormats.byName(spec.format())
        : InputFormats.fromFileNames(conf, files);
    for (String option : spec.options().keySet()) {
      if (!format.options().contains(option)) {
        throw new BadInputException("input option '" + option + "' is not an option of " + format.displayName()
            + " (its options: " + String.join(", ", format.options()) + ")");
      }
    }
    // a table's files are vouched for by its log: its schema is read from the first alone
    InputFiles opened = catalogTable == null ? files : files.withFiles(List.of(files.files().get(0)));
    InputTable table = format.open(conf, opened, new FormatOptions(spec.options()));
    List<Column> wanted = columns(table.schema(), spec.columns());
    TransformSpec filter = TransformSpec.create(table.schema(), spec.where(), List.of());
    BatchTransform transform = filter.transform(filter.required(wanted.stream().map(Column::name).toList()));
    List<String> paths = catalogTable == null ? spec.inputs() : catalogTable.jobInputs();
    table.configure(job, paths, Schemas.record("row", transform.inputColumns()));
    conf.unset(LakemrConfig.EXPR_INPUT_SCHEMA);
    if (!transform.isIdentity()) {
      transform.store(conf);
    }
    boolean pushdown = conf.getBoolean(LakemrConfig.PUSHDOWN, LakemrConfig.PUSHDOWN_DEFAULT)
        && !filter.pushdown().isEmpty();
    if (pushdown) {
      table.setPushdown(job, filter.pushdown());
    }
    if (catalogTable != null) {
      catalogTable.configure(job, pushdown ? PartitionPruner.prune(files, filter.pushdown()).kept() : files);
    }
    String formatClass = conf.get(MRJobConfig.INPUT_FORMAT_CLASS_ATTR);
    if (formatClass == null) {
      throw new IllegalStateException(format.displayName() + " input set no input format on the job");
    }
    conf.set(LakemrConfig.API_INPUT_FORMAT_CLASS, formatClass);
    conf.set(LakemrConfig.API_INPUT_SCHEMA, Schemas.record("row", wanted).toString());
    job.setInputFormatClass(FilteredInputFormat.class);
    return TableColumns.of(wanted);
  }

  /** The columns asked for, checked against the table; all readable ones when none is named. */
  private static List<Column> columns(TableSchema table, List<String> names) {
    if (names.isEmpty()) {
      return table.columns();
    }
    List<Column> out = new ArrayList<>();
    for (String n : names) {
      Column c = table.column(n);
      if (c == null) {
        String why = table.unreadable().get(n);
        throw new BadInputException("column '" + n + "' of " + table.source()
            + (why != null ? " cannot be read: " + why : " does not exist (its columns: " + table.describeColumns() + ")"));
      }
      if (out.contains(c)) {
        throw new BadInputException("column '" + n + "' is asked for twice");
      }
      out.add(c);
    }
    return out;
  }

  /**
   * The columns of the batches the mapper receives: those {@link InputSpec#columns()} named,
   * in that order, or every readable column of the input (its file columns in file order, then
   * its partition-directory columns) when none was named.
   *
   * @param conf the job's configuration, on the client or in a task
   * @return the columns; column {@code i} is {@code batch.cols[i]}
   * @throws IllegalStateException when the job was not set up with {@link #configure}
   */
  public static TableColumns schema(Configuration conf) {
    String json = conf.get(LakemrConfig.API_INPUT_SCHEMA);
    if (json == null) {
      throw new IllegalStateException(LakemrConfig.API_INPUT_SCHEMA + " is not set: configure the job's input with "
          + "LakemrInput.configure");
    }
    return TableColumns.of(Schemas.columns(Schemas.parse(json)));
  }

  /**
   * A reusable row view over the batches the mapper receives, knowing their columns.
   *
   * @param conf the job's configuration
   * @return a new view, pointing at no batch yet
   * @throws IllegalStateException when the job was not set up with {@link #configure}
   */
  public static RowView rowView(Configuration conf) {
    return new RowView(schema(conf));
  }
}
