package io.lakemr.drivers;

import io.lakemr.agg.AggSpec;
import io.lakemr.agg.AggregateCounters;
import io.lakemr.agg.AggregatePlan;
import io.lakemr.agg.DistinctAggregation;
import io.lakemr.agg.ResultOrder;
import io.lakemr.catalog.Catalog;
import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.GroupKey;
import io.lakemr.formats.output.BatchOutputFormat;
import io.lakemr.formats.output.OutputCounters;
import io.lakemr.formats.output.OutputFormatDescriptor;
import io.lakemr.formats.output.OutputFormats;
import io.lakemr.mappers.AggregateMapper;
import io.lakemr.publish.OutputTarget;
import io.lakemr.reducers.AggregateReducer;
import io.lakemr.reducers.DistinctStageReducer;
import io.lakemr.reducers.PartialCombiner;
import io.lakemr.tasks.Framework;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.SequenceFileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code lakemr aggregate}: a group-by aggregation with in-mapper combining, a combiner, and
 * sorted, optionally Hive-partitioned output.
 */
public final class AggregateTool extends LakemrTool {

  private static final Set<String> OPTIONS = CommandLine.union(InputSource.options(), CommandLine.set("group-by",
      "agg", "output", "output-format", "partition-by", "mode", "reducers", "where", "derive", "window", "compression",
      "order-by", "limit"));
  private static final Set<String> FLAGS = CommandLine.set("incremental", "full-refresh");

  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new Configuration(), new AggregateTool(), args));
  }

  @Override
  String name() {
    return "aggregate";
  }

  @Override
  String usage() {
    return String.join("\n",
        "usage: lakemr aggregate [generic options] --input PATH[,PATH...] --agg AGGS --output PATH [options]",
        "  --input PATH[,PATH...]     files, directories (read recursively) or globs",
        String.join("\n", InputSource.usage()),
        "  --group-by COL[,COL...]    group columns; without it one global row is written",
        "  --where EXPR               keep the rows where EXPR is true, e.g. \"status = 'ok' AND value > 50\"",
        "  --derive NAME=EXPR         a derived column, usable by later options; repeatable",
        "  --window COL:SIZE          derive window_start(COL, 'SIZE') (sizes s, m, h, d) and group by it",
        "  --agg AGGS                 e.g. 'count(*),count(value),sum(value),min(value),max(value),avg(value)'",
        "                             also stddev, stddev_samp, stddev_pop, variance, var_samp, var_pop,",
        "                             approx_count_distinct(col), approx_quantile(col, q), approx_median(col),",
        "                             count_distinct(col) (exact, one column per query, two jobs)",
        "  --output PATH              output directory",
        "  --output-format " + String.join("|", OutputFormats.names()) + "  (default "
            + LakemrConfig.OUTPUT_FORMAT_DEFAULT + ")",
        "  --compression CODEC        " + OutputFormats.compressionUsage(),
        "  --partition-by COL[,COL...]  write Hive-style COL=value/ directories (group columns)",
        "  --mode MODE                error (default): refuse an existing output; overwrite: replace it;",
        "                             overwrite-partitions: replace only the partitions written;",
        "                             append: add uniquely named files. All once the job has succeeded",
        "  --reducers N               number of reducers (default: one per "
            + LakemrConfig.REDUCER_BYTES_DEFAULT / (1024 * 1024) + " MiB of input)",
        "  --order-by COL [ASC|DESC][, COL [ASC|DESC]...]  sort the result rows globally: part files read",
        "                             in name order give them in order (within each partition directory);",
        "                             COL is a group column or an aggregate's result name (count, avg_value);",
        "                             nulls first ascending, last descending; ties by the group columns",
        "  --limit N                  with --order-by: only the first N rows, as one file (not with",
        "                             --partition-by)",
        "  --incremental              with --output table:NAME: read only the input files no earlier run",
        "                             read, merge them into the groups they touch, and rewrite only the",
        "                             partitions of those groups (the table keeps each group's state)",
        "  --full-refresh             with --incremental: recompute the table from all the input files");
  }

  /**
   * An aggregation as its command line asks for it, checked against the input's metadata,
   * with nothing written: what both the run and {@code plan} start from.
   */
  record Setup(OutputOptions output, InputSource input, ExpressionOptions expressions, AggregatePlan plan,
      int reducers, ResultOrder order, TableOutput table, IncrementalInputs incremental) {

    List<String> partitionNames() {
      return JobSummary.names(plan.partitionColumns());
    }
  }

  /**
   * Parses and checks the command line against the input's metadata; creates nothing.
   *
   * @throws io.lakemr.conf.BadInputException naming the option or input that is wrong
   */
  Setup setup(String[] args) throws IOException {
    CommandLine cl = CommandLine.parse(name(), args, OPTIONS, FLAGS);
    cl.requireNoPositional();
    List<AggSpec> aggs = AggSpec.parseList(cl.require("agg"));
    OutputOptions output = OutputOptions.parse(cl);
    Configuration conf = getConf();
    InputSource input = InputSource.open(conf, cl, Set.of());
    ExpressionOptions expressions = ExpressionOptions.parse(cl, conf, input.schema(), input.files());
    AggregatePlan plan = expressions.plan(cl.list("group-by"), cl.list("partition-by"), aggs);
    int reducers = plan.isGlobal() ? 1
        : (int) cl.getLong("reducers", defaultReducers(conf, expressions.files().totalBytes()), 1);
    ResultOrder order = ResultOrder.create(plan, cl.get("order-by"), cl.getLong("limit", 0, 1),
        conf.getLong(LakemrConfig.ORDER_LIMIT_MAX, LakemrConfig.ORDER_LIMIT_MAX_DEFAULT));
    output.checkCompression();
    boolean incremental = cl.has("incremental") || cl.has("full-refresh");
    if (incremental) {
      checkIncremental(cl, input);
    }
    OutputTarget.Mode mode = !incremental ? output.mode()
        : cl.has("full-refresh") ? OutputTarget.Mode.OVERWRITE : OutputTarget.Mode.OVERWRITE_PARTITIONS;
    TableOutput table = TableOutput.open(conf, output.path(), mode, output.format(),
        JobSummary.names(plan.partitionColumns()));
    IncrementalInputs increment = null;
    if (table != null) {
      output = new OutputOptions(table.location(), output.format(), output.compression(), table.publishMode());
      if (incremental) {
        increment = IncrementalInputs.of(cl.get("output"), table.base(), input.files(), expressions.files(),
            cl.has("full-refresh"));
        table = increment.full() ? table.overwriting() : table;
        table.consumed(increment.consumed());
      } else {
        table.refuseStatefulWrite();
      }
    } else {
      TableOutput.refuseTablePath(conf, output.path(), "--output table:NAME (or table:PATH)");
    }
    return new Setup(output, input, expressions, plan, reducers, order, table, increment);
  }

  /** Refuses what an incremental run cannot do, naming the option. */
  private static void checkIncremental(CommandLine cl, InputSource input) {
    String flag = cl.has("incremental") ? "--incremental" : "--full-refresh";
    if (!Catalog.isTableSpec(cl.require("output"))) {
      throw new BadInputException(flag + " writes a catalog table: give --output table:NAME");
    }
    for (String o : List.of("order-by", "limit", "mode")) {
      if (cl.has(o)) {
        throw new BadInputException("--" + o + " cannot be combined with " + flag
            + (o.equals("mode") ? " (an incremental run decides how the table is written)" : ""));
      }
    }
    if (input.isTable()) {
      throw new BadInputException(flag + " reads input files, not a catalog table: give --input PATH");
    }
  }

  /**
   * A run whose output is published but, for {@code --output table:NAME}, not yet committed:
   * what {@link #execute} commits and reports.
   */
  record Published(Setup setup, OutputTarget target, JobSummary summary, Job inputJob, Job finalJob) {
  }

  @Override
  int execute(String[] args) throws Exception {
    long started = System.currentTimeMillis();
    Published run = runAndPublish(args, started);
    if (run == null) {
      return EXIT_OK;
    }
    Setup setup = run.setup();
    String committed = setup.table() == null ? null : setup.table().commitAndDescribe(getConf());
    printReport(started, run.summary().counters(run.inputJob()), run.finalJob(), run.summary().counters(run.finalJob()),
        setup.plan(), setup.expressions(), setup.input(), run.target(), setup.output().format());
    if (committed != null) {
      out().println("  table        " + committed);
    }
    return EXIT_OK;
  }

  /**
   * The command up to a table's commit, in the order {@link #execute} runs it: checks the
   * command line, prepares the output, runs the jobs and publishes the result into the output
   * (a table's directory, as an append, with its files noted for the commit).
   *
   * @return null when an incremental run finds no new input (and has done nothing)
   */
  Published runAndPublish(String[] args, long started) throws Exception {
    Setup setup = setup(args);
    OutputOptions output = setup.output();
    List<String> partitionNames = setup.partitionNames();
    InputSource input = setup.input();
    if (setup.incremental() != null && setup.incremental().isEmpty()) {
      out().println("lakemr aggregate: no new input for " + output.path() + " (every input file was read before)");
      return null;
    }
    OutputTarget target = prepareOutput(output.path(), output.mode(), partitionNames.size(), input.paths());
    JobSummary summary = new JobSummary(name(), args, input.inputs(), started).output(target, output.format().name());

    IncrementalAggregation incremental = setup.incremental() == null ? null
        : new IncrementalAggregation(getConf(), setup, target, summary, err());
    Stages stages = new Stages(getConf(), setup, target, summary);
    Job finalJob = incremental != null ? incremental.finalJob() : stages.ordered(stages.aggregation(), setup.order());
    Job inputJob = incremental != null ? incremental.inputJob() : stages.inputJob;
    configureOutput(finalJob, output.format(), output.compression(), output.mode(), setup.plan(), partitionNames);
    JobRunner.run(finalJob, target, err(), j -> {
      summary.job(j, inputJob == j);
      summary.write(target.fileSystem(), target.staging(), j, partitionNames);
      if (incremental != null) {
        incremental.beforePublish(target.fileSystem());
      }
      if (setup.table() != null) {
        setup.table().recordStaged(target.fileSystem(), target.staging());
      }
    });
    return new Published(setup, target, summary, inputJob, finalJob);
  }

  /**
   * The job reading the input, configured as the run submits it: the aggregation itself or,
   * with count_distinct, its first stage grouped by key and value (see DistinctAggregation).
   * Its output path is set when it runs.
   */
  static Job inputJob(Configuration conf, Setup setup) throws IOException {
    AggregatePlan plan = setup.plan();
    Job job;
    if (plan.distinctColumn() == null) {
      job = Job.getInstance(conf, "lakemr aggregate");
      plan.store(job.getConfiguration());
      configureInput(job, setup.input(), setup.expressions());
    } else {
      job = Job.getInstance(conf, "lakemr aggregate (distinct stage)");
      DistinctAggregation.storeFirstStage(job.getConfiguration(), plan);
      configureInput(job, setup.input(), setup.expressions());
      job.setReducerClass(DistinctStageReducer.class);
      job.setOutputKeyClass(GroupKey.class);
      job.setOutputValueClass(BytesWritable.class);
      job.setOutputFormatClass(SequenceFileOutputFormat.class);
    }
    job.setNumReduceTasks(setup.reducers());
    return job;
  }

  /**
   * The second stage of a count_distinct aggregation: it reads the (group key, partial) pairs
   * the first wrote to {@code intermediate}; its reducer is not yet set.
   */
  static Job secondStage(Configuration conf, AggregatePlan plan, Path intermediate, int reducers)
      throws IOException {
    Job job = Job.getInstance(conf, "lakemr aggregate");
    plan.store(job.getConfiguration());
    job.setInputFormatClass(SequenceFileInputFormat.class);
    SequenceFileInputFormat.setInputPaths(job, intermediate);
    setMapSide(job, Mapper.class);
    job.setNumReduceTasks(reducers);
    return job;
  }

  /** The jobs of one aggregation before the last: they run here, the last one in execute. */
  private final class Stages {

    private final Configuration conf;
    private final Setup setup;
    private final AggregatePlan plan;
    private final OutputTarget target;
    private final JobSummary summary;
    private final int reducers;
    /** The job reading the input table (the distinct stage, with count_distinct). */
    private Job inputJob;

    Stages(Configuration conf, Setup setup, OutputTarget target, JobSummary summary) {
      this.conf = conf;
      this.setup = setup;
      this.plan = setup.plan();
      this.target = target;
      this.summary = summary;
      this.reducers = setup.reducers();
    }

    /**
     * The aggregation job, its reducer not yet set. With count_distinct it reads the output of
     * a first stage grouped by key and value, which runs here (see DistinctAggregation).
     */
    Job aggregation() throws Exception {
      inputJob = inputJob(conf, setup);
      if (plan.distinctColumn() == null) {
        return inputJob;
      }
      return secondStage(conf, plan, runDistinctStage(), reducers);
    }

    /** Runs count_distinct's first stage, grouped by key and value, into a scratch directory. */
    private Path runDistinctStage() throws Exception {
      Path intermediate = target.intermediate("distinct-stage");
      try {
        JobRunner.runStage(inputJob, intermediate, target.failureDir("distinct-stage"), err());
      } catch (IOException | InterruptedException | JobFailedException | RuntimeException e) {
        target.discard();
        throw e;
      }
      summary.job(inputJob, true);
      return intermediate;
    }

    /**
     * The job writing the output: the aggregation itself, or with --order-by a sort job over
     * the (sort key, row) pairs the aggregation, run here, wrote to scratch (see SortStage).
     */
    Job ordered(Job job, ResultOrder order) throws Exception {
      if (order == null) {
        job.setReducerClass(AggregateReducer.class);
        return job;
      }
      SortStage.configureAggregation(job, order);
      Path rows = target.intermediate("ordered-rows");
      try {
        JobRunner.runStage(job, rows, target.failureDir("aggregate"), err());
        summary.job(job, inputJob == job);
        return SortStage.create(conf, plan, order, rows, target.intermediate("split-points"), reducers, err());
      } catch (IOException | InterruptedException | JobFailedException | RuntimeException e) {
        target.discard();
        throw e;
      }
    }
  }

  /** The output side of the job writing the result: format, codec, file names, partition log, columns. */
  private static void configureOutput(Job finalJob, OutputFormatDescriptor outputFormat, String compression,
      OutputTarget.Mode mode, AggregatePlan plan, List<String> partitionNames) {
    finalJob.setOutputKeyClass(NullWritable.class);
    finalJob.setOutputValueClass(NullWritable.class);
    finalJob.setOutputFormatClass(BatchOutputFormat.class);
    BatchOutputFormat.setOutputFormat(finalJob, outputFormat);
    if (compression != null) {
      BatchOutputFormat.setCompression(finalJob, compression);
    }
    BatchOutputFormat.setUniqueFileNames(finalJob, mode == OutputTarget.Mode.APPEND);
    BatchOutputFormat.setPartitionLog(finalJob, true);
    BatchOutputFormat.setFileColumns(finalJob, plan.fileColumns());
    BatchOutputFormat.setPartitionColumns(finalJob, partitionNames);
  }

  /** The summary lines printed once the output is published. */
  private void printReport(long started, Counters inputCounters, Job finalJob, Counters c, AggregatePlan plan,
      ExpressionOptions expressions, InputSource input, OutputTarget target, OutputFormatDescriptor outputFormat) {
    long seconds10 = (System.currentTimeMillis() - started) / 100;
    out().printf("lakemr aggregate: done in %d.%d s%n", seconds10 / 10, seconds10 % 10);
    out().printf("  rows in      %,d%n", inputCounters.findCounter(AggregateCounters.ROWS_AGGREGATED).getValue());
    expressions.printSummary(out(), inputCounters, input);
    out().printf("  groups out   %,d%n", c.findCounter(AggregateCounters.GROUPS_OUT).getValue());
    if (plan.partitionCount() > 0) {
      out().printf("  partitions   %,d%n", c.findCounter(OutputCounters.PARTITIONS_WRITTEN).getValue());
    }
    if (Framework.isLocal(finalJob.getConfiguration())) {
      out().printf("  peak heap    %,d MiB live after GC (this JVM runs the local tasks)%n", peakLiveHeapBytes() >> 20);
    }
    long files = c.findCounter(OutputCounters.FILES_WRITTEN).getValue();
    out().printf("  output       %s (%s, %d file%s)%n", target.output(), outputFormat.extension(), files,
        files == 1 ? "" : "s");
  }

  /** The input side of a job reading the table: input format, read schema, mapper, combiner. */
  private static void configureInput(Job job, InputSource input, ExpressionOptions expressions)
      throws IOException {
    expressions.configure(job, input);
    setMapSide(job, AggregateMapper.class);
  }

  /**
   * The map side of a job emitting partial aggregates: the mapper, the combiner merging them
   * (unless {@link LakemrConfig#AGG_COMBINER} is off) and the map output types.
   */
  @SuppressWarnings("rawtypes")
  static void setMapSide(Job job, Class<? extends Mapper> mapper) {
    job.setJarByClass(AggregateTool.class);
    job.setMapperClass(mapper);
    if (job.getConfiguration().getBoolean(LakemrConfig.AGG_COMBINER, LakemrConfig.AGG_COMBINER_DEFAULT)) {
      job.setCombinerClass(PartialCombiner.class);
    }
    job.setMapOutputKeyClass(GroupKey.class);
    job.setMapOutputValueClass(BytesWritable.class);
  }

  static long defaultReducers(Configuration conf, long inputBytes) {
    long per = Math.max(1, conf.getLong(LakemrConfig.REDUCER_BYTES, LakemrConfig.REDUCER_BYTES_DEFAULT));
    int max = Math.max(1, conf.getInt(LakemrConfig.REDUCERS_MAX, LakemrConfig.REDUCERS_MAX_DEFAULT));
    return Math.max(1, Math.min(max, (inputBytes + per - 1) / per));
  }
}
