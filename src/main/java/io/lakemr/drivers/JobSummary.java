package io.lakemr.drivers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakemr.agg.AggregateCounters;
import io.lakemr.conf.Redaction;
import io.lakemr.data.Column;
import io.lakemr.formats.HivePaths;
import io.lakemr.formats.output.OutputCounters;
import io.lakemr.formats.output.PartitionLog;
import io.lakemr.publish.OutputTarget;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.CounterGroup;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;

/**
 * The job summary, {@value #FILE_NAME}, written beside {@code _SUCCESS} before the output is
 * published, so it appears exactly when the output does.
 *
 * <p>It holds: {@code lakemr_version}; {@code command} and its {@code arguments} (generic
 * Hadoop options excluded); {@code inputs} as given; {@code output}, {@code output_format} and
 * {@code mode} (in all of them, secrets masked by {@link Redaction}); {@code started} and
 * {@code finished} (ISO-8601 UTC) and {@code elapsed_ms}; {@code jobs}, the id and name of each
 * MapReduce job the command ran; {@code rows} with {@code read}, {@code filtered_out},
 * {@code passed} and {@code written}; {@code groups_out} (aggregate); {@code plan} when the
 * command tells it (convert);
 * {@code partitions}, each partition directory written ({@code path} relative to the output,
 * its {@code values} unescaped, null for Hive's default partition, its {@code rows} and
 * {@code files}), empty for unpartitioned output; {@code reducers} when the command asks
 * ({@link #reducers}: convert), the rows each reducer took in ({@code input_rows}, by reducer
 * number), their {@code largest}, {@code median} and {@code largest_over_median}, the
 * {@code spread_partitions} and a {@code warning} past the ratio; and {@code counters}: every
 * counter of every job, by job name, group and counter.
 *
 * <p>Rows account: {@code read = passed + filtered_out}. {@code read} is the input format's
 * row counter ({@code ROWS} of an {@code io.lakemr.formats} counter group); {@code passed} the
 * rows folded into aggregates; {@code filtered_out} the where-filter's counter
 * ({@value #FILTERED_OUT_COUNTER} in any group) when the job has one, else 0. Partition rows
 * come from the tasks' {@link PartitionLog} side files, which this class reads and removes.
 */
final class JobSummary {

  /** The summary's file name in the output directory. */
  static final String FILE_NAME = "_lakemr.json";

  /** The name of the where-filter's counter of rows it removed. */
  static final String FILTERED_OUT_COUNTER = "ROWS_FILTERED_OUT";

  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private final ObjectNode root = json.createObjectNode();
  private final ArrayNode jobs = json.createArrayNode();
  private final ObjectNode counters = json.createObjectNode();
  private final long started;
  private Counters inputJobCounters;
  private Enum<?> passedCounter = AggregateCounters.ROWS_AGGREGATED;
  /**
   * Each job's counters, read once when it finished: once a job's application master has
   * exited, its counters come from the history server, which may not serve them.
   */
  private final Map<Job, Counters> jobCounters = new IdentityHashMap<>();
  /** The spread partitions to report with the reducers' sizes; null: no reducers' sizes. */
  private List<ReducerSizes.Spread> spread;
  private double warnRatio;
  private ReducerSizes reducerSizes;
  private String reducerWarning;

  JobSummary(String command, String[] arguments, List<String> inputs, long started) {
    this.started = started;
    root.put("lakemr_version", version());
    root.put("command", command);
    ArrayNode args = root.putArray("arguments");
    Redaction.byKeyNames().arguments(arguments).forEach(args::add);
    ArrayNode in = root.putArray("inputs");
    inputs.forEach(i -> in.add(Redaction.byKeyNames().text(i)));
  }

  /**
   * For a command writing the rows it reads rather than groups: {@code passed} is read from
   * {@code counter}, and the summary has no {@code groups_out}.
   */
  JobSummary rowsPassedBy(Enum<?> counter) {
    passedCounter = counter;
    return this;
  }

  /**
   * Makes {@link #write} report the final job's reducers: the rows each took in (its tasks'
   * logged rows, so for jobs whose reducers write every row they receive), the largest over the
   * median, a warning past {@code warnRatio}, and the partitions the plan spread over several.
   */
  JobSummary reducers(List<ReducerSizes.Spread> spread, double warnRatio) {
    this.spread = List.copyOf(spread);
    this.warnRatio = warnRatio;
    return this;
  }

  /** The reducers' sizes {@link #write} found, or null when it was not asked to ({@link #reducers}) or the job had none. */
  ReducerSizes reducerSizes() {
    return reducerSizes;
  }

  /** The warning about the reducers' sizes {@link #write} gave, or null for none. */
  String reducerWarning() {
    return reducerWarning;
  }

  private void putReducers(ReducerSizes sizes) {
    reducerSizes = sizes;
    ObjectNode r = root.putObject("reducers");
    r.put("count", sizes.rows().length);
    ArrayNode rows = r.putArray("input_rows");
    for (long n : sizes.rows()) {
      rows.add(n);
    }
    r.put("largest", sizes.largest());
    r.put("median", sizes.median());
    double ratio = sizes.largestOverMedian();
    if (Double.isInfinite(ratio)) {
      r.putNull("largest_over_median");
    } else {
      r.put("largest_over_median", Math.round(ratio * 100) / 100.0);
    }
    ArrayNode spreadNode = r.putArray("spread_partitions");
    for (ReducerSizes.Spread p : spread) {
      ObjectNode o = spreadNode.addObject();
      o.put("path", p.path());
      o.put("sampled_share", Math.round(p.share() * 10_000) / 10_000.0);
      o.put("first_reducer", p.first());
      o.put("reducers", p.reducers());
    }
    if (ratio > warnRatio) {
      reducerWarning = Double.isInfinite(ratio)
          ? String.format(Locale.ROOT, "the largest reducer took in %,d rows and the median reducer none",
              sizes.largest())
          : String.format(Locale.ROOT, "the largest reducer took in %,d rows, %.1f times the median reducer's %,.0f",
              sizes.largest(), ratio, sizes.median());
      r.put("warning", reducerWarning);
    }
  }

