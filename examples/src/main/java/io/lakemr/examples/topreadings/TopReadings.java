package io.lakemr.examples.topreadings;

import io.lakemr.api.InputSpec;
import io.lakemr.api.LakemrInput;
import io.lakemr.api.LakemrOutput;
import io.lakemr.api.OutputSpec;
import io.lakemr.api.ValueType;
import io.lakemr.api.WriteMode;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;

/**
 * The highest readings of each station on each day, from a table like {@code lakemr generate}'s
 * (columns {@code ts}, {@code station}, {@code value}), written as Parquet partitioned by day:
 * {@code day, station, rank, ts, value}, rank 1 the highest, ties by the earlier time.
 *
 * <p>Usage: {@code TopReadings [-D examples.top.readings.count=10] INPUT OUTPUT}.
 */
public class TopReadings extends Configured implements Tool {

  /** How many readings to keep per station and day. */
  public static final String COUNT = "examples.top.readings.count";
  /** Ten. */
  public static final int COUNT_DEFAULT = 10;

  /**
   * The job over an input: the mapper, the secondary sort and the reducer.
   *
   * @param conf the configuration
   * @param input the input path, glob or {@code table:NAME}
   * @return the job, without its output
   * @throws IOException when the input cannot be opened
   */
  public static Job newJob(Configuration conf, String input) throws IOException {
    Job job = Job.getInstance(conf, "top readings per station and day");
    job.setJarByClass(TopReadings.class);
    LakemrInput.configure(job, InputSpec.builder().input(input).columns("ts", "station", "value").build());
    job.setMapperClass(TopReadingsMapper.class);
    job.setMapOutputKeyClass(StationDayReading.class);
    job.setMapOutputValueClass(NullWritable.class);
    job.setPartitionerClass(StationDayPartitioner.class);
    job.setGroupingComparatorClass(StationDayGrouping.class);
    job.setReducerClass(TopReadingsReducer.class);
    job.setNumReduceTasks(conf.getInt("mapreduce.job.reduces", 2));
    return job;
  }

  /**
   * The output: Parquet partitioned by day, refused when it exists.
   *
   * @param output the output directory
   * @return the output spec
   */
  public static OutputSpec outputSpec(String output) {
    return OutputSpec.builder(output)
        .column("day", ValueType.DATE)
        .column("station", ValueType.STRING)
        .column("rank", ValueType.INT)
        .column("ts", ValueType.LONG)
        .column("value", ValueType.DOUBLE)
        .partitionBy("day")
        .mode(WriteMode.ERROR)
        .build();
  }

  @Override
  public int run(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: TopReadings [-D " + COUNT + "=N] INPUT OUTPUT");
      ToolRunner.printGenericCommandUsage(System.err);
      return 2;
    }
    Job job = newJob(getConf(), args[0]);
    try (LakemrOutput output = LakemrOutput.configure(job, outputSpec(args[1]))) {
      if (!job.waitForCompletion(true)) {
        return 1;
      }
      output.publish(job);
    }
    return 0;
  }

  /**
   * Runs the job.
   *
   * @param args generic options, input and output
   * @throws Exception when the job cannot be set up
   */
  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new Configuration(), new TopReadings(), args));
  }
}
