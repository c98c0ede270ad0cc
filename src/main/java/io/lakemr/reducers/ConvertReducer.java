package io.lakemr.reducers;

import io.lakemr.convert.ConvertPlan;
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
 * The reduce side of a shuffling {@code convert}: receives (partition and sort key, row) pairs
 * in key order (see {@link ConvertPlan}), so one output partition's rows after another, each
 * partition sorted by the {@code --sort-by} columns, and writes them through
 * {@link BatchOutputFormat} with one file open at a time, going on in a further file of the
 * partition at the file limits. It holds one output batch, never a whole partition.
 */
public class ConvertReducer extends Reducer<GroupKey, BytesWritable, NullWritable, NullWritable> {

  private static final int BATCH_ROWS = 1024;

  private RowCodec rows;
  private GroupKeyCodec partitionCodec;
  private List<Column> partitionColumns;
  private PartitionedBatchWriter writer;
  private VectorizedRowBatch out;
  private ColumnVector[] partitionVectors;
  private byte[] currentPartition;
  private boolean started;

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    ConvertPlan plan = ConvertPlan.load(context.getConfiguration());
    rows = plan.rowCodec();
    partitionColumns = plan.partitionColumns();
    partitionCodec = plan.partitionCodec();
    partitionVectors = new ColumnVector[partitionColumns.size()];
    for (int i = 0; i < partitionVectors.length; i++) {
      partitionVectors[i] = Schemas.newVector(partitionColumns.get(i), 1);
    }
    out = Schemas.newBatch(plan.fileColumns(), BATCH_ROWS);
    out.size = 0;
    writer = BatchOutputFormat.openWriter(context);
  }

  @Override
  protected void reduce(GroupKey key, Iterable<BytesWritable> values, Context context) throws IOException {
    startPartitionFor(key);
    for (BytesWritable v : values) {
      rows.decode(v.getBytes(), 0, out.cols, out.size);
      out.size++;
      if (out.size == BATCH_ROWS) {
        flush();
      }
    }
  }

  private void startPartitionFor(GroupKey key) throws IOException {
    int p = partitionVectors.length;
    byte[] bytes = key.getBytes();
    int prefix = partitionCodec.prefixLength(bytes, 0, p);
    if (started && Arrays.equals(currentPartition, 0, currentPartition.length, bytes, 0, prefix)) {
      return;
    }
    flush();
    currentPartition = Arrays.copyOf(bytes, prefix);
    partitionCodec.decode(bytes, 0, partitionVectors, 0);
    String[] values = new String[p];
    for (int i = 0; i < p; i++) {
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
    if (writer == null) {
      return;
    }
    try {
      flush();
    } finally {
      PartitionedBatchWriter w = writer;
      writer = null;
      w.close();
    }
  }

  /** As {@link Reducer#run} (whose cleanup closes the output file, also after a failure), recording a failure. */
  @Override
  public void run(Context context) throws IOException, InterruptedException {
    TaskFailures.run(context, () -> super.run(context));
  }
}
