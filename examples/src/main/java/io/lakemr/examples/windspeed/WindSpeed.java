package io.lakemr.examples.windspeed;

import io.lakemr.api.InputSpec;
import io.lakemr.api.LakemrInput;
import io.lakemr.api.LakemrOutput;
import io.lakemr.api.OutputSpec;
import io.lakemr.api.ValueType;
import io.lakemr.api.WriteMode;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;

/**
 * Wind speed and direction from the eastward and northward components ({@code u}, {@code v})
 * of HDF5 files holding a group of 1-D datasets {@code time} (epoch milliseconds),
 * {@code station}, {@code u} and {@code v}, written as a Parquet table partitioned by UTC day:
 * {@code day, time, station, u, v, speed, direction}, each day one file in time order.
 *
 * <p>Usage: {@code WindSpeed [-D examples.wind.dataset=/wind] INPUT OUTPUT}.
 */
public class WindSpeed extends Configured implements Tool {

  /** The HDF5 group (or compound dataset) holding the columns. */
  public static final String DATASET = "examples.wind.dataset";
  /** {@code /wind}. */
  public static final String DATASET_DEFAULT = "/wind";

  static final long DAY_MILLIS = 86_400_000L;

  /**
   * The job over HDF5 files: the mapper computing speed and direction, the day partitioner,
   * the reducer writing the rows.
   *
   * @param conf the configuration
   * @param input the input files, directories or glob
   * @return the job, without its output
   * @throws IOException when the input cannot be opened
   */
  public static Job newJob(Configuration conf, String input) throws IOException {
    Job job = Job.getInstance(conf, "wind speed");
    job.setJarByClass(WindSpeed.class);
    LakemrInput.configure(job, InputSpec.builder().input(input).format("hdf5")
        .option("dataset", conf.get(DATASET, DATASET_DEFAULT))
        .columns("time", "station", "u", "v").build());
    job.setMapperClass(WindSpeedMapper.class);
    job.setMapOutputKeyClass(LongWritable.class);
    job.setMapOutputValueClass(WindReading.class);
    job.setPartitionerClass(DayPartitioner.class);
    job.setReducerClass(WindSpeedReducer.class);
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
        .column("time", ValueType.TIMESTAMP)
        .column("station", ValueType.STRING)
        .column("u", ValueType.DOUBLE)
        .column("v", ValueType.DOUBLE)
        .column("speed", ValueType.DOUBLE)
        .column("direction", ValueType.DOUBLE)
        .partitionBy("day")
        .mode(WriteMode.ERROR)
        .build();
  }

  @Override
  public int run(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: WindSpeed [-D " + DATASET + "=/wind] INPUT OUTPUT");
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
    System.exit(ToolRunner.run(new Configuration(), new WindSpeed(), args));
  }
}
