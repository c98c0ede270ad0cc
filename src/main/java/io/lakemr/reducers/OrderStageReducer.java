package io.lakemr.reducers;

import io.lakemr.agg.AggregateCounters;
import io.lakemr.agg.AggregateOverflowException;
import io.lakemr.agg.AggregatePlan;
import io.lakemr.agg.PartialMerger;
import io.lakemr.agg.ResultOrder;
import io.lakemr.data.ByteBuf;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.GroupKey;
import io.lakemr.data.GroupKeyCodec;
import io.lakemr.data.RowCodec;
import io.lakemr.data.Schemas;
import io.lakemr.data.TopN;
import io.lakemr.formats.output.PartitionedBatchWriter;
import io.lakemr.tasks.TaskFailures;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * The reducer of an ordered aggregation's first job: merges each group's partials and
 * finishes its result row as {@link AggregateReducer} does, but instead of writing output
 * files writes (sort key, row) pairs ({@link ResultOrder#encodeSortKey}, {@link RowCodec}) to
 * a SequenceFile in the scratch directory, for the sort job. With {@code --limit N} it keeps
 * only its N first rows in the result order (a bounded heap) and writes them at the end.
 */
public class OrderStageReducer extends Reducer<GroupKey, BytesWritable, GroupKey, BytesWritable> {

  private static final int BATCH_ROWS = 1024;

  private AggregatePlan plan;
  private ResultOrder order;
  private GroupKeyCodec codec;
  private RowCodec rows;
  private PartialMerger merger;
  private VectorizedRowBatch result;
  private ColumnVector[] keyTargets;
  private int firstAggColumn;
  private TopN top;
  private final ByteBuf sortKey = new ByteBuf(128);
  private final ByteBuf row = new ByteBuf(128);
  private final GroupKey outKey = new GroupKey();
  private final BytesWritable outValue = new BytesWritable();
  private long groups;

  @Override
  protected void setup(Context context) {
    plan = AggregatePlan.load(context.getConfiguration());
    order = ResultOrder.load(context.getConfiguration(), plan);
    codec = plan.keyCodec();
    merger = new PartialMerger(plan);
    List<Column> columns = ResultOrder.resultColumns(plan);
    rows = new RowCodec(columns.stream().map(Column::type).toList());
    result = Schemas.newBatch(columns, BATCH_ROWS);
    result.size = 0;
    firstAggColumn = plan.keyColumns().size();
    keyTargets = new ColumnVector[firstAggColumn];
    System.arraycopy(result.cols, 0, keyTargets, 0, firstAggColumn);
    if (order.limit() > 0) {
      top = new TopN((int) order.limit());
    }
  }

  @Override
  protected void reduce(GroupKey key, Iterable<BytesWritable> values, Context context)
      throws IOException, InterruptedException {
    merger.reset();
    int r = result.size;
    codec.decode(key.getBytes(), 0, keyTargets, r);
    try {
      for (BytesWritable v : values) {
        merger.merge(v.getBytes(), v.getLength());
      }
    } catch (AggregateOverflowException e) {
      throw new IOException("group " + describe(r) + ": " + e.getMessage(), e);
    }
    merger.finish(result.cols, firstAggColumn, r);
    emit(key.getBytes(), key.getLength(), r, context);
  }

  private void emit(byte[] groupKey, int groupKeyLength, int r, Context context)
      throws IOException, InterruptedException {
    sortKey.reset();
    order.encodeSortKey(groupKey, groupKeyLength, result.cols, r, sortKey);
    row.reset();
    rows.encode(result.cols, r, row);
    if (top != null) {
      top.offer(sortKey.array(), sortKey.length(), row.array(), row.length());
    } else {
      write(sortKey.array(), sortKey.length(), row.array(), row.length(), context);
    }
    groups++;
    if (++result.size == BATCH_ROWS) {
      result.reset();
      result.size = 0;
    }
  }

  private void write(byte[] k, int kl, byte[] v, int vl, Context context) throws IOException, InterruptedException {
    outKey.set(k, 0, kl);
    outValue.set(v, 0, vl);
    context.write(outKey, outValue);
  }

  private String describe(int r) {
    List<Column> keys = plan.keyColumns();
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < keys.size(); i++) {
      ColumnType t = keys.get(i).type();
      sb.append(i > 0 ? ", " : "").append(keys.get(i).name()).append('=')
          .append(PartitionedBatchWriter.render(t, keyTargets[i], r));
    }
    return sb.append(')').toString();
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    if (groups == 0 && plan.isGlobal() && context.getTaskAttemptID().getTaskID().getId() == 0) {
      // a global aggregate over empty input is one row: count 0, the rest null
      merger.reset();
      result.reset();
      merger.finish(result.cols, firstAggColumn, 0);
      result.size = 0;
      emit(new byte[0], 0, 0, context);
    }
    if (top != null) {
      for (TopN.Entry e : top.sorted()) {
        write(e.key(), e.key().length, e.value(), e.value().length, context);
      }
    }
    context.getCounter(AggregateCounters.GROUPS_OUT).increment(groups);
  }

  @Override
  public void run(Context context) throws IOException, InterruptedException {
    TaskFailures.run(context, () -> super.run(context));
  }
}
