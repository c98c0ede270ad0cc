package io.lakemr.agg;

import io.lakemr.data.ByteBuf;
import java.io.IOException;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.DataOutputBuffer;

/**
 * In-mapper combining: folds batches into a bounded table of partial aggregates and hands the
 * partials out when the table passes half its memory budget (the other half is room for the
 * table's arrays to grow) or the input ends.
 *
 * <p>Knows nothing of MapReduce; the mapper gives it a {@link Sink}.
 */
public final class PartialAggregator {

  /** Receives one group's encoded key and its encoded partial state. */
  public interface Sink {
    void accept(byte[] key, int keyOffset, int keyLength, byte[] partial, int partialLength)
        throws IOException, InterruptedException;
  }

  private final Accumulators accumulators;
  private final long budgetBytes;
  private final GroupIndex index;
  private final ByteBuf keyBuf = new ByteBuf();
  private final DataOutputBuffer partial = new DataOutputBuffer();
  private int[] rows = new int[0];
  private int[] groups = new int[0];
  private long flushes;
  private long groupsOut;

  public PartialAggregator(AggregatePlan plan, long budgetBytes) {
    this.index = new GroupIndex(plan.keyColumns(), plan.keyInputs());
    this.accumulators = plan.newAccumulators();
    this.budgetBytes = budgetBytes;
  }

  /** Folds the selected rows of a batch in; flushes to the sink when over budget. */
  public void add(VectorizedRowBatch batch, Sink sink) throws IOException, InterruptedException {
    int n = batch.size;
    if (n == 0) {
      return;
    }
    if (rows.length < n) {
      rows = new int[n];
      groups = new int[n];
    }
    if (batch.selectedInUse) {
      System.arraycopy(batch.selected, 0, rows, 0, n);
    } else {
      for (int i = 0; i < n; i++) {
        rows[i] = i;
      }
    }
    index.assign(batch, rows, n, groups);
    accumulators.ensureCapacity(index.size());
    accumulators.update(batch, rows, groups, n);
    // Growing an array briefly holds the old and the new one (up to three times the old
    // size): keep what is allocated below half the budget, so a growth step stays within it.
    if (memoryBytes() > budgetBytes / 2) {
      flush(sink);
    }
  }

  /** Bytes held now: keys, table and partial states. */
  public long memoryBytes() {
    return index.memoryBytes() + accumulators.memoryBytes(index.size());
  }

  /** Hands every group's partial to the sink and empties the table. */
  public void flush(Sink sink) throws IOException, InterruptedException {
    int size = index.size();
    for (int g = 0; g < size; g++) {
      partial.reset();
      accumulators.write(g, partial);
      keyBuf.reset();
      index.key(g, keyBuf);
      sink.accept(keyBuf.array(), 0, keyBuf.length(), partial.getData(), partial.getLength());
    }
    if (size > 0) {
      flushes++;
      groupsOut += size;
    }
    index.clear();
    accumulators.clear();
  }

  /** How many times the table was emptied. */
  public long flushes() {
    return flushes;
  }

  /** Partials handed out so far. */
  public long partialsOut() {
    return groupsOut;
  }
}
