package io.lakemr.drivers;

import io.lakemr.agg.AggregatePlan;
import io.lakemr.agg.ResultOrder;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.GroupKey;
import io.lakemr.mappers.TopNMapper;
import io.lakemr.reducers.OrderStageReducer;
import io.lakemr.reducers.SortedOutputReducer;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.lib.input.SequenceFileInputFormat;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.SequenceFileOutputFormat;
import org.apache.hadoop.mapreduce.lib.partition.TotalOrderPartitioner;

/**
 * {@code --order-by} and {@code --limit} of {@code aggregate}: a globally sorted output in two
 * chained jobs.
 *
 * <ol>
 *   <li>The aggregation job ends in {@link OrderStageReducer}, which writes each finished row
 *       keyed by its sort key ({@link ResultOrder}) to a SequenceFile in the scratch directory
 *       (with {@code --limit N}, only each reducer's first N rows).</li>
 *   <li>The sort job ({@link #create}) reads those pairs. The client samples their keys
 *       ({@link SortSampler}) and writes split points for {@link TotalOrderPartitioner}, so
 *       reducer {@code i} gets a range of keys below reducer {@code i + 1}'s; the shuffle
 *       sorts each range with the keys' raw comparator, and {@link SortedOutputReducer} writes
 *       the rows through {@code BatchOutputFormat}. So {@code part-r-00000},
 *       {@code part-r-00001}, ... read in name order give the rows in order. With
 *       {@code --limit N} each map task keeps its first N rows ({@link TopNMapper}) and one
 *       reducer writes the first N of those, as one file.</li>
 * </ol>
 */
final class SortStage {

  /** The name of the sort job, as counters and the job summary show it. */
  static final String JOB_NAME = "lakemr aggregate (sort)";

  private SortStage() {
  }

  /** Makes an aggregation job write (sort key, row) pairs for the sort job instead of output files. */
  static void configureAggregation(Job job, ResultOrder order) {
    order.store(job.getConfiguration());
    job.setReducerClass(OrderStageReducer.class);
    job.setOutputKeyClass(GroupKey.class);
    job.setOutputValueClass(BytesWritable.class);
    job.setOutputFormatClass(SequenceFileOutputFormat.class);
    FileOutputFormat.setCompressOutput(job, false); // keeps a sync mark every ~2 KB for the sampler
  }

  /**
   * Makes the sort job over the rows the aggregation job wrote to {@code rows}; samples them
   * and writes the split points to {@code splitPointsFile} first. The caller sets its output.
   *
   * @param reducers the reducers asked for; fewer run when the rows have fewer distinct keys
   */
  static Job create(Configuration conf, AggregatePlan plan, ResultOrder order, Path rows, Path splitPointsFile,
      int reducers, PrintStream progress) throws IOException {
    Job job = Job.getInstance(conf, JOB_NAME);
    Configuration jc = job.getConfiguration();
    plan.store(jc);
    order.store(jc);
    job.setJarByClass(AggregateTool.class);
    job.setInputFormatClass(SequenceFileInputFormat.class);
    SequenceFileInputFormat.setInputPaths(job, rows);
    job.setMapOutputKeyClass(GroupKey.class);
    job.setMapOutputValueClass(BytesWritable.class);
    job.setReducerClass(SortedOutputReducer.class);
    if (order.limit() > 0) {
      job.setMapperClass(TopNMapper.class);
      job.setNumReduceTasks(1);
      return job;
    }
    job.setMapperClass(Mapper.class);
    int ranges = 1;
    if (reducers > 1) {
      int samples = jc.getInt(LakemrConfig.ORDER_SAMPLE_KEYS, LakemrConfig.ORDER_SAMPLE_KEYS_DEFAULT);
      List<byte[]> sampled = new SortSampler(jc, samples, SortSampler.READ_ALL_BYTES_DEFAULT).sample(rows);
      List<byte[]> points = SortSampler.splitPoints(sampled, reducers);
      ranges = points.size() + 1;
      progress.println("[" + JOB_NAME + "] " + sampled.size() + " sort keys sampled, " + ranges + " key range"
          + (ranges == 1 ? "" : "s"));
      if (ranges > 1) {
        SortSampler.writePartitionFile(jc, splitPointsFile, points);
        usePartitionFile(jc, splitPointsFile);
        job.setPartitionerClass(TotalOrderPartitioner.class);
      }
    }
    job.setNumReduceTasks(ranges);
    return job;
  }

  /**
   * Points {@link TotalOrderPartitioner} at a split-point file, searched with the keys' raw
   * comparator. Its byte trie (the default for {@code BinaryComparable} keys) is not used: it
   * sends keys whose split points hold {@code 0xFF} bytes to the wrong range, and descending
   * columns and the null marker of a descending column are full of them.
   */
  static void usePartitionFile(Configuration conf, Path file) {
    TotalOrderPartitioner.setPartitionFile(conf, file);
    conf.setBoolean(TotalOrderPartitioner.NATURAL_ORDER, false);
  }
}
