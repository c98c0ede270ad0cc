package io.lakemr.drivers;

import io.lakemr.conf.LakemrConfig;
import io.lakemr.convert.ConvertPlan;
import io.lakemr.data.ByteBuf;
import io.lakemr.data.GroupKeyCodec;
import io.lakemr.data.SortKeyEncoder;
import io.lakemr.expr.BatchTransform;
import io.lakemr.formats.CountingReporter;
import io.lakemr.formats.badrecords.BadRecordMode;
import io.lakemr.formats.badrecords.BadRecordSettings;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;

/**
 * Samples the partition keys of a shuffling {@code convert} on the client, before the job is
 * submitted, for its {@link io.lakemr.convert.SkewPlan}.
 *
 * <p>It plans the job's own splits with the job's input format and reads, with the job's record
 * reader, the first rows of up to {@code splits} of them, spread evenly over the split list,
 * {@code rows} input rows in all; each batch goes through the map side's transform (the
 * {@code --where} filter and {@code --derive} columns, as {@link io.lakemr.mappers.ConvertMapper}
 * builds it) and each row left is keyed as the mapper keys it, so the prefixes counted are the
 * bytes the partitioner sees. A split's rows stand for the whole split: each sampled row weighs
 * the split's length over the input rows read from it, so a large split counts for more and a
 * split the filter mostly removes for less. Records the job's {@code --bad-records} setting
 * would skip or quarantine are skipped (the sample writes nothing). The first rows of a split stand for all of it only
 * when a split's rows are not ordered by partition; with many splits the error evens out.
 */
final class SkewSampler {

  private final int splits;
  private final int rows;
  private long rowsRead;
  private int splitsRead;
  private int splitsTotal;
  private boolean readAll;
  private final KeyCounts keys = new KeyCounts();

  SkewSampler(int splits, int rows) {
    this.splits = Math.max(1, splits);
    this.rows = Math.max(1, rows);
  }

  /** Each sampled partition's key prefix (base64) and its weight: its share of the rows, unnormalised. */
  Map<String, Double> sample(Job job, InputFormat<NullWritable, VectorizedRowBatch> format, ConvertPlan plan)
      throws IOException, InterruptedException {
    // the record readers may note what they read in the configuration: a copy keeps the job's clean
    Configuration conf = new Configuration(job.getConfiguration());
    if (BadRecordSettings.get(conf).mode() != BadRecordMode.FAIL) {
      // bad records the job would tolerate are left out of the sample, never quarantined by it
      conf.set(LakemrConfig.BAD_RECORDS, "skip");
      conf.unset(LakemrConfig.MAX_BAD_RECORDS);
    }
    List<InputSplit> all = format.getSplits(job);
    int n = Math.min(splits, all.size());
    splitsTotal = all.size();
    splitsRead = n;
    List<InputSplit> chosen = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      chosen.add(all.get((int) ((long) i * all.size() / n)));
    }
    int perSplit = Math.max(1, rows / Math.max(1, n));
    Map<String, Double> weights = new HashMap<>();
    int task = 0;
    readAll = n == all.size();
    for (InputSplit split : chosen) {
      TaskAttemptID id = new TaskAttemptID("skew-sample", 1, TaskType.MAP, task++, 0);
      long[] read = readSplit(format, split, conf, id, plan, perSplit, weights, keys);
      rowsRead += read[0];
      readAll &= read[1] != 0;
    }
    return weights;
  }

  /**
   * The partitions of the whole input, estimated from the last {@link #sample} (see
   * {@link KeyCounts#estimate}): the partitions seen when it read every row.
   */
  long estimatedPartitions() {
    return keys.estimate(readAll ? keys.rows() : Long.MAX_VALUE);
  }

  /** The distinct partitions in the last {@link #sample}. */
  long sampledPartitions() {
    return keys.distinct();
  }

  /** What the last {@link #sample} read, e.g. {@code 20,000 rows of 20 of 311 splits}. */
  String describe() {
    return String.format("%,d rows of %d of %d splits", rowsRead, splitsRead, splitsTotal);
  }

  /**
   * Reads the first rows of a split into the weights and the key counts; returns the input rows
   * read and 1 when that was the whole split (else 0).
   */
  private static long[] readSplit(InputFormat<NullWritable, VectorizedRowBatch> format, InputSplit split,
      Configuration conf, TaskAttemptID id, ConvertPlan plan, int perSplit, Map<String, Double> weights,
      KeyCounts keyCounts) throws IOException, InterruptedException {
    TaskAttemptContextImpl context = new TaskAttemptContextImpl(conf, id, new CountingReporter(new Counters()));
    BatchTransform transform = BatchTransform.load(conf, plan.rowColumns());
    SortKeyEncoder keys = plan.keyEncoder();
    int[] keyIndexes = plan.keyIndexes();
    GroupKeyCodec prefixes = plan.partitionCodec();
    int partitionColumns = plan.partitionColumns().size();
    ByteBuf key = new ByteBuf(128);
    Map<String, Long> counts = new HashMap<>();
    long read = 0;
    boolean more = true;
    try (RecordReader<NullWritable, VectorizedRowBatch> reader = format.createRecordReader(split, context)) {
      reader.initialize(split, context);
      while (read < perSplit && (more = reader.nextKeyValue())) {
        VectorizedRowBatch batch = reader.getCurrentValue();
        read += batch.size;
        VectorizedRowBatch passed = transform.apply(batch);
        for (int j = 0; j < passed.size; j++) {
          int r = passed.selectedInUse ? passed.selected[j] : j;
          key.reset();
          keys.encode(passed.cols, keyIndexes, r, key);
          int prefix = prefixes.prefixLength(key.array(), 0, partitionColumns);
          byte[] bytes = new byte[prefix];
          System.arraycopy(key.array(), 0, bytes, 0, prefix);
          counts.merge(Base64.getEncoder().encodeToString(bytes), 1L, Long::sum);
          keyCounts.add(bytes);
        }
      }
      more = more && reader.nextKeyValue();
    }
    if (read > 0) {
      double perRow = (double) Math.max(1, split.getLength()) / read;
      counts.forEach((prefix, count) -> weights.merge(prefix, count * perRow, Double::sum));
    }
    return new long[] {read, more ? 0 : 1};
  }
}
