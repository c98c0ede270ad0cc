package io.lakemr.drivers;

import io.lakemr.conf.LakemrConfig;
import io.lakemr.expr.BatchTransform;
import io.lakemr.formats.InputFacts;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.array.ArrayRowSplit;
import io.lakemr.tasks.Framework;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;

/**
 * What a configured job will read and cost, found without running it: the input's files,
 * bytes and rows (from metadata where the format has them, else from a sample), the splits the
 * job's own input format plans, and a sample of rows read as its map tasks read them. The
 * command-specific estimates ({@link PlanTool}) add their sections; the plan prints as text
 * for people or as one JSON document.
 */
final class JobPlan {

  private static final Pattern XMX = Pattern.compile("-Xmx(\\d+)([kKmMgG]?)");

  private final Configuration conf;
  private final InputSource input;
  private final ExpressionOptions expressions;
  private final Job job;
  private final Map<String, Object> doc = new LinkedHashMap<>();
  private final List<String> lines = new ArrayList<>();
  private final List<Map<String, String>> warnings = new ArrayList<>();
  private final List<InputSplit> splits;
  private final InputFormat<NullWritable, VectorizedRowBatch> format;
  private final InputFiles kept;
  private InputFacts facts;
  private long arrayRows = -1;
  private PlanSample sample;
  private long rowsRead;
  private boolean rowsExact;

  /** Lists the input's splits as the job will, and reads what its metadata says. */
  JobPlan(String command, InputSource input, ExpressionOptions expressions, Job job)
      throws IOException, InterruptedException {
    this(command, input, expressions, expressions.files(), job);
  }

  /**
   * {@link #JobPlan(String, InputSource, ExpressionOptions, Job)} of a job that reads only
   * {@code kept} of the input's files (an incremental run's new ones).
   */
  JobPlan(String command, InputSource input, ExpressionOptions expressions, InputFiles kept, Job job)
      throws IOException, InterruptedException {
    this.kept = kept;
    this.conf = job.getConfiguration();
    this.input = input;
    this.expressions = expressions;
    this.job = job;
    this.format = input.newInputFormat();
    doc.put("command", command);
    this.splits = kept.isEmpty() ? List.of() : format.getSplits(job);
    this.facts = kept.isEmpty() ? null : input.facts(conf, kept, expressions.pushdown(), splits);
    long sum = 0;
    for (InputSplit s : splits) {
      if (!(s instanceof ArrayRowSplit a)) {
        sum = -1;
        break;
      }
      sum += a.lastRow() - a.firstRow();
    }
    this.arrayRows = splits.isEmpty() ? 0 : sum;
    describeInput(kept);
  }

  Configuration conf() {
    return conf;
  }

  private void describeInput(InputFiles kept) {
    Map<String, Object> in = new LinkedHashMap<>();
    in.put("paths", input.inputs());
    in.put("format", input.formatName());
    in.put("files", kept.files().size());
    in.put("bytes", kept.totalBytes());
    in.put("filesBeforePruning", input.files().files().size());
    in.put("directoriesPruned", expressions.directoriesPruned());
    in.put("directories", expressions.directories());
    doc.put("input", in);
    line("input", String.format("%s, %,d file%s, %s%s", input.formatName(), kept.files().size(),
        kept.files().size() == 1 ? "" : "s", bytes(kept.totalBytes()),
        kept.partitionColumns().isEmpty() ? ""
            : String.format("; %,d of %,d partition directories pruned", expressions.directoriesPruned(),
                expressions.directories())));
    long largest = 0;
    long total = 0;
    for (InputSplit s : splits) {
      largest = Math.max(largest, length(s));
      total += length(s);
    }
    Map<String, Object> sp = new LinkedHashMap<>();
    sp.put("splits", splits.size());
    sp.put("mapTasks", splits.size());
    sp.put("largestSplitBytes", largest);
    sp.put("splitBytes", total);
    doc.put("splits", sp);
    line("splits", String.format("%,d split%s -> %,d map task%s (largest %s)", splits.size(),
        splits.size() == 1 ? "" : "s", splits.size(), splits.size() == 1 ? "" : "s", bytes(largest)));
    if (kept.files().size() >= 100 && kept.totalBytes() / kept.files().size() < (16L << 20)) {
      warn(String.format("%,d input files of %s on average: each is opened and its metadata read by a task",
          kept.files().size(), bytes(kept.totalBytes() / kept.files().size())),
          "compact them (lakemr compact, or convert --target-file-size 256m)");
    }
  }

