package io.lakemr.drivers;

import io.lakemr.agg.ResultOrder;
import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.convert.ConvertPartitioner;
import io.lakemr.convert.ConvertPlan;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.GroupKey;
import io.lakemr.data.TableSchema;
import io.lakemr.expr.RowCounters;
import io.lakemr.formats.output.BatchOutputFormat;
import io.lakemr.formats.output.OutputCounters;
import io.lakemr.formats.output.OutputFormatDescriptor;
import io.lakemr.formats.output.OutputFormats;
import io.lakemr.mappers.ConvertMapper;
import io.lakemr.reducers.ConvertReducer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code lakemr convert}: rewrites any input lakemr reads as a (partitioned) table in an
 * output format, with an optional filter, derived columns, column selection and order within
 * files.
 *
 * <p>Two plans. Without {@code --partition-by} and {@code --sort-by} the job is map-only: each
 * map task writes its own files ({@code part-m-00000.parquet}, {@code part-m-00000-1.parquet}
 * when it rolls over at {@code --target-file-size} or {@code --max-rows-per-file}). Otherwise
 * rows are shuffled by partition value ({@link ConvertPartitioner}) and sorted by
 * (partition columns, sort columns), so each partition's rows meet in one reducer, which
 * writes them one partition at a time into as few files as the limits allow, in order.
 */
public final class ConvertTool extends LakemrTool {

  private static final Set<String> OPTIONS = CommandLine.union(InputSource.options(), CommandLine.set("output",
      "output-format", "compression", "columns", "where", "derive", "partition-by", "sort-by", "target-file-size",
      "max-rows-per-file", "mode", "reducers"));

