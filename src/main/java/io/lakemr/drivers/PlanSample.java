package io.lakemr.drivers;

import io.lakemr.expr.BatchTransform;
import io.lakemr.formats.CountingReporter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;

/**
 * What {@code plan} reads of the data: the first rows of a few of a job's splits, spread over
 * the list, through the job's own record reader and filter, as its map tasks would read them.
 * Bounded by a number of rows and of splits.
 */
final class PlanSample {

  /** Receives the sampled rows, after the job's filter and derived columns. */
  interface Rows {
    void accept(VectorizedRowBatch batch) throws IOException, InterruptedException;
  }

  /** One split's share of the sample: how many rows, and how far into the split they reached. */
  record SplitRead(long length, long rowsRead, long rowsPassed, float progress, boolean exhausted) {

    /** Stored bytes the rows read came from, as far as the reader's progress tells. */
    double bytesCovered() {
      return exhausted ? length : (double) progress * length;
    }
  }

  private final List<SplitRead> reads;

  private PlanSample(List<SplitRead> reads) {
    this.reads = List.copyOf(reads);
  }

  /**
   * Reads up to {@code maxRows} rows from up to {@code maxSplits} of the splits, evenly spaced
   * among them, the first rows of each.
   */
  static PlanSample read(Configuration conf, InputFormat<NullWritable, VectorizedRowBatch> format,
      List<InputSplit> splits, BatchTransform transform, long maxRows, int maxSplits, Rows rows)
      throws IOException, InterruptedException {
    int n = Math.min(splits.size(), Math.max(1, maxSplits));
    List<SplitRead> reads = new ArrayList<>();
    long perSplit = Math.max(1, maxRows / Math.max(1, n));
    Counters counters = new Counters();
    for (int k = 0; k < n; k++) {
      int index = (int) ((long) k * splits.size() / n);
      InputSplit split = splits.get(index);
      TaskAttemptID id = new TaskAttemptID("plan", 1, TaskType.MAP, index, 0);
      TaskAttemptContextImpl context = new TaskAttemptContextImpl(conf, id, new CountingReporter(counters));
      reads.add(readSplit(format, split, context, transform, perSplit, rows));
    }
    return new PlanSample(reads);
  }

  private static SplitRead readSplit(InputFormat<NullWritable, VectorizedRowBatch> format, InputSplit split,
      TaskAttemptContextImpl context, BatchTransform transform, long maxRows, Rows rows)
      throws IOException, InterruptedException {
    long read = 0;
    long passed = 0;
    boolean more = true;
    float progress;
    try (RecordReader<NullWritable, VectorizedRowBatch> reader = format.createRecordReader(split, context)) {
      reader.initialize(split, context);
      while (read < maxRows && (more = reader.nextKeyValue())) {
        VectorizedRowBatch batch = reader.getCurrentValue();
        read += batch.size;
        VectorizedRowBatch kept = transform.apply(batch);
        passed += kept.size;
        rows.accept(kept);
      }
      progress = reader.getProgress();
    }
    return new SplitRead(split.getLength(), read, passed, progress, !more);
  }

  /** Whether the sample read the whole of each of these many splits. */
  boolean readAll(int splitCount) {
    return reads.size() == splitCount && reads.stream().allMatch(SplitRead::exhausted);
  }

  /** Splits read. */
  int splits() {
    return reads.size();
  }

  long rowsRead() {
    return reads.stream().mapToLong(SplitRead::rowsRead).sum();
  }

  long rowsPassed() {
    return reads.stream().mapToLong(SplitRead::rowsPassed).sum();
  }

  /** The share of the rows read that passed the filter (1 when none were read). */
  double passRate() {
    long read = rowsRead();
    return read == 0 ? 1 : (double) rowsPassed() / read;
  }

  /** Rows per stored byte over the splits read, from how far each reader got; 0 when unknown. */
  double rowsPerByte() {
    double bytes = 0;
    long rows = 0;
    for (SplitRead r : reads) {
      if (r.bytesCovered() > 0) {
        bytes += r.bytesCovered();
        rows += r.rowsRead();
      }
    }
    return bytes > 0 ? rows / bytes : 0;
  }
}