  /**
   * Reads the sample through the job's record reader and transform, then settles the rows the
   * job reads: exact from metadata or array splits, else estimated from the sample's rows per
   * stored byte.
   */
  void sample(BatchTransform transform, PlanSample.Rows rows) throws IOException, InterruptedException {
    long maxRows = Math.max(1, conf.getLong(LakemrConfig.PLAN_SAMPLE_ROWS, LakemrConfig.PLAN_SAMPLE_ROWS_DEFAULT));
    int maxSplits = Math.max(1, conf.getInt(LakemrConfig.PLAN_SAMPLE_SPLITS, LakemrConfig.PLAN_SAMPLE_SPLITS_DEFAULT));
    // splits the metadata shows empty (no row group of theirs) have nothing to sample
    List<InputSplit> candidates = new ArrayList<>();
    for (int i = 0; i < splits.size(); i++) {
      if (facts == null || facts.splitRows().length != splits.size() || facts.splitRows()[i] > 0) {
        candidates.add(splits.get(i));
      }
    }
    sample = PlanSample.read(conf, format, candidates, transform, maxRows, maxSplits, rows);
    describeRows();
  }

  private void describeRows() {
    Map<String, Object> r = new LinkedHashMap<>();
    String basis;
    if (facts != null) {
      rowsRead = facts.rowsRead();
      rowsExact = true;
      basis = "exact, from metadata";
    } else if (arrayRows >= 0) {
      rowsRead = arrayRows;
      rowsExact = true;
      basis = "exact, from array shapes";
    } else if (sample.readAll(splits.size())) {
      rowsRead = sample.rowsRead();
      rowsExact = true;
      basis = "exact, the sample read every split";
    } else {
      long splitBytes = 0;
      for (InputSplit s : splits) {
        splitBytes += length(s);
      }
      rowsRead = Math.round(sample.rowsPerByte() * splitBytes);
      basis = String.format(Locale.ROOT, "estimated, %.4f rows per stored byte in the sample", sample.rowsPerByte());
    }
    r.put("read", rowsRead);
    r.put("exact", rowsExact);
    r.put("basis", basis);
    r.put("passFilter", rowsPassed());
    StringBuilder text = new StringBuilder(String.format("%s%,d read (%s)", rowsExact ? "" : "~", rowsRead, basis));
    if (sample.rowsRead() > 0 && sample.passRate() < 1) {
      text.append(String.format(", ~%,d pass the filter (%.1f%% of the sample)", rowsPassed(), 100 * sample.passRate()));
    }
    if (facts != null) {
      r.put("total", facts.rows());
      r.put(facts.unitName().replace(' ', '_'), facts.units());
      Map<String, Object> skip = new LinkedHashMap<>();
      skip.put(facts.unitName().replace(' ', '_'), facts.unitsSkipped());
      skip.put("rows", facts.rowsSkipped());
      r.put("pushdownSkips", skip);
      text.append(String.format("; %,d %s, pushdown skips %,d of them (%,d rows)", facts.units(),
          facts.units() == 1 ? facts.unitName().replaceAll("s$", "") : facts.unitName(), facts.unitsSkipped(),
          facts.rowsSkipped()));
    }
    doc.put("rows", r);
    line("rows", text.toString());
    Map<String, Object> s = new LinkedHashMap<>();
    s.put("splits", sample.splits());
    s.put("rowsRead", sample.rowsRead());
    s.put("rowsPassed", sample.rowsPassed());
    doc.put("sample", s);
    line("sample", String.format("%,d rows read from the first rows of %,d split%s", sample.rowsRead(),
        sample.splits(), sample.splits() == 1 ? "" : "s"));
  }

  /** Rows the job reads, exact or estimated. */
  long rowsRead() {
    return rowsRead;
  }

  /** Rows expected to pass the filter. */
  long rowsPassed() {
    return Math.round(rowsRead * sample.passRate());
  }