  /** The default of {@code --target-file-size}. */
  static final String TARGET_FILE_SIZE_DEFAULT = "256m";

  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new Configuration(), new ConvertTool(), args));
  }

  @Override
  String name() {
    return "convert";
  }

  @Override
  String usage() {
    return String.join("\n",
        "usage: lakemr convert [generic options] --input PATH[,PATH...] --output PATH [options]",
        "  --input PATH[,PATH...]     files, directories (read recursively) or globs",
        String.join("\n", InputSource.usage()),
        "  --output PATH              output directory",
        "  --output-format " + String.join("|", OutputFormats.names()) + "  (default "
            + LakemrConfig.OUTPUT_FORMAT_DEFAULT + ")",
        "  --compression CODEC        " + OutputFormats.compressionUsage(),
        "  --columns COL[,COL...]     write only these columns, in this order (default: every column);",
        "                             derived columns are appended",
        "  --where EXPR               keep the rows where EXPR is true, e.g. \"status = 'ok' AND value > 50\"",
        "  --derive NAME=EXPR         a derived column, written after the others; repeatable",
        "  --partition-by COL[,COL...]  write Hive-style COL=value/ directories; shuffles rows by partition",
        "  --sort-by COL [ASC|DESC][, COL [ASC|DESC]...]  order of the rows within each file; nulls first",
        "                             ascending, last descending",
        "  --target-file-size SIZE    go on in a new file once one reaches SIZE bytes (k, m, g suffixes;",
        "                             default " + TARGET_FILE_SIZE_DEFAULT + ")",
        "  --max-rows-per-file N      go on in a new file once one holds N rows (default: no limit)",
        "  --mode MODE                error (default): refuse an existing output; overwrite: replace it;",
        "                             overwrite-partitions: replace only the partitions written;",
        "                             append: add uniquely named files. All once the job has succeeded",
        "  --reducers N               with --partition-by or --sort-by: number of reducers (default: one",
        "                             per " + LakemrConfig.REDUCER_BYTES_DEFAULT / (1024 * 1024) + " MiB of input)",
        "",
        "Without --partition-by and --sort-by the job is map-only: each map task writes its own files.");
  }

  @Override
  int execute(String[] args) throws Exception {
    long started = System.currentTimeMillis();
    CommandLine cl = CommandLine.parse(name(), args, OPTIONS, CommandLine.set());
    cl.requireNoPositional();
    String outputPath = cl.require("output");
    OutputFormatDescriptor outputFormat = OutputFormats.parse(cl.get("output-format", LakemrConfig.OUTPUT_FORMAT_DEFAULT));
    OutputTarget.Mode mode = OutputTarget.Mode.parse(cl.get("mode", "error"));
    String compression = cl.get("compression");
    if (compression != null) {
      outputFormat.checkCompression(compression);
    }
    long targetBytes = parseSize("target-file-size", cl.get("target-file-size", TARGET_FILE_SIZE_DEFAULT));
    long maxRows = cl.getLong("max-rows-per-file", 0, 1);
    List<ResultOrder.Term> sortBy = cl.get("sort-by") == null ? List.of() : ResultOrder.parse("--sort-by", cl.get("sort-by"));
    Configuration conf = getConf();

    InputSource input = InputSource.open(conf, cl, Set.of("columns"), Set.of("columns"));
    ExpressionOptions expressions = ExpressionOptions.parse(cl, conf, input.schema(), input.files());
    ConvertPlan plan = plan(cl, input.schema(), expressions, sortBy);
    int reducers = reducers(cl, conf, plan, expressions);
    String planText = !plan.shuffles() ? "map-only"
        : (plan.partitionColumns().isEmpty() ? "shuffle to sort, " : "shuffle by partition, ") + reducers + " reducer"
            + (reducers == 1 ? "" : "s");
    // the whole job is set up (and checked) before the output is touched
    Job job = Job.getInstance(conf, "lakemr convert");
    job.setJarByClass(ConvertTool.class);
    expressions.configure(job, input);
    job.setMapperClass(ConvertMapper.class);
    configureOutput(job, outputFormat, compression, mode, plan);
    BatchOutputFormat.setFileLimits(job, targetBytes, maxRows);
    configureShuffle(job, plan, reducers);
    List<String> partitionNames = plan.partitionColumns().stream().map(Column::name).toList();
    OutputTarget target = prepareOutput(outputPath, mode, partitionNames.size(), input.inputs());
    JobSummary summary = new JobSummary(name(), args, input.inputs(), started).output(target, outputFormat.name())
        .rowsPassedBy(RowCounters.ROWS_PASSED).put("plan", planText);
    err().println("[lakemr convert] plan: " + planText);
    JobRunner.run(job, target, err(), j -> {
      summary.job(j, true);
      summary.write(target.fileSystem(), target.staging(), j, partitionNames);
    });
    printReport(started, planText, summary.counters(job), plan, expressions, input, target, outputFormat);
    return EXIT_OK;
  }

  /**
   * The columns of the conversion, checked against the input: the files get {@code --columns}
   * (or every readable input column), then the derived columns, less the partition columns.
   */
  private ConvertPlan plan(CommandLine cl, TableSchema input, ExpressionOptions expressions,
      List<ResultOrder.Term> sortBy) {
    TableSchema table = expressions.table();
    List<String> selected = cl.list("columns");
    Set<String> output = new LinkedHashSet<>();
    if (selected.isEmpty()) {
      input.columns().forEach(c -> output.add(c.name()));
      if (!input.unreadable().isEmpty()) {
        err().println("[lakemr convert] leaving out columns lakemr cannot read: " + describe(input.unreadable()));
      }
    }
    for (String c : selected) {
      checkColumn("--columns", c, table);
      if (!output.add(c)) {
        throw new BadInputException("--columns: column '" + c + "' is listed twice");
      }
    }
    table.columns().subList(input.columns().size(), table.columns().size()).forEach(c -> output.add(c.name()));
    List<String> partitionBy = cl.list("partition-by");
    partitionBy.forEach(c -> checkColumn("--partition-by", c, table));
    List<String> used = new ArrayList<>(output);
    used.addAll(partitionBy);
    for (ResultOrder.Term t : sortBy) {
      checkColumn("--sort-by", t.column(), table);
      if (partitionBy.contains(t.column())) {
        throw new BadInputException("--sort-by: column '" + t.column() + "' is a partition column; "
            + "every row of a partition has the same value");
      }
      used.add(t.column());
    }
    List<String> files = new ArrayList<>(output);
    files.removeAll(partitionBy);
    if (files.isEmpty()) {
      throw new BadInputException("--partition-by: every output column is a partition column; "
          + "no column is left to write in the files");
    }
    return ConvertPlan.create(expressions.transformFor(used), files, partitionBy, sortBy);
  }

  private static void checkColumn(String option, String name, TableSchema table) {
    Column c = table.column(name);
    if (c != null && c.type() == ColumnType.DECIMAL && option.equals("--partition-by")) {
      throw new BadInputException(option + ": column '" + name + "' is " + c.typeName()
          + "; partitioning by a decimal is not supported yet");
    }
    if (c != null) {
      return;
    }
    String reason = table.unreadable().get(name);
    if (reason != null) {
      throw new BadInputException(option + ": column '" + name + "' of " + table.source() + " cannot be read: "
          + reason);
    }
    throw new BadInputException(option + ": unknown column '" + name + "' (columns of " + table.source() + ": "
        + table.describeColumns() + ")");
  }

  private static String describe(Map<String, String> unreadable) {
    List<String> parts = new ArrayList<>();
    unreadable.forEach((name, reason) -> parts.add(name + " (" + reason + ")"));
    return String.join(", ", parts);
  }

  private static int reducers(CommandLine cl, Configuration conf, ConvertPlan plan, ExpressionOptions expressions) {
    if (!plan.shuffles()) {
      if (cl.has("reducers")) {
        throw new BadInputException("--reducers needs --partition-by or --sort-by: without them the conversion "
            + "is map-only and each map task writes its own files");
      }
      return 0;
    }
    long byInput = AggregateTool.defaultReducers(conf, expressions.files().totalBytes());
    return (int) Math.min(Integer.MAX_VALUE, cl.getLong("reducers", byInput, 1));
  }

  /**
   * A size in bytes: a whole number, optionally with {@code k}, {@code m} or {@code g}
   * (binary multiples), e.g. {@code 256m}.
   *
   * @throws BadInputException naming the option for anything else, or a size below one byte
   */
  static long parseSize(String option, String text) {
    String t = text.trim().toLowerCase(Locale.ROOT).replace("_", "");
    long unit = 1;
    if (!t.isEmpty() && "kmg".indexOf(t.charAt(t.length() - 1)) >= 0) {
      unit = 1L << (10 * ("kmg".indexOf(t.charAt(t.length() - 1)) + 1));
      t = t.substring(0, t.length() - 1);
    }
    long n;
    try {
      n = Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw new BadInputException("--" + option + ": '" + text + "' is not a size (bytes, or with k, m or g: 256m)");
    }
    if (n < 1 || n > Long.MAX_VALUE / unit) {
      throw new BadInputException("--" + option + ": '" + text + "' is out of range (1 byte to 8 exbibytes)");
    }
    return n * unit;
  }

  /** The output side: format, codec, file names, partition log, and the plan's columns. */
  private static void configureOutput(Job job, OutputFormatDescriptor outputFormat, String compression,
      OutputTarget.Mode mode, ConvertPlan plan) {
    job.setOutputKeyClass(NullWritable.class);
    job.setOutputValueClass(NullWritable.class);
    job.setOutputFormatClass(BatchOutputFormat.class);
    BatchOutputFormat.setOutputFormat(job, outputFormat);
    if (compression != null) {
      BatchOutputFormat.setCompression(job, compression);
    }
    BatchOutputFormat.setUniqueFileNames(job, mode == OutputTarget.Mode.APPEND);
    BatchOutputFormat.setPartitionLog(job, true);
    plan.configure(job);
  }

  /** The shuffle of the plan, or none: a map-only job. */
  private static void configureShuffle(Job job, ConvertPlan plan, int reducers) {
    if (!plan.shuffles()) {
      job.setNumReduceTasks(0);
      return;
    }
    job.setMapOutputKeyClass(GroupKey.class);
    job.setMapOutputValueClass(BytesWritable.class);
    job.setPartitionerClass(ConvertPartitioner.class);
    job.setReducerClass(ConvertReducer.class);
    job.setNumReduceTasks(reducers);
  }

  /** The summary lines printed once the output is published. */
  private void printReport(long started, String planText, Counters c, ConvertPlan plan, ExpressionOptions expressions,
      InputSource input, OutputTarget target, OutputFormatDescriptor outputFormat) {
    long seconds10 = (System.currentTimeMillis() - started) / 100;
    out().printf("lakemr convert: done in %d.%d s%n", seconds10 / 10, seconds10 % 10);
    out().printf("  plan         %s%n", planText);
    out().printf("  rows in      %,d%n", c.findCounter(RowCounters.ROWS_READ).getValue());
    expressions.printSummary(out(), c, input);
    out().printf("  rows out     %,d%n", c.findCounter(OutputCounters.ROWS_WRITTEN).getValue());
    if (!plan.partitionColumns().isEmpty()) {
      out().printf("  partitions   %,d%n", c.findCounter(OutputCounters.PARTITIONS_WRITTEN).getValue());
    }
    long files = c.findCounter(OutputCounters.FILES_WRITTEN).getValue();
    out().printf("  output       %s (%s, %d file%s)%n", target.output(), outputFormat.extension(), files,
        files == 1 ? "" : "s");
  }
}
