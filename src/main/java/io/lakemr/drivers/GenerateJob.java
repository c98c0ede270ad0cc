package io.lakemr.drivers;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.formats.output.BatchOutputFormat;
import io.lakemr.formats.output.OutputFormatDescriptor;
import io.lakemr.formats.sample.SensorInputFormat;
import io.lakemr.formats.sample.SensorTable;
import io.lakemr.mappers.GenerateMapper;
import io.lakemr.mappers.Hdf5GenerateMapper;
import io.lakemr.mappers.ZarrGenerateMapper;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.lib.output.FileOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.LazyOutputFormat;
import org.apache.hadoop.mapreduce.lib.output.TextOutputFormat;

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
      OutputFormatDescriptor format) throws IOException {
    Job job = sensorJob(conf, rows, files, seed, output);
    job.setMapperClass(GenerateMapper.class);
    BatchOutputFormat.configure(job, output, format, SensorTable.COLUMNS, List.of());
    return job;
  }

  /**
   * A job writing the table as HDF5 files ({@code part-m-00000.h5}, ...): in each, a group
   * {@code /sensors} of one chunked, deflated 1-D dataset per column. A map task holds its
   * file's columns in memory while jhdf writes them, about 40 bytes a row.
   */
  public static Job configureHdf5(Configuration conf, long rows, int files, long seed, Path output)
      throws IOException {
    Job job = sensorJob(conf, rows, files, seed, output);
    if ((rows + files - 1) / files > Integer.MAX_VALUE - 8) {
      throw new BadInputException("--files: " + files + " HDF5 files for " + rows
          + " rows put more rows in a file than it can hold; give more files");
    }
    job.setMapperClass(Hdf5GenerateMapper.class);
    return selfWriting(job, output);
  }

  /**
   * A job writing the table as Zarr v2 directory stores ({@code part-m-00000.zarr}, ...): in
   * each, a root group of one 1-D array per column, chunked
   * ({@link LakemrConfig#GENERATE_ZARR_CHUNK_ROWS}) and compressed with zlib or not at all
   * ({@link LakemrConfig#GENERATE_ZARR_COMPRESSOR}), with consolidated metadata.
   *
   * @throws BadInputException naming the setting when the chunk size or compressor is wrong
   */
  public static Job configureZarr(Configuration conf, long rows, int files, long seed, Path output)
      throws IOException {
    Job job = sensorJob(conf, rows, files, seed, output);
    int chunkRows = conf.getInt(LakemrConfig.GENERATE_ZARR_CHUNK_ROWS, LakemrConfig.GENERATE_ZARR_CHUNK_ROWS_DEFAULT);
    if (chunkRows < 1 || chunkRows > 16_777_216) {
      throw new BadInputException(LakemrConfig.GENERATE_ZARR_CHUNK_ROWS + ": must be 1 to 16777216, got " + chunkRows);
    }
    String compressor = conf.get(LakemrConfig.GENERATE_ZARR_COMPRESSOR, LakemrConfig.GENERATE_ZARR_COMPRESSOR_DEFAULT);
    if (!compressor.equals("zlib") && !compressor.equals("none")) {
      throw new BadInputException(LakemrConfig.GENERATE_ZARR_COMPRESSOR + ": must be zlib or none, got " + compressor);
    }
    job.setMapperClass(ZarrGenerateMapper.class);
    return selfWriting(job, output);
  }

  /** Output settings of a job whose mapper writes its files itself. */
  private static Job selfWriting(Job job, Path output) {
    // the mapper writes its file itself, into the committer's work path; nothing goes through
    // a record writer, and the lazy format makes no empty part files
    LazyOutputFormat.setOutputFormatClass(job, TextOutputFormat.class);
    job.setOutputKeyClass(NullWritable.class);
    job.setOutputValueClass(NullWritable.class);
    FileOutputFormat.setOutputPath(job, output);
    return job;
  }

  private static Job sensorJob(Configuration conf, long rows, int files, long seed, Path output)
      throws IOException {
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
    job.setNumReduceTasks(0);
    return job;
  }
}
