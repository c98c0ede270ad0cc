package io.lakemr.example;

import io.lakemr.api.InputSpec;
import io.lakemr.api.LakemrInput;
import io.lakemr.api.LakemrOutput;
import io.lakemr.api.OutputSpec;
import io.lakemr.api.OutputWriter;
import io.lakemr.api.RowView;
import io.lakemr.api.ValueType;
import io.lakemr.api.WriteMode;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.DoubleWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.Reducer;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;

/**
 * A job as a user of lakemr writes one, against {@code io.lakemr.api} and Hadoop only: the
 * readings of the {@code north} region with status {@code ok} and a value over 55, counted,
 * summed and maxed per day and station, written as Parquet partitioned by day. The README's
 * "Your own jobs" section shows this class.
 *
 * <p>Usage: {@code DailyStations INPUT OUTPUT}.
 */
public class DailyStations extends Configured implements Tool {

  /** The filter, pushed down: the {@code region=south} directories are never listed into splits. */
  static final String WHERE = "region = 'north' AND status = 'ok' AND value > 55";

  private static final long DAY_MILLIS = 86_400_000L;

  /** Emits {@code DAY<tab>STATION -> value} for each row that passed the filter. */
  public static class ReadingsMapper extends Mapper<NullWritable, VectorizedRowBatch, Text, DoubleWritable> {

    private final Text key = new Text();
    private final DoubleWritable value = new DoubleWritable();
    private RowView row;
    private int ts;
    private int station;
    private int reading;

    @Override
    protected void setup(Context context) {
      row = LakemrInput.rowView(context.getConfiguration());
      ts = row.columns().indexOf("ts");
      station = row.columns().indexOf("station");
      reading = row.columns().indexOf("value");
    }

    @Override
    protected void map(NullWritable ignored, VectorizedRowBatch batch, Context context)
        throws IOException, InterruptedException {
      row.of(batch);
      for (int i = 0; i < row.size(); i++) {
        row.at(i);
        long day = Math.floorDiv(row.getLong(ts), DAY_MILLIS);
        key.set(String.format("%06d\t%s", day, row.getString(station)));
        value.set(row.getDouble(reading));
        context.write(key, value);
      }
    }
  }

  /** Writes one row per day and station with the output writer. */
  public static class DailyReducer extends Reducer<Text, DoubleWritable, NullWritable, NullWritable> {

    private OutputWriter out;
    private int day;
    private int station;
    private int readings;
    private int total;
    private int peak;

    @Override
    protected void setup(Context context) throws IOException, InterruptedException {
      out = LakemrOutput.writer(context);
      day = out.columns().indexOf("day");
      station = out.columns().indexOf("station");
      readings = out.columns().indexOf("readings");
      total = out.columns().indexOf("total");
      peak = out.columns().indexOf("peak");
    }

    @Override
    protected void reduce(Text key, Iterable<DoubleWritable> values, Context context) throws IOException {
      long n = 0;
      double sum = 0;
      double max = Double.NEGATIVE_INFINITY;
      for (DoubleWritable v : values) {
        n++;
        sum += v.get();
        max = Math.max(max, v.get());
      }
      String[] parts = key.toString().split("\t");
      out.setLong(day, Long.parseLong(parts[0]))
          .setString(station, parts[1])
          .setLong(readings, n)
          .setDouble(total, sum)
          .setDouble(peak, max)
          .write();
    }

    @Override
    protected void cleanup(Context context) throws IOException {
      out.close();
    }
  }

  /**
   * The job over an input: lakemr input with the filter pushed down, the mapper, the reducer.
   *
   * @param conf the configuration
   * @param input the input path or glob
   * @return the job, without its output
   * @throws IOException when the input cannot be opened
   */
  public static Job newJob(Configuration conf, String input) throws IOException {
    Job job = Job.getInstance(conf, "daily stations");
    job.setJarByClass(DailyStations.class);
    LakemrInput.configure(job, InputSpec.builder()
        .input(input)
        .columns("ts", "station", "value")
        .where(WHERE)
        .build());
    job.setMapperClass(ReadingsMapper.class);
    job.setMapOutputKeyClass(Text.class);
    job.setMapOutputValueClass(DoubleWritable.class);
    job.setReducerClass(DailyReducer.class);
    job.setNumReduceTasks(2);
    return job;
  }

  /**
   * The output: Parquet (zstd) partitioned by day, refused when it exists.
   *
   * @param output the output directory
   * @return the output spec
   */
  public static OutputSpec outputSpec(String output) {
    return OutputSpec.builder(output)
        .column("day", ValueType.DATE)
        .column("station", ValueType.STRING)
        .column("readings", ValueType.LONG)
        .column("total", ValueType.DOUBLE)
        .column("peak", ValueType.DOUBLE)
        .partitionBy("day")
        .compression("zstd")
        .mode(WriteMode.ERROR)
        .build();
  }

  @Override
  public int run(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: DailyStations INPUT OUTPUT");
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
   * @param args input and output
   * @throws Exception when the job cannot be set up
   */
  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new Configuration(), new DailyStations(), args));
  }
}
