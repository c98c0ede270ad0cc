package io.lakemr.drivers;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.formats.output.BatchOutputFormat;
import io.lakemr.formats.output.OutputFileFormat;
import io.lakemr.formats.sample.SensorInputFormat;
import io.lakemr.formats.sample.SensorTable;
import io.lakemr.mappers.GenerateMapper;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;

/** Configures the map-only job that writes the sample sensor table ({@link SensorTable}). */
public final class GenerateJob {

  private GenerateJob() {
  }

  /**
   * A job writing {@code rows} rows of the sensor table into {@code files} files
   * ({@code part-m-00000.parquet}, ...) under {@code output}, one map task per file.
   *
   * @throws BadInputException naming {@code --rows} or {@code --files} when they make no sense
   */
  public static Job configure(Configuration conf, long rows, int files, long seed, Path output,
      OutputFileFormat format) throws IOException {
    if (rows < 1) {
      throw new BadInputException("--rows: must be at least 1, got " + rows);
    }
    if (files < 1) {
      throw new BadInputException("--files: must be at least 1, got " + files);
    }
    if (files > rows) {
      throw new BadInputException("--files: " + files + " files for " + rows
          + " rows would leave files empty");
    }
    Job job = Job.getInstance(conf, "lakemr generate " + rows + " rows into " + output);
    job.setJarByClass(GenerateJob.class);
    Configuration c = job.getConfiguration();
    c.setLong(LakemrConfig.GENERATE_ROWS, rows);
    c.setInt(LakemrConfig.GENERATE_FILES, files);
    c.setLong(LakemrConfig.GENERATE_SEED, seed);
    job.setInputFormatClass(SensorInputFormat.class);
    job.setMapperClass(GenerateMapper.class);
    job.setNumReduceTasks(0);
    BatchOutputFormat.configure(job, output, format, SensorTable.COLUMNS, List.of());
    return job;
  }
}
