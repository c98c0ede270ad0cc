package io.lakemr.drivers;

import io.lakemr.conf.LakemrConfig;
import io.lakemr.convert.ConvertPlan;
import io.lakemr.convert.SkewPlan;
import io.lakemr.data.Column;
import io.lakemr.data.Schemas;
import io.lakemr.formats.HivePaths;
import io.lakemr.formats.output.PartitionedBatchWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.mapreduce.Job;

/**
 * The sample side of a {@code convert} with partition columns: the sample of partition keys
 * taken before submit (from which {@link PartitionChoice} also estimates the partitions), which
 * partitions a shuffle by partition spreads over several reducers, and how the summary shows
 * them and the reducers' input sizes.
 */
final class ConvertSkew {

  private ConvertSkew() {
  }

  /**
   * What the client's sample of a conversion's partition keys found ({@link SkewSampler}).
   *
   * @param weights each sampled partition's key prefix (base64) and weight
   * @param partitions the partitions of the whole input, estimated
   * @param description what was read and how long it took, for the log
   */
  record Sample(Map<String, Double> weights, long partitions, String description) {
  }

  /**
   * Samples the partition keys of a conversion with partition columns; null, with a warning,
   * when the sample cannot be read.
   */
  static Sample sample(Job job, InputSource input, ConvertPlan plan, String command, PrintStream err)
      throws InterruptedException {
    Configuration conf = job.getConfiguration();
    SkewSampler sampler = new SkewSampler(
        conf.getInt(LakemrConfig.CONVERT_SKEW_SAMPLE_SPLITS, LakemrConfig.CONVERT_SKEW_SAMPLE_SPLITS_DEFAULT),
        conf.getInt(LakemrConfig.CONVERT_SKEW_SAMPLE_ROWS, LakemrConfig.CONVERT_SKEW_SAMPLE_ROWS_DEFAULT));
    try {
      long started = System.nanoTime();
      Map<String, Double> weights = sampler.sample(job, input.newInputFormat(), plan);
      return new Sample(weights, sampler.estimatedPartitions(), String.format("%s in %d ms", sampler.describe(),
          (System.nanoTime() - started) / 1_000_000));
    } catch (IOException | RuntimeException e) {
      err.println("[lakemr " + command + "] warning: cannot sample the input's partitions (" + e
          + "); each partition goes to one reducer");
      return null;
    }
  }

  /** Whether a shuffle by partition over this many reducers spreads skewed partitions (and so wants a sample). */
  static boolean spreads(Configuration conf, ConvertPlan plan, int reducers) {
    return !plan.partitionColumns().isEmpty() && reducers >= 2
        && conf.getBoolean(LakemrConfig.CONVERT_SKEW_ENABLED, LakemrConfig.CONVERT_SKEW_ENABLED_DEFAULT);
  }

  /**
   * Stores in the job which partitions of a shuffle by partition to spread over several
   * reducers, from the sample; none when turned off ({@link LakemrConfig#CONVERT_SKEW_ENABLED}),
   * with one reducer, or without a sample (the job shuffles by partition alone).
   */
  static SkewPlan plan(Job job, Sample sample, ConvertPlan plan, int reducers, String command, PrintStream err) {
    Configuration conf = job.getConfiguration();
    if (sample == null || !spreads(conf, plan, reducers)) {
      if (sample != null) {
        err.printf("[lakemr %s] partition sample: %s; ~%,d partitions%n", command, sample.description(),
            sample.partitions());
      }
      return SkewPlan.NONE;
    }
    SkewPlan skew = SkewPlan.estimate(sample.weights(), reducers,
        conf.getDouble(LakemrConfig.CONVERT_SKEW_FACTOR, LakemrConfig.CONVERT_SKEW_FACTOR_DEFAULT));
    err.printf("[lakemr %s] skew sample: %s; %d partition%s to spread%n", command, sample.description(),
        skew.heavy().size(), skew.heavy().size() == 1 ? "" : "s");
    skew.store(conf);
    return skew;
  }

  /** The spread partitions of a plan, by their partition directory, for the summary. */
  static List<ReducerSizes.Spread> spread(SkewPlan skew, ConvertPlan plan) {
    List<Column> columns = plan.partitionColumns();
    ColumnVector[] vectors = new ColumnVector[columns.size()];
    for (int i = 0; i < vectors.length; i++) {
      vectors[i] = Schemas.newVector(columns.get(i), 1);
    }
    List<ReducerSizes.Spread> out = new ArrayList<>();
    for (SkewPlan.Heavy h : skew.heavy()) {
      plan.partitionCodec().decode(h.prefix(), 0, vectors, 0);
      List<String> dirs = new ArrayList<>();
      for (int i = 0; i < vectors.length; i++) {
        dirs.add(HivePaths.directoryName(columns.get(i).name(),
            PartitionedBatchWriter.render(columns.get(i).type(), vectors[i], 0)));
      }
      out.add(new ReducerSizes.Spread(String.join("/", dirs), h.share(), h.first(), h.count()));
    }
    return out;
  }

  /** The summary lines on the reducers' input rows and the partitions spread over several. */
  static void printReducers(JobSummary summary, List<ReducerSizes.Spread> spread, PrintStream out) {
    ReducerSizes sizes = summary.reducerSizes();
    if (sizes == null) {
      return;
    }
    double ratio = sizes.largestOverMedian();
    out.printf("  reducers     %d, input rows largest %,d, median %,.0f (largest/median %s)%n", sizes.rows().length,
        sizes.largest(), sizes.median(), Double.isInfinite(ratio) ? "infinite" : String.format(Locale.ROOT,
            "%.2f", ratio));
    for (ReducerSizes.Spread p : spread) {
      out.printf(Locale.ROOT, "  spread       %s (%.1f%% of the sampled rows) over %d reducers from r-%05d%n",
          p.path(), p.share() * 100, p.reducers(), p.first());
    }
    if (summary.reducerWarning() != null) {
      out.printf("  warning      %s%n", summary.reducerWarning());
    }
  }
}
