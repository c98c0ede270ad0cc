package io.lakemr.drivers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lakemr.agg.AggregatePlan;
import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.convert.ConvertPlan;
import io.lakemr.expr.BatchTransform;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.InputManifest;
import io.lakemr.mappers.AggregateMapper;
import io.lakemr.publish.OutputTarget;
import io.lakemr.tasks.Framework;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.util.GenericOptionsParser;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code lakemr plan aggregate|convert ...}: what a job will cost, before it runs. Takes the
 * command's own options, checks them as the command does, and configures the same job the
 * command would submit (through the command's own setup); then reads metadata and a bounded
 * sample instead of running it, and prints files, bytes, rows, splits, pushdown, groups,
 * shuffle, reducers, output files, memory against budgets and warnings. Creates nothing: no
 * output, no lock, no staging.
 */
public final class PlanTool extends LakemrTool {

  /** Output partitions past which a plan warns. */
  static final long MANY_PARTITIONS = 10_000;

  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new Configuration(), new PlanTool(), args));
  }

  /** The command planned, once known: errors then name it as {@code lakemr plan aggregate: ...}. */
  private String planned;

  @Override
  String name() {
    return planned == null ? "plan" : "plan " + planned;
  }

  @Override
  String usage() {
    return String.join("\n",
        "usage: lakemr plan aggregate|convert [generic options] [--json] [the command's options]",
        "  what the job would read and cost, from metadata and a small sample, without running it:",
        "  files, bytes, rows, row groups, splits and map tasks, what pushdown skips, distinct groups,",
        "  shuffle bytes, reducers, output files, memory per task against its budget, and warnings",
        "  with the setting to change. Nothing is written. The sample is bounded by "
            + LakemrConfig.PLAN_SAMPLE_ROWS + " and " + LakemrConfig.PLAN_SAMPLE_SPLITS + ".",
        "  --json                     print one JSON object instead of text");
  }

  @Override
  int execute(String[] args) throws Exception {
    long started = System.nanoTime();
    if (args.length == 0 || !(args[0].equals("aggregate") || args[0].equals("convert"))) {
      throw new BadInputException("name the command to plan: plan aggregate ... or plan convert ..."
          + (args.length == 0 ? "" : " (not '" + args[0] + "')"));
    }
    planned = args[0];
    // generic options may come after the command's name too, where the command itself takes them
    String[] after = new GenericOptionsParser(getConf(), Arrays.copyOfRange(args, 1, args.length)).getRemainingArgs();
    List<String> rest = new ArrayList<>(List.of(after));
    boolean json = rest.remove("--json");
    String[] options = rest.toArray(new String[0]);
    JobPlan plan = args[0].equals("aggregate") ? planAggregate(options) : planConvert(options);
    long nanos = System.nanoTime() - started;
    if (json) {
      out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValueAsString(plan.document(nanos)));
    } else {
      plan.print(out(), nanos);
    }
    return EXIT_OK;
  }

  private <T extends LakemrTool> T command(T tool) {
    tool.setConf(getConf());
    tool.withStreams(err(), err());
    return tool;
  }

  /** What an incremental run reads and does beyond the job planned. */
  private static void describeIncrement(JobPlan plan, IncrementalInputs increment) {
    if (increment == null) {
      return;
    }
    String what = increment.full() ? "reads every input file and rewrites the table, keeping each group's state"
        : String.format("reads the %,d input file%s no earlier run read, then merges them with the table's state of "
            + "the partitions they touch (a second job)", increment.read().files().size(),
            increment.read().files().size() == 1 ? "" : "s");
    plan.line("increment", what);
  }

  private JobPlan planAggregate(String[] args) throws Exception {
    AggregateTool.Setup setup = command(new AggregateTool()).setup(args);
    OutputOptions output = setup.output();
    Path out = OutputTarget.check(getConf(), output.path(), output.mode(), setup.partitionNames().size(),
        setup.input().inputs());
    Job job = AggregateTool.inputJob(getConf(), setup);
    InputFiles read = setup.expressions().files();
    if (setup.incremental() != null) {
      read = setup.incremental().read();
      InputManifest.setTemporary(job, read);
    }
    JobPlan plan = new JobPlan("aggregate", setup.input(), setup.expressions(), read, job);
    AggregatePlan agg = setup.plan();
    AggregateSampleRows rows = new AggregateSampleRows(agg, agg.distinctColumn() == null ? agg : agg.firstStage());
    plan.sample(BatchTransform.load(job.getConfiguration(), agg.readColumns()), rows);
    rows.finish();
    long groups = rows.groups().estimate(plan.rowsPassed());
    long partitions = agg.partitionCount() == 0 ? 0 : rows.partitions().estimate(plan.rowsPassed());
    Map<String, Object> g = new LinkedHashMap<>();
    g.put("estimate", groups);
    g.put("inSample", rows.groups().distinct());
    g.put("partitions", partitions);
    plan.section("groups", g, "groups", String.format("~%,d (%,d in the sample)%s", groups, rows.groups().distinct(),
        partitions == 0 ? "" : String.format("; ~%,d output partitions", partitions)));
    long mapGroups = rows.tableGroups() == rows.groups() ? groups : rows.tableGroups().estimate(plan.rowsPassed());
    AggregateCosts.of(plan, rows, mapGroups, setup.reducers()).describe(plan, groups, partitions);
    if (agg.distinctColumn() != null) {
      plan.line("then", "the aggregation job over the distinct stage's (group, value) output");
    }
    if (setup.order() != null) {
      plan.line("then", "a sort job for --order-by over the groups, with the same reducers");
    }
    describeIncrement(plan, setup.incremental());
    describeOutput(plan, out, output, partitions);
    return plan;
  }

  private JobPlan planConvert(String[] args) throws Exception {
    ConvertTool.Setup setup = command(new ConvertTool()).setup(args);
    OutputOptions output = setup.output();
    Path out = OutputTarget.check(getConf(), output.path(), output.mode(), setup.partitionNames().size(),
        setup.input().inputs());
    if (setup.job() == null) {
      throw new BadInputException("nothing to plan: the output of each of the " + setup.perFileRun().skipped()
          + " input files exists and is newer than it");
    }
    Job job = setup.job();
    JobPlan plan = new JobPlan("convert", setup.input(), setup.expressions(), job);
    ConvertPlan convert = setup.plan();
    ConvertSampleRows rows = new ConvertSampleRows(convert);
    plan.sample(BatchTransform.load(job.getConfiguration(), convert.rowColumns()), rows);
    long partitions = convert.partitionColumns().isEmpty() ? 0 : rows.partitions().estimate(plan.rowsPassed());
    plan.line("plan", setup.planText());
    ConvertCosts.describe(plan, rows, convert, setup.reducers(), partitions,
        setup.skew() != null && !setup.skew().heavy().isEmpty());
    describeOutput(plan, out, output, partitions);
    return plan;
  }

  private void describeOutput(JobPlan plan, Path out, OutputOptions output, long partitions) throws Exception {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("path", out.toString());
    o.put("format", output.format().name());
    o.put("mode", output.mode().optionName());
    o.put("exists", out.getFileSystem(getConf()).exists(out));
    plan.section("output", o, "output", out + " (" + output.format().name() + ", mode " + output.mode().optionName()
        + ")");
    if (output.mode() == OutputTarget.Mode.ERROR && (boolean) o.get("exists")) {
      plan.warn("--output " + out + " exists: the run would stop before its job", "--mode overwrite (or another --output)");
    }
    if (partitions > MANY_PARTITIONS) {
      plan.warn(String.format("~%,d output partitions: as many directories, each with its files", partitions),
          "--partition-by fewer or coarser columns");
    }
  }

  /** The in-mapper table's budget in a map task of this plan's job. */
  static long mapTableBudget(JobPlan plan) {
    Configuration conf = plan.conf();
    return AggregateMapper.memoryBudget(conf, plan.taskHeap("map"));
  }

  /** Bytes a map task sorts in memory before it spills: {@code io.sort.mb} times the spill percent. */
  static long sortBuffer(Configuration conf) {
    return (long) ((conf.getLong("mapreduce.task.io.sort.mb", 100) << 20)
        * conf.getFloat("mapreduce.map.sort.spill.percent", 0.8f));
  }

  /** Bytes a reduce task keeps of its shuffle input in memory. */
  static long reduceShuffleBuffer(JobPlan plan) {
    Configuration conf = plan.conf();
    float share = conf.getFloat(JobRunner.SHUFFLE_BUFFER_PERCENT, 0.7f);
    int sharing = Framework.isLocal(conf) ? Math.max(1, conf.getInt("mapreduce.local.reduce.tasks.maximum", 1)) : 1;
    return (long) (plan.taskHeap("reduce") * (double) share / sharing);
  }
}