  /** Adds a top-level text entry, such as the {@code plan} a command chose. */
  JobSummary put(String name, String value) {
    root.put(name, value);
    return this;
  }

  JobSummary output(OutputTarget target, String format) {
    root.put("output", Redaction.byKeyNames().text(target.output().toString()));
    root.put("output_format", format);
    root.put("mode", target.mode().optionName());
    return this;
  }

  /** Adds a finished job: its id, name and counters; {@code readsInput} for the job that read the input. */
  JobSummary job(Job job, boolean readsInput) throws IOException {
    ObjectNode j = jobs.addObject();
    j.put("id", String.valueOf(job.getJobID()));
    j.put("name", job.getJobName());
    Counters c = job.getCounters();
    jobCounters.put(job, c);
    ObjectNode groups = counters.putObject(job.getJobName());
    for (CounterGroup g : c) {
      ObjectNode group = groups.putObject(g.getName());
      for (Counter counter : g) {
        group.put(counter.getName(), counter.getValue());
      }
    }
    if (readsInput) {
      inputJobCounters = c;
    }
    return this;
  }

  /** The counters of a job added with {@link #job}, as read then; read now for any other job. */
  Counters counters(Job job) throws IOException {
    Counters c = jobCounters.get(job);
    if (c != null) {
      return c;
    }
    return job.getCounters();
  }

  /**
   * Completes the summary with the final job's numbers and the partitions its tasks logged,
   * and writes it into {@code outputDir} (the staging directory, before publishing).
   */
  void write(FileSystem fs, Path outputDir, Job finalJob, List<String> partitionColumns) throws IOException {
    Counters fc = counters(finalJob);
    Counters ic = inputJobCounters == null ? fc : inputJobCounters;
    long passed = ic.findCounter(passedCounter).getValue();
    long filtered = 0;
    long read = 0;
    for (CounterGroup g : ic) {
      for (Counter counter : g) {
        if (counter.getName().equals(FILTERED_OUT_COUNTER)) {
          filtered += counter.getValue();
        } else if (counter.getName().equals("ROWS") && g.getName().startsWith("io.lakemr.formats.")) {
          read += counter.getValue();
        }
      }
    }
    if (read == 0) {
      read = passed + filtered; // an input format without a row counter
    }
    long finished = System.currentTimeMillis();
    root.put("started", Instant.ofEpochMilli(started).toString());
    root.put("finished", Instant.ofEpochMilli(finished).toString());
    root.put("elapsed_ms", finished - started);
    root.set("jobs", jobs);
    ObjectNode rows = root.putObject("rows");
    rows.put("read", read);
    rows.put("filtered_out", filtered);
    rows.put("passed", passed);
    rows.put("written", fc.findCounter(OutputCounters.ROWS_WRITTEN).getValue());
    if (passedCounter == AggregateCounters.ROWS_AGGREGATED) {
      root.put("groups_out", fc.findCounter(AggregateCounters.GROUPS_OUT).getValue());
    }
    ArrayNode parts = root.putArray("partitions");
    Map<String, PartitionLog.Entry> logged = PartitionLog.readAll(fs, outputDir);
    if (!partitionColumns.isEmpty()) {
      for (Map.Entry<String, PartitionLog.Entry> e : logged.entrySet()) {
        ObjectNode p = parts.addObject();
        p.put("path", e.getKey());
        ObjectNode values = p.putObject("values");
        for (String dir : e.getKey().split("/")) {
          int eq = dir.indexOf('=');
          if (eq > 0) {
            values.put(HivePaths.unescape(dir.substring(0, eq)), HivePaths.unescape(dir.substring(eq + 1)));
          }
        }
        p.put("rows", e.getValue().rows());
        p.put("files", e.getValue().files());
      }
    }
    if (spread != null && finalJob.getNumReduceTasks() > 0) {
      putReducers(ReducerSizes.fromLog(PartitionLog.rowsByTask(fs, outputDir), finalJob.getNumReduceTasks()));
    }
    fs.delete(new Path(outputDir, PartitionLog.DIRECTORY), true);
    root.set("counters", counters);
    try (OutputStream out = fs.create(new Path(outputDir, FILE_NAME), true)) {
      json.writeValue(out, root);
    }
  }

  /** The lakemr version stamped into the build, or {@code unknown}. */
  static String version() {
    try (InputStream in = JobSummary.class.getResourceAsStream("/io/lakemr/lakemr-version.properties")) {
      if (in == null) {
        return "unknown";
      }
      Properties p = new Properties();
      p.load(in);
      String v = p.getProperty("version", "unknown");
      return v.startsWith("${") ? "unknown" : v;
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Partition column names of a job, as a list. */
  static List<String> names(List<Column> columns) {
    List<String> out = new ArrayList<>();
    columns.forEach(c -> out.add(c.name()));
    return out;
  }
}
