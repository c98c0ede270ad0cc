package io.lakemr.mappers;

import io.lakemr.agg.AggregateCounters;
import io.lakemr.agg.AggregatePlan;
import io.lakemr.agg.PartialAggregator;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.GroupKey;
import io.lakemr.expr.BatchTransform;
import io.lakemr.expr.RowCounters;
import io.lakemr.tasks.Framework;
import io.lakemr.tasks.TaskFailures;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Counter;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * Derives and filters each input batch ({@link BatchTransform}), folds its selected rows into
 * partial aggregates per group (in-mapper combining), and emits (group key, partial) pairs when
 * its table passes its memory budget and at the end.
 */
public class AggregateMapper extends Mapper<NullWritable, VectorizedRowBatch, GroupKey, BytesWritable> {

  private PartialAggregator aggregator;
  private BatchTransform transform;
  private Counter rowsRead;
  private Counter rowsPassed;
  private Counter rowsFilteredOut;
  private PartialAggregator.Sink sink;
  private final GroupKey outKey = new GroupKey();
  private final BytesWritable outValue = new BytesWritable();

  @Override
  protected void setup(Context context) {
    Configuration conf = context.getConfiguration();
    AggregatePlan plan = AggregatePlan.load(conf);
    transform = BatchTransform.load(conf, plan.readColumns());
    if (!transform.outputColumns().equals(plan.readColumns())) {
      throw new IllegalStateException("the transform hands on " + transform.outputColumns()
          + " but the aggregation expects " + plan.readColumns());
    }
    rowsRead = context.getCounter(RowCounters.ROWS_READ);
    rowsPassed = context.getCounter(RowCounters.ROWS_PASSED);
    rowsFilteredOut = context.getCounter(RowCounters.ROWS_FILTERED_OUT);
    aggregator = new PartialAggregator(plan, memoryBudget(conf));
    sink = (key, off, len, partial, plen) -> {
      outKey.set(key, off, len);
      outValue.set(partial, 0, plen);
      context.write(outKey, outValue);
    };
  }

  /**
   * The partial table's budget: the configured bytes, or a share of this JVM's heap (divided
   * among the map tasks the local job runner runs at once in it).
   */
  static long memoryBudget(Configuration conf) {
    return memoryBudget(conf, Runtime.getRuntime().maxMemory());
  }

  /**
   * The partial table's budget in a task JVM of this maximum heap: the configured bytes, or
   * {@value LakemrConfig#AGG_MAP_MEMORY_FRACTION} of the heap (divided among the map tasks the
   * local job runner runs at once in it).
   */
  public static long memoryBudget(Configuration conf, long maxHeap) {
    long bytes = conf.getLong(LakemrConfig.AGG_MAP_MEMORY_BYTES, LakemrConfig.AGG_MAP_MEMORY_BYTES_DEFAULT);
    if (bytes > 0) {
      return bytes;
    }
    float fraction = conf.getFloat(LakemrConfig.AGG_MAP_MEMORY_FRACTION, LakemrConfig.AGG_MAP_MEMORY_FRACTION_DEFAULT);
    // the local job runner runs its map tasks in one JVM, sharing one heap
    int sharing = Framework.isLocal(conf) ? Math.max(1, conf.getInt("mapreduce.local.map.tasks.maximum", 1)) : 1;
    return Math.max(1L << 20, (long) (maxHeap * (double) fraction / sharing));
  }

  @Override
  protected void map(NullWritable key, VectorizedRowBatch batch, Context context)
      throws IOException, InterruptedException {
    long before = aggregator.flushes();
    int read = batch.size;
    VectorizedRowBatch rows = transform.apply(batch);
    rowsRead.increment(read);
    rowsPassed.increment(rows.size);
    rowsFilteredOut.increment(read - rows.size);
    aggregator.add(rows, sink);
    context.getCounter(AggregateCounters.ROWS_AGGREGATED).increment(rows.size);
    if (aggregator.flushes() > before) {
      context.getCounter(AggregateCounters.MAP_TABLE_FLUSHES).increment(1);
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException, InterruptedException {
    aggregator.flush(sink);
    context.getCounter(AggregateCounters.PARTIALS_OUT).increment(aggregator.partialsOut());
  }

  @Override
  public void run(Context context) throws IOException, InterruptedException {
    TaskFailures.run(context, () -> super.run(context));
  }
}