  /** Map tasks the job runs: one per split. */
  int mapTasks() {
    return splits.size();
  }

  /**
   * Rows passing the filter in each map task: the rows of its split (from metadata, or array
   * rows) at the sample's pass rate, else its share of the rows by bytes.
   */
  long[] rowsPassedPerTask() {
    long[] rows = new long[splits.size()];
    boolean fromFacts = facts != null && facts.splitRows().length == rows.length;
    long total = 0;
    for (int i = 0; i < rows.length; i++) {
      InputSplit s = splits.get(i);
      rows[i] = fromFacts ? facts.splitRows()[i] : s instanceof ArrayRowSplit a ? a.lastRow() - a.firstRow() : length(s);
      total += rows[i];
    }
    boolean counted = fromFacts || arrayRows >= 0;
    for (int i = 0; i < rows.length; i++) {
      rows[i] = counted ? Math.round(rows[i] * sample.passRate())
          : total == 0 ? 0 : Math.round((double) rowsPassed() * rows[i] / total);
    }
    return rows;
  }

  /** Input bytes expected to pass the filter. */
  long bytesPassed() {
    return Math.round(kept.totalBytes() * sample.passRate());
  }

  /** Adds a section: an entry of the document and a line of text. */
  void section(String key, Object value, String label, String text) {
    doc.put(key, value);
    line(label, text);
  }

  /** A line of text with no entry of its own in the document. */
  void line(String label, String text) {
    lines.add(String.format("  %-12s %s", label, text));
  }

  /** A warning with the setting that changes it. */
  void warn(String warning, String setting) {
    Map<String, String> w = new LinkedHashMap<>();
    w.put("warning", warning);
    w.put("setting", setting);
    warnings.add(w);
  }

  /**
   * The heap of a task JVM: this JVM's for the local job runner (which runs its tasks here),
   * else {@code -Xmx} of {@code mapreduce.KIND.java.opts}, else 80% of
   * {@code mapreduce.KIND.memory.mb}.
   *
   * @param kind {@code map} or {@code reduce}
   */
  long taskHeap(String kind) {
    if (Framework.isLocal(conf)) {
      return Runtime.getRuntime().maxMemory();
    }
    Matcher m = XMX.matcher(conf.get("mapreduce." + kind + ".java.opts", ""));
    long heap = -1;
    while (m.find()) {
      long unit = switch (m.group(2).toLowerCase(Locale.ROOT)) {
        case "k" -> 1L << 10;
        case "m" -> 1L << 20;
        case "g" -> 1L << 30;
        default -> 1;
      };
      heap = Long.parseLong(m.group(1)) * unit;
    }
    return heap > 0 ? heap : (long) (conf.getLong("mapreduce." + kind + ".memory.mb", 1024) * 0.8) << 20;
  }

  /** The whole plan as one JSON-ready document. */
  Map<String, Object> document(long nanos) {
    Map<String, Object> out = new LinkedHashMap<>(doc);
    out.put("warnings", warnings);
    out.put("planSeconds", Math.round(nanos / 1e6) / 1e3);
    return out;
  }

  /** The whole plan as text. */
  void print(PrintStream out, long nanos) {
    out.printf("lakemr plan %s: from metadata and a sample, in %.2f s; nothing was run or written%n", doc.get("command"),
        nanos / 1e9);
    lines.forEach(out::println);
    if (warnings.isEmpty()) {
      out.printf("  %-12s %s%n", "warnings", "none");
    }
    for (Map<String, String> w : warnings) {
      out.printf("  %-12s %s%n  %-12s   -> %s%n", "warning", w.get("warning"), "", w.get("setting"));
    }
  }

  /** The job the plan is of. */
  Job job() {
    return job;
  }

  private static long length(InputSplit s) {
    try {
      return s.getLength();
    } catch (IOException | InterruptedException e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return 0;
    }
  }

  /** A byte count for people: 12.3 MiB. */
  static String bytes(double b) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    int u = 0;
    while (b >= 1024 && u < units.length - 1) {
      b /= 1024;
      u++;
    }
    return u == 0 ? String.format("%.0f B", b) : String.format("%.1f %s", b, units[u]);
  }
}
