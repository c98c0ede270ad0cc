package io.lakemr.reducers;

import io.lakemr.agg.AggregateCounters;
import io.lakemr.agg.AggregatePlan;
import io.lakemr.agg.ResultOrder;
import io.lakemr.data.Column;
import io.lakemr.data.GroupKey;
import io.lakemr.data.GroupKeyCodec;
import io.lakemr.data.RowCodec;
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
 * The reducer of the sort job of an ordered aggregation: receives (sort key, row) pairs in sort
 * key order, over a range of keys that a total-order partitioner gave it, and writes the rows
 * through {@link BatchOutputFormat} in that order, so that part files read in name order give
 * the rows in order (within each partition directory, when partitioned: partition columns lead
 * the sort key). With {@code --limit N} (one reducer) it writes the first N rows only.
 *
 * <p>It counts {@link AggregateCounters#GROUPS_OUT} as the rows it writes: the groups of the
 * output.
 */
public class SortedOutputReducer extends Reducer<GroupKey, BytesWritable, NullWritable, NullWritable> {

  private static final int BATCH_ROWS = 1024;

  private ResultOrder order;
  private RowCodec rows;
  private GroupKeyCodec partitionCodec;
  private int partitionCount;
  private List<Column> partitionColumns;
  private PartitionedBatchWriter writer;
  private VectorizedRowBatch out;
  private ColumnVector[] targets;
  private ColumnVector[] partitionVectors;
  private byte[] currentPartition;
  private boolean started;
  private long limit;
  private long written;

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    AggregatePlan plan = AggregatePlan.load(context.getConfiguration());
    order = ResultOrder.load(context.getConfiguration(), plan);
    limit = order.limit();
    List<Column> result = ResultOrder.resultColumns(plan);
    rows = new RowCodec(result.stream().map(Column::type).toList());
    partitionCount = plan.partitionCount();
    partitionColumns = plan.partitionColumns();
    partitionCodec = new GroupKeyCodec(partitionColumns.stream().map(Column::type).toList());
    out = Schemas.newBatch(plan.fileColumns(), BATCH_ROWS);
    out.size = 0;
    partitionVectors = new ColumnVector[partitionCount];
    targets = new ColumnVector[result.size()];
    for (int i = 0; i < result.size(); i++) {
      if (i < partitionCount) {
        partitionVectors[i] = Schemas.newVector(result.get(i), 1);
      } else {
        targets[i] = out.cols[i - partitionCount]; // partition columns stay out of the files
      }
    }
    writer = BatchOutputFormat.openWriter(context);
  }

  @Override
  protected void reduce(GroupKey key, Iterable<BytesWritable> values, Context context) throws IOException {
    for (BytesWritable v : values) {
      if (limit > 0 && written >= limit) {
        return;
      }
      startPartitionFor(key);
      rows.decode(v.getBytes(), 0, targets, out.size);
      out.size++;
      written++;
      if (out.size == BATCH_ROWS) {
        flush();
      }
    }
  }

  private void startPartitionFor(GroupKey key) throws IOException {
    if (partitionCount == 0) {
      if (!started) {
        writer.startPartition(new String[0]);
        started = true;
      }
      return;
    }
    byte[] bytes = key.getBytes();
    int prefix = order.partitionPrefixLength(bytes);
    if (started && Arrays.equals(currentPartition, 0, currentPartition.length, bytes, 0, prefix)) {
      return;
    }
    flush();
    currentPartition = Arrays.copyOf(bytes, prefix);
    partitionCodec.decode(bytes, 0, partitionVectors, 0);
    String[] values = new String[partitionCount];
    for (int i = 0; i < partitionCount; i++) {
      values[i] = PartitionedBatchWriter.render(partitionColumns.get(i).type(), partitionVectors[i], 0);
    }
    writer.startPartition(values);
    started = true;
  }

  private void flush() throws IOException {
    if (out.size > 0) {
      writer.write(out);
      out.reset();
      out.size = 0;
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException {
    try {
      flush();
    } finally {
      writer.close();
    }
    context.getCounter(AggregateCounters.GROUPS_OUT).increment(written);
  }

  @Override
  public void run(Context context) throws IOException, InterruptedException {
    TaskFailures.run(context, () -> super.run(context));
  }
}
