package io.lakemr.reducers;

import io.lakemr.agg.AggregateCounters;
import io.lakemr.agg.AggregateOverflowException;
import io.lakemr.agg.AggregatePlan;
import io.lakemr.agg.PartialMerger;
import io.lakemr.data.Column;
import io.lakemr.data.GroupKey;
import io.lakemr.data.GroupKeyCodec;
import io.lakemr.data.Schemas;
import io.lakemr.formats.output.BatchOutputFormat;
import io.lakemr.formats.output.PartitionedBatchWriter;
import io.lakemr.tasks.TaskFailures;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Merges each group's partials, finishes the aggregates and writes result rows in key order.
 *
 * <p>Partition columns lead the key, so the groups of one output partition arrive together and
 * the reducer keeps one partition file open at a time. It holds one output batch, never a
 * whole group or all groups.
 */
public class AggregateReducer extends Reducer<GroupKey, BytesWritable, NullWritable, NullWritable> {

  private static final int BATCH_ROWS = 1024;

  private AggregatePlan plan;
  private GroupKeyCodec codec;
  private PartialMerger merger;
  private PartitionedBatchWriter writer;
  private VectorizedRowBatch out;
  private ColumnVector[] keyTargets;
  private ColumnVector[] partitionVectors;
  private int firstAggColumn;
  private byte[] currentPartition;
  private boolean started;
  private long groups;

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    plan = AggregatePlan.load(context.getConfiguration());
    codec = plan.keyCodec();
    merger = new PartialMerger(plan);
    List<Column> fileColumns = plan.fileColumns();
    out = Schemas.newBatch(fileColumns, BATCH_ROWS);
    out.size = 0;
    int p = plan.partitionCount();
    List<Column> keys = plan.keyColumns();
    keyTargets = new ColumnVector[keys.size()];
    partitionVectors = new ColumnVector[p];
    for (int i = 0; i < keys.size(); i++) {
      if (i < p) {
        partitionVectors[i] = Schemas.newVector(keys.get(i), BATCH_ROWS);
        keyTargets[i] = partitionVectors[i];
      } else {
        keyTargets[i] = out.cols[i - p];
      }
    }
    firstAggColumn = keys.size() - p;
    writer = openWriter(context);
  }

  /** The partitioned writer of this task's output, in the committer's work directory. */
  protected PartitionedBatchWriter openWriter(Context context) throws IOException, InterruptedException {
    return BatchOutputFormat.openWriter(context);
  }

  @Override
  protected void reduce(GroupKey key, Iterable<BytesWritable> values, Context context)
      throws IOException, InterruptedException {
    merger.reset();
    try {
      for (BytesWritable v : values) {
        merger.merge(v.getBytes(), v.getLength());
      }
    } catch (AggregateOverflowException e) {
      throw new IOException("group " + describe(key) + ": " + e.getMessage(), e);
    }
    startPartitionFor(key);
    groupMerged(key, merger);
    int row = out.size;
    codec.decode(key.getBytes(), 0, keyTargets, row);
    merger.finish(out.cols, firstAggColumn, row);
    out.size++;
    groups++;
    if (out.size == BATCH_ROWS) {
      flush();
    }
  }

  private void startPartitionFor(GroupKey key) throws IOException {
    int p = plan.partitionCount();
    if (p == 0) {
      if (!started) {
        writer.startPartition(new String[0]);
        partitionStarted(new String[0]);
        started = true;
      }
      return;
    }
    byte[] bytes = key.getBytes();
    int prefix = codec.prefixLength(bytes, 0, p);
    if (started && currentPartition.length == prefix
        && Arrays.equals(currentPartition, 0, prefix, bytes, 0, prefix)) {
      return;
    }
    flush();
    currentPartition = Arrays.copyOf(bytes, prefix);
    codec.decode(bytes, 0, keyTargets, 0); // out is empty after the flush above
    String[] values = new String[p];
    for (int i = 0; i < p; i++) {
      values[i] = PartitionedBatchWriter.render(plan.keyColumns().get(i).type(), partitionVectors[i], 0);
    }
    writer.startPartition(values);
    partitionStarted(values);
    started = true;
  }

  /** Called when the groups of the next output partition begin, with its raw values. */
  protected void partitionStarted(String[] values) throws IOException {
  }

  /** Called with each group's merged partials, before its result is written. */
  protected void groupMerged(GroupKey key, PartialMerger merged) throws IOException {
  }

  private String describe(GroupKey key) {
    List<Column> keys = plan.keyColumns();
    ColumnVector[] scratch = new ColumnVector[keys.size()];
    for (int i = 0; i < scratch.length; i++) {
      scratch[i] = Schemas.newVector(keys.get(i), 1);
    }
    codec.decode(key.getBytes(), 0, scratch, 0);
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < scratch.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(keys.get(i).name()).append('=')
          .append(PartitionedBatchWriter.render(keys.get(i).type(), scratch[i], 0));
    }
    return sb.append(')').toString();
  }

  private void flush() throws IOException {
    if (out.size > 0) {
      writer.write(out);
      out.reset();
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException {
    try {
      if (!started && plan.isGlobal() && context.getTaskAttemptID().getTaskID().getId() == 0) {
        // a global aggregate over empty input is one row: count 0, the rest null
        writer.startPartition(new String[0]);
        merger.reset();
        merger.finish(out.cols, firstAggColumn, 0);
        out.size = 1;
        groups++;
      }
      flush();
    } finally {
      writer.close();
    }
    context.getCounter(AggregateCounters.GROUPS_OUT).increment(groups);
  }

  @Override
  public void run(Context context) throws IOException, InterruptedException {
    TaskFailures.run(context, () -> super.run(context));
  }
}
