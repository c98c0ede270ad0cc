package io.lakemr.formats.sample;

import io.lakemr.conf.LakemrConfig;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.JobContext;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;

/**
 * Input of the sample table generator: no files, one split per output file, each a range of
 * rows. {@link LakemrConfig#GENERATE_ROWS} rows are shared out as evenly as can be over
 * {@link LakemrConfig#GENERATE_FILES} splits. A split's records are row chunks of at most
 * {@link LakemrConfig#BATCH_ROWS} rows: key = first row, value = number of rows.
 */
public class SensorInputFormat extends InputFormat<LongWritable, LongWritable> {

  @Override
  public List<InputSplit> getSplits(JobContext context) {
    Configuration conf = context.getConfiguration();
    return new ArrayList<>(plan(conf.getLong(LakemrConfig.GENERATE_ROWS, 0),
        conf.getInt(LakemrConfig.GENERATE_FILES, 1)));
  }

  /**
   * Splits {@code rows} rows into {@code files} contiguous ranges whose sizes differ by at
   * most one row, in row order.
   */
  public static List<SensorSplit> plan(long rows, int files) {
    if (rows < 0 || files < 1) {
      throw new IllegalArgumentException("cannot split " + rows + " rows into " + files + " files");
    }
    List<SensorSplit> out = new ArrayList<>(files);
    long base = rows / files;
    long extra = rows % files;
    long first = 0;
    for (int i = 0; i < files; i++) {
      long n = base + (i < extra ? 1 : 0);
      out.add(new SensorSplit(first, n));
      first += n;
    }
    return out;
  }

  @Override
  public RecordReader<LongWritable, LongWritable> createRecordReader(InputSplit split,
      TaskAttemptContext context) {
    return new ChunkReader();
  }

  /** Hands out a split's rows as chunks of at most one batch. */
  private static final class ChunkReader extends RecordReader<LongWritable, LongWritable> {

    private final LongWritable key = new LongWritable();
    private final LongWritable value = new LongWritable();
    private long next;
    private long end;
    private long start;
    private int chunk;

    @Override
    public void initialize(InputSplit split, TaskAttemptContext context) {
      SensorSplit s = (SensorSplit) split;
      start = s.firstRow();
      next = start;
      end = start + s.rows();
      chunk = context.getConfiguration().getInt(LakemrConfig.BATCH_ROWS,
          LakemrConfig.BATCH_ROWS_DEFAULT);
      if (chunk < 1) {
        throw new IllegalArgumentException(LakemrConfig.BATCH_ROWS + " must be positive: " + chunk);
      }
    }

    @Override
    public boolean nextKeyValue() {
      if (next >= end) {
        return false;
      }
      long n = Math.min(chunk, end - next);
      key.set(next);
      value.set(n);
      next += n;
      return true;
    }

    @Override
    public LongWritable getCurrentKey() {
      return key;
    }

    @Override
    public LongWritable getCurrentValue() {
      return value;
    }

    @Override
    public float getProgress() {
      return end == start ? 1f : (float) (next - start) / (end - start);
    }

    @Override
    public void close() {
      // nothing to close
    }
  }
}
