package io.lakemr.drivers;

import io.lakemr.agg.AggSpec;
import io.lakemr.agg.AggregateCounters;
import io.lakemr.agg.AggregatePlan;
import io.lakemr.agg.DistinctAggregation;
import io.lakemr.agg.ResultOrder;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.GroupKey;
import io.lakemr.data.TableSchema;
import io.lakemr.formats.output.BatchOutputFormat;
import io.lakemr.formats.output.OutputCounters;
import io.lakemr.formats.output.OutputFileFormat;
import io.lakemr.mappers.AggregateMapper;
import io.lakemr.reducers.AggregateReducer;
import io.lakemr.reducers.DistinctStageReducer;
import java.io.IOException;
import io.lakemr.reducers.PartialCombiner;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.fs.Path;
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

  private static final java.util.Set<String> OPTIONS = CommandLine.set("input", "format", "group-by", "agg",
      "output", "output-format", "partition-by", "mode", "reducers", "dataset", "columns", "layout", "where",
      "derive", "window", "compression", "order-by", "limit");

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
        "  --format parquet|hdf5      input format; may be left out when the file names say it",
        "  --dataset PATH             HDF5: dataset or group of 1-D datasets (default: the only dataset)",
        "  --columns COL[,COL...]     HDF5: read only these columns of the dataset",
        "  --layout rows|cells        HDF5: rows over the leading dimensions (default), or one row per element",
        "  --group-by COL[,COL...]    group columns; without it one global row is written",
        "  --where EXPR               keep the rows where EXPR is true, e.g. \"status = 'ok' AND value > 50\"",
        "  --derive NAME=EXPR         a derived column, usable by later options; repeatable",
        "  --window COL:SIZE          derive window_start(COL, 'SIZE') (sizes s, m, h, d) and group by it",
        "  --agg AGGS                 e.g. 'count(*),count(value),sum(value),min(value),max(value),avg(value)'",
        "                             also stddev, stddev_samp, stddev_pop, variance, var_samp, var_pop,",
        "                             approx_count_distinct(col), approx_quantile(col, q), approx_median(col),",
        "                             count_distinct(col) (exact, one column per query, two jobs)",
        "  --output PATH              output directory",
        "  --output-format parquet|csv|jsonl|avro  (default parquet)",
        "  --compression CODEC        parquet: snappy (default), zstd, gzip, none; avro: snappy (default),",
        "                             deflate, none; csv and jsonl: none",
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
        "                             --partition-by)");
  }

  @Override
  int execute(String[] args) throws Exception {
    long started = System.currentTimeMillis();
    CommandLine cl = CommandLine.parse(name(), args, OPTIONS, CommandLine.set());
    cl.requireNoPositional();
    List<AggSpec> aggs = AggSpec.parseList(cl.require("agg"));
    String outputPath = cl.require("output");
    OutputFileFormat outputFormat = OutputFileFormat.parse(cl.get("output-format", "parquet"));
    OutputTarget.Mode mode = OutputTarget.Mode.parse(cl.get("mode", "error"));
    Configuration conf = getConf();

    InputSource input = InputSource.open(conf, cl, true);
    TableSchema table = input.schema();
    ExpressionOptions expressions = ExpressionOptions.parse(cl, conf, table, input.files());
    AggregatePlan plan = expressions.plan(cl.list("group-by"), cl.list("partition-by"), aggs);
    int reducers = plan.isGlobal() ? 1
        : (int) cl.getLong("reducers", defaultReducers(conf, expressions.files().totalBytes()), 1);
    ResultOrder order = ResultOrder.create(plan, cl.get("order-by"), cl.getLong("limit", 0, 1),
        conf.getLong(LakemrConfig.ORDER_LIMIT_MAX, LakemrConfig.ORDER_LIMIT_MAX_DEFAULT));
    // ---- output target, write mode and job summary ----
    List<String> partitionNames = JobSummary.names(plan.partitionColumns());
    OutputParents.check(conf, outputPath);
    OutputTarget target = OutputTarget.prepare(conf, outputPath, mode, partitionNames.size());
    List<String> inputs = input.inputs();
    JobSummary summary = new JobSummary(name(), args, inputs, started).output(target, outputFormat.formatName());
    String compression = cl.get("compression");
    if (compression != null) {
      BatchOutputFormat.checkCompression(outputFormat, compression);
    }
    // ---- end output target ----

    Job inputJob;
    Job job;
    if (plan.distinctColumn() == null) {
      job = Job.getInstance(conf, "lakemr aggregate");
      plan.store(job.getConfiguration());
      configureInput(job, input, expressions);
      inputJob = job;
    } else {
      // ---- count_distinct: stage 1 grouped by key and value, see DistinctAggregation ----
      inputJob = Job.getInstance(conf, "lakemr aggregate (distinct stage)");
      DistinctAggregation.storeFirstStage(inputJob.getConfiguration(), plan);
      configureInput(inputJob, input, expressions);
      inputJob.setReducerClass(DistinctStageReducer.class);
      inputJob.setOutputKeyClass(GroupKey.class);
      inputJob.setOutputValueClass(BytesWritable.class);
      inputJob.setOutputFormatClass(SequenceFileOutputFormat.class);
      inputJob.setNumReduceTasks(reducers);
      Path intermediate = target.intermediate("distinct-stage");
      try {
        JobRunner.runStage(inputJob, intermediate, target.failureDir("distinct-stage"), err());
      } catch (IOException | InterruptedException | JobFailedException | RuntimeException e) {
        target.discard();
        throw e;
      }
      summary.job(inputJob, true);
      job = Job.getInstance(conf, "lakemr aggregate");
      plan.store(job.getConfiguration());
      job.setJarByClass(AggregateTool.class);
      job.setInputFormatClass(SequenceFileInputFormat.class);
      SequenceFileInputFormat.setInputPaths(job, intermediate);
      job.setMapperClass(Mapper.class);
      if (job.getConfiguration().getBoolean(LakemrConfig.AGG_COMBINER, LakemrConfig.AGG_COMBINER_DEFAULT)) {
        job.setCombinerClass(PartialCombiner.class);
      }
      job.setMapOutputKeyClass(GroupKey.class);
      job.setMapOutputValueClass(BytesWritable.class);
      // ---- end count_distinct ----
    }
    job.setNumReduceTasks(reducers);
    Job finalJob;
    if (order == null) {
      job.setReducerClass(AggregateReducer.class);
      finalJob = job;
    } else {
      // ---- order-by: this job writes (sort key, row) to scratch, a sort job the output; see SortStage ----
      SortStage.configureAggregation(job, order);
      Path rows = target.intermediate("ordered-rows");
      try {
        JobRunner.runStage(job, rows, target.failureDir("aggregate"), err());
        summary.job(job, inputJob == job);
        finalJob = SortStage.create(conf, plan, order, rows, target.intermediate("split-points"), reducers, err());
      } catch (IOException | InterruptedException | JobFailedException | RuntimeException e) {
        target.discard();
        throw e;
      }
      // ---- end order-by ----
    }
    Configuration jc = finalJob.getConfiguration();
    finalJob.setOutputKeyClass(NullWritable.class);
    finalJob.setOutputValueClass(NullWritable.class);
    finalJob.setOutputFormatClass(BatchOutputFormat.class);
    BatchOutputFormat.setOutputFormat(finalJob, outputFormat);
    // ---- output: compression, unique names, partition log ----
    if (compression != null) {
      BatchOutputFormat.setCompression(finalJob, compression);
    }
    BatchOutputFormat.setUniqueFileNames(finalJob, mode == OutputTarget.Mode.APPEND);
    BatchOutputFormat.setPartitionLog(finalJob, true);
    // ---- end output ----
    BatchOutputFormat.setFileColumns(finalJob, plan.fileColumns());
    BatchOutputFormat.setPartitionColumns(finalJob, partitionNames);

    JobRunner.run(finalJob, target, err(), j -> {
      summary.job(j, inputJob == j);
      summary.write(target.fileSystem(), target.staging(), j, partitionNames);
    });

    Counters c = summary.counters(finalJob);
    long seconds10 = (System.currentTimeMillis() - started) / 100;
    out().printf("lakemr aggregate: done in %d.%d s%n", seconds10 / 10, seconds10 % 10);
    Counters inputCounters = summary.counters(inputJob);
    out().printf("  rows in      %,d%n", inputCounters.findCounter(AggregateCounters.ROWS_AGGREGATED).getValue());
    expressions.printSummary(out(), inputCounters);
    out().printf("  groups out   %,d%n", c.findCounter(AggregateCounters.GROUPS_OUT).getValue());
    if (plan.partitionCount() > 0) {
      out().printf("  partitions   %,d%n", c.findCounter(OutputCounters.PARTITIONS_WRITTEN).getValue());
    }
    if ("local".equals(jc.get("mapreduce.framework.name", "local"))) {
      out().printf("  peak heap    %,d MiB live after GC (this JVM runs the local tasks)%n", peakLiveHeapBytes() >> 20);
    }
    out().printf("  output       %s (%s, %d file%s)%n", target.output(), outputFormat.extension(),
        c.findCounter(OutputCounters.FILES_WRITTEN).getValue(),
        c.findCounter(OutputCounters.FILES_WRITTEN).getValue() == 1 ? "" : "s");
    return EXIT_OK;
  }

  /** The input side of a job reading the table: input format, read schema, mapper, combiner. */
  private static void configureInput(Job job, InputSource input, ExpressionOptions expressions) {
    job.setJarByClass(AggregateTool.class);
    expressions.configure(job, input);
    job.setMapperClass(AggregateMapper.class);
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
