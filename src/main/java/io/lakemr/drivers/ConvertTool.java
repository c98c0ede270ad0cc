package io.lakemr.drivers;

import io.lakemr.agg.ResultOrder;
import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.convert.ConvertCounters;
import io.lakemr.convert.ConvertPartitioner;
import io.lakemr.convert.ConvertPlan;
import io.lakemr.convert.PartitionPlan;
import io.lakemr.convert.SkewPlan;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.TableSchema;
import io.lakemr.expr.RowCounters;
import io.lakemr.formats.output.BatchOutputFormat;
import io.lakemr.formats.output.OutputCounters;
import io.lakemr.formats.output.OutputFormatDescriptor;
import io.lakemr.formats.output.OutputFormats;
import io.lakemr.formats.output.OutputMetadata;
import io.lakemr.mappers.ConvertMapper;
import io.lakemr.publish.OutputTarget;
import io.lakemr.tasks.Framework;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.util.ToolRunner;
import org.apache.parquet.hadoop.ParquetOutputFormat;

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
 * writes them one partition at a time into as few files as the limits allow, in order. A
 * partition holding more than its share of the rows (from a sample taken while planning,
 * {@link SkewSampler}) is spread over several reducers ({@link SkewPlan}), each writing its own
 * files of it; the summary gives the rows each reducer took in ({@link ReducerSizes}). When
 * the partitions are many relative to the input ({@link PartitionPlan#mapSideWins}, from the
 * same sample), or {@code --partition-plan map-side} asks for it, the job is map-only instead
 * and each map task writes the partitions of its own rows
 * ({@link io.lakemr.convert.MapSidePartitions}).
 */
public class ConvertTool extends LakemrTool {

  private static final Set<String> OPTIONS = CommandLine.union(InputSource.options(), CommandLine.set("output",
      "output-format", "compression", "columns", "where", "derive", "partition-by", "sort-by", "target-file-size",
      "bloom-filter", "row-group-size",
      "max-rows-per-file", "mode", "reducers", "partition-plan"));

  private static final Set<String> FLAGS = CommandLine.set("per-file", "skip-existing");

  /** The default of {@code --target-file-size}. */
  static final String TARGET_FILE_SIZE_DEFAULT = "256m";

  /** Set when the conversion rewrites its own input in place ({@code compact}); null otherwise. */
  private final TableRewrite rewrite;

  public ConvertTool() {
    this(null);
  }

  /** A conversion that rewrites the table it reads, as {@code compact} runs it. */
  ConvertTool(TableRewrite rewrite) {
    this.rewrite = rewrite;
  }

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
        "  --partition-by COL[,COL...]  write Hive-style COL=value/ directories",
        "  --partition-plan PLAN      with --partition-by: shuffle (rows meet by partition in reducers), map-side",
        "                             (each map task writes its rows' partitions) or auto (default: map-side when",
        "                             there are over " + PartitionPlan.PARTITIONS_PER_REDUCER
            + " partitions per reducer, each under --target-file-size)",
        "  --sort-by COL [ASC|DESC][, COL [ASC|DESC]...]  order of the rows within each file; nulls first",
        "                             ascending, last descending",
        "  --target-file-size SIZE    go on in a new file once one reaches SIZE bytes (k, m, g suffixes;",
        "                             default " + TARGET_FILE_SIZE_DEFAULT + ")",
        "  --max-rows-per-file N      go on in a new file once one holds N rows (default: no limit)",
        "  --row-group-size SIZE      Parquet output: bytes per row group (default 128m)",
        "  --bloom-filter COL[,COL...]  Parquet output: a bloom filter per column chunk of these columns, so",
        "                             readers skip row groups for COL = value and COL IN (...)",
        "  --mode MODE                error (default): refuse an existing output; overwrite: replace it;",
        "                             overwrite-partitions: replace only the partitions written;",
        "                             append: add uniquely named files. All once the job has succeeded",
        "  --reducers N               with --partition-by or --sort-by: number of reducers (default: one",
        "                             per " + LakemrConfig.REDUCER_BYTES_DEFAULT / (1024 * 1024) + " MiB of input);",
        "                             a partition with more than its share of rows (sampled while planning)",
        "                             is spread over several, each writing its own files",
        "  --per-file                 one output file per input file (or store), at its path below the input",
        "                             with the output extension: 2026/01/a.h5 -> 2026/01/a.parquet; map-only",
        "  --skip-existing            with --per-file and --mode append: leave out input files whose output",
        "                             file exists and is newer (to resume an interrupted run)",
        "",
        "Without --partition-by and --sort-by the job is map-only: each map task writes its own files.");
  }

  @Override
  int execute(String[] args) throws Exception {
    return convert(args);
  }

  /**
   * A conversion as its command line asks for it, checked against the input's metadata, and
   * its job configured as it is submitted (its output path is set when it runs); nothing is
   * written. What both the run and {@code plan} start from.
   *
   * @param job null when a {@code --per-file --skip-existing} run has nothing to do
   * @param skew the partitions spread over several reducers; null when none are
   * @param table the catalog table written, or null for a directory
   */
  record Setup(OutputOptions output, InputSource input, ExpressionOptions expressions, ConvertPlan plan,
      int reducers, PerFileRun perFileRun, Job job, String planText, SkewPlan skew, TableOutput table,
      PartitionChoice partitioning) {

    List<String> partitionNames() {
      return plan.partitionColumns().stream().map(Column::name).toList();
    }
  }

  /**
   * Parses and checks the command line against the input's metadata and configures the job;
   * creates nothing.
   */
  final Setup setup(String[] args) throws IOException, InterruptedException {
    CommandLine cl = CommandLine.parse(name(), args, OPTIONS, FLAGS);
    cl.requireNoPositional();
    OutputOptions output = OutputOptions.parse(cl);
    List<ResultOrder.Term> sortBy = cl.get("sort-by") == null ? List.of() : ResultOrder.parse("--sort-by", cl.get("sort-by"));
    Configuration conf = getConf();

    boolean perFile = checkPerFile(cl, output.mode());
    InputSource input = InputSource.open(conf, cl, Set.of("columns"), Set.of("columns"),
        rewrite == null ? null : rewrite.tableFiles());
    if (rewrite != null) {
      rewrite.check(input.schema());
    }
    ExpressionOptions expressions = ExpressionOptions.parse(cl, conf, input.schema(), input.files());
    ConvertPlan plan = plan(cl, input.schema(), expressions, sortBy, perFile ? input.files().partitionColumns() : List.of());
    TableOutput table = perFile ? null : rewrite != null ? rewrite.tableOutput() : TableOutput.open(conf,
        output.path(), output.mode(), output.format(), plan.partitionColumns().stream().map(Column::name).toList());
    if (table != null) {
      output = new OutputOptions(table.location(), output.format(), output.compression(), table.publishMode());
    } else {
      TableOutput.refuseTablePath(conf, output.path(), rewrite != null ? "table:NAME (or table:PATH)"
          : "--output table:NAME (or table:PATH)");
    }
    int reducers = reducers(cl, conf, plan, expressions);
    PerFileRun perFileRun = perFile ? PerFileRun.plan(conf, input, expressions.files(), output.path(), output.format(),
        cl.has("skip-existing"), err()) : null;
    if (perFileRun != null && perFileRun.nothingToDo()) {
      return new Setup(output, input, expressions, plan, reducers, perFileRun, null,
          ConvertJobSetup.planText(perFile, plan, reducers, null, null), null, null, null);
    }
    Job job = Job.getInstance(conf, "lakemr " + name());
    configureJob(job, cl, input, expressions, plan, output.format(), output.mode());
    // a compaction gathers each partition into as few files as it can: always through the shuffle
    PartitionChoice partitioning = PartitionChoice.choose(cl, job, input, plan, reducers,
        expressions.files().totalBytes(), rewrite != null, name(), err());
    SkewPlan skew = SkewPlan.NONE;
    if (partitioning != null && partitioning.mapSide()) {
      reducers = 0;
      ConvertJobSetup.configureMapSide(job);
    } else {
      ConvertJobSetup.configureShuffle(job, plan, reducers);
      skew = ConvertSkew.plan(job, partitioning == null ? null : partitioning.sample(), plan, reducers, name(), err());
    }
    String planText = ConvertJobSetup.planText(perFile, plan, reducers, skew, partitioning);
    if (perFileRun != null) {
      perFileRun.configure(job);
      BatchOutputFormat.setPartitionLog(job, false);
    }
    if (rewrite != null) {
      rewrite.configure(job);
    }
    return new Setup(output, input, expressions, plan, reducers, perFileRun, job, planText, skew, table,
        partitioning);
  }

  /** Runs the conversion a command line asks for. */
  final int convert(String[] args) throws Exception {
    long started = System.currentTimeMillis();
    // the whole job is set up (and checked) before the output is touched
    Setup setup = setup(args);
    PerFileRun perFileRun = setup.perFileRun();
    if (setup.job() == null) {
      out().println("lakemr convert: nothing to do: the output of each of the " + perFileRun.skipped()
          + " input files exists and is newer than it");
      return EXIT_OK;
    }
    Job job = setup.job();
    InputSource input = setup.input();
    OutputOptions output = setup.output();
    List<String> partitionNames = setup.partitionNames();
    // a rewrite's input is its output: the one writer allowed to overlap what it reads
    OutputTarget target = prepareOutput(output.path(), output.mode(), partitionNames.size(),
        rewrite == null ? input.paths() : List.of());
    if (perFileRun != null) {
      target.replaceFiles();
    }
    String planText = setup.planText();
    JobSummary summary = new JobSummary(name(), args, input.inputs(), started).output(target, output.format().name())
        .rowsPassedBy(RowCounters.ROWS_PASSED).put("plan", planText);
    if (setup.partitioning() != null) {
      summary.put("partition_plan", setup.partitioning().mapSide() ? PartitionPlan.MAP_SIDE.toString()
          : PartitionPlan.SHUFFLE.toString());
    }
    List<ReducerSizes.Spread> spread = ConvertSkew.spread(setup.skew(), setup.plan());
    if (setup.reducers() > 0) {
      summary.reducers(spread, getConf().getDouble(LakemrConfig.CONVERT_SKEW_WARN_RATIO,
          LakemrConfig.CONVERT_SKEW_WARN_RATIO_DEFAULT));
    }
    err().println("[lakemr " + name() + "] plan: " + planText);
    JobRunner.run(job, target, err(), j -> {
      if (rewrite != null) {
        rewrite.verify(j, target.fileSystem(), target.staging());
      }
      summary.job(j, true);
      summary.write(target.fileSystem(), target.staging(), j, partitionNames);
      if (setup.table() != null) {
        setup.table().recordStaged(target.fileSystem(), target.staging());
      }
    });
    String committed = setup.table() == null ? null : setup.table().commitAndDescribe(getConf());
    printReport(started, planText, summary.counters(job), setup.plan(), setup.expressions(), input, target,
        output.format());
    ConvertSkew.printReducers(summary, spread, out());
    if (committed != null) {
      out().println("  table        " + committed);
    }
    return EXIT_OK;
  }

  /**
   * The columns of the conversion, checked against the input: the files get {@code --columns}
   * (or every readable input column), then the derived columns, less the partition columns.
   */
  private ConvertPlan plan(CommandLine cl, TableSchema input, ExpressionOptions expressions,
      List<ResultOrder.Term> sortBy, List<String> keptInPaths) {
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
    // with --per-file the input's partition directories stay in the output paths
    files.removeAll(keptInPaths);
    if (files.isEmpty()) {
      throw new BadInputException("--partition-by: every output column is a partition column; "
          + "no column is left to write in the files");
    }
    return ConvertPlan.create(expressions.transformFor(used), files, partitionBy, sortBy);
  }

  /**
   * Whether the run is {@code --per-file}, refusing the options it cannot honour.
   *
   * @throws BadInputException naming the option
   */
  private static boolean checkPerFile(CommandLine cl, OutputTarget.Mode mode) {
    if (cl.has("skip-existing") && (!cl.has("per-file") || mode != OutputTarget.Mode.APPEND)) {
      throw new BadInputException("--skip-existing needs --per-file and --mode append: it resumes a per-file "
          + "conversion into an existing output");
    }
    if (!cl.has("per-file")) {
      return false;
    }
    for (String option : List.of("partition-by", "partition-plan", "sort-by", "reducers", "target-file-size",
        "max-rows-per-file")) {
      if (cl.has(option)) {
        throw new BadInputException("--" + option + " cannot be used with --per-file, which writes each input "
            + "file's rows, in their order, into one output file named after it");
      }
    }
    return true;
  }

  /**
   * Asks for bloom filters on file columns of Parquet output.
   *
   * @throws BadInputException naming the option for another format or a column not in the files
   */
  private static void setBloomFilters(Job job, List<String> columns, ConvertPlan plan,
      OutputFormatDescriptor format) {
    if (columns.isEmpty()) {
      return;
    }
    if (!format.name().equals("parquet")) {
      throw new BadInputException("--bloom-filter needs --output-format parquet; " + format.name()
          + " files have no bloom filters");
    }
    List<String> fileColumns = plan.fileColumns().stream().map(Column::name).toList();
    for (String c : columns) {
      if (!fileColumns.contains(c)) {
        throw new BadInputException("--bloom-filter: column '" + c + "' is not written to the files (they hold "
            + String.join(", ", fileColumns) + ")");
      }
    }
    job.getConfiguration().set(LakemrConfig.OUTPUT_PARQUET_BLOOM_COLUMNS, String.join(",", columns));
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

  /** The job's input, map side, lineage and output files, from the command line's options. */
  private void configureJob(Job job, CommandLine cl, InputSource input, ExpressionOptions expressions,
      ConvertPlan plan, OutputFormatDescriptor outputFormat, OutputTarget.Mode mode) throws IOException {
    String compression = cl.get("compression");
    if (compression != null) {
      outputFormat.checkCompression(compression);
    }
    long targetBytes = parseSize("target-file-size", cl.get("target-file-size", TARGET_FILE_SIZE_DEFAULT));
    long maxRows = cl.getLong("max-rows-per-file", 0, 1);
    job.setJarByClass(ConvertTool.class);
    expressions.configure(job, input);
    job.setMapperClass(ConvertMapper.class);
    OutputMetadata.set(job, name(), input.inputs(), input.formatName(), input.schema().source(),
        input.lineage(job.getConfiguration()));
    ConvertJobSetup.configureOutput(job, outputFormat, compression, mode, plan);
    BatchOutputFormat.setFileLimits(job, targetBytes, maxRows);
    if (!plan.shuffles() && !cl.has("per-file")) {
      ConvertJobSetup.packSplits(job.getConfiguration(), targetBytes);
    }
    if (cl.get("row-group-size") != null) {
      job.getConfiguration().setLong(ParquetOutputFormat.BLOCK_SIZE, parseSize("row-group-size", cl.get("row-group-size")));
    }
    setBloomFilters(job, cl.list("bloom-filter"), plan, outputFormat);
  }

  /** The summary lines printed once the output is published. */
  private void printReport(long started, String planText, Counters c, ConvertPlan plan, ExpressionOptions expressions,
      InputSource input, OutputTarget target, OutputFormatDescriptor outputFormat) {
    long seconds10 = (System.currentTimeMillis() - started) / 100;
    out().printf("lakemr %s: done in %d.%d s%n", name(), seconds10 / 10, seconds10 % 10);
    out().printf("  plan         %s%n", planText);
    out().printf("  rows in      %,d%n", c.findCounter(RowCounters.ROWS_READ).getValue());
    expressions.printSummary(out(), c, input);
    out().printf("  rows out     %,d%n", c.findCounter(OutputCounters.ROWS_WRITTEN).getValue());
    if (!plan.partitionColumns().isEmpty()) {
      out().printf("  partitions   %,d%n", c.findCounter(OutputCounters.PARTITIONS_WRITTEN).getValue());
    }
    if (c.findCounter(ConvertCounters.MAP_SIDE_FLUSHES).getValue() > 0) {
      out().printf("  open files   peak %,d (each map task's, summed), %,d closed early to stay within the limit; "
          + "%,d flush%s of the rows gathered by partition%n", c.findCounter(OutputCounters.OPEN_FILES_PEAK).getValue(),
          c.findCounter(OutputCounters.FILES_CLOSED_EARLY).getValue(),
          c.findCounter(ConvertCounters.MAP_SIDE_FLUSHES).getValue(),
          c.findCounter(ConvertCounters.MAP_SIDE_FLUSHES).getValue() == 1 ? "" : "es");
    }
    if (Framework.isLocal(getConf())) {
      out().printf("  peak heap    %,d MiB live after GC (this JVM runs the local tasks)%n", peakLiveHeapBytes() >> 20);
    }
    long files = c.findCounter(OutputCounters.FILES_WRITTEN).getValue();
    out().printf("  output       %s (%s, %d file%s)%n", target.output(), outputFormat.extension(), files,
        files == 1 ? "" : "s");
  }
}
