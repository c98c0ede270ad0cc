package io.lakemr.agg;

import io.lakemr.data.ByteBuf;
import io.lakemr.data.GroupKeyCodec;
import java.io.IOException;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
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

  private final GroupKeyCodec codec;
  private final int[] keyInputs;
  private final Accumulators accumulators;
  private final long budgetBytes;
  private final GroupTable table = new GroupTable();
  private final ByteBuf keyBuf = new ByteBuf();
  private final DataOutputBuffer partial = new DataOutputBuffer();
  private ColumnVector[] keyVectors;
  private int[] rows = new int[0];
  private int[] groups = new int[0];
  private long flushes;
  private long groupsOut;

  public PartialAggregator(AggregatePlan plan, long budgetBytes) {
    this.codec = plan.keyCodec();
    this.keyInputs = plan.keyInputs();
    this.accumulators = plan.newAccumulators();
    this.budgetBytes = budgetBytes;
    this.keyVectors = new ColumnVector[keyInputs.length];
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
    for (int k = 0; k < keyInputs.length; k++) {
      keyVectors[k] = batch.cols[keyInputs[k]];
    }
    if (keyInputs.length == 0) {
      int g = table.findOrAdd(keyBuf.array(), 0, 0);
      java.util.Arrays.fill(groups, 0, n, g);
    } else {
      for (int i = 0; i < n; i++) {
        keyBuf.reset();
        codec.encode(keyVectors, rows[i], keyBuf);
        groups[i] = table.findOrAdd(keyBuf.array(), 0, keyBuf.length());
      }
    }
    accumulators.ensureCapacity(table.size());
    accumulators.update(batch, rows, groups, n);
    // Growing an array briefly holds the old and the new one (up to three times the old
    // size): keep what is allocated below half the budget, so a growth step stays within it.
    if (memoryBytes() > budgetBytes / 2) {
      flush(sink);
    }
  }

  /** Bytes held now: keys, table and partial states. */
  public long memoryBytes() {
    return table.memoryBytes() + accumulators.memoryBytes(table.size());
  }

  /** Hands every group's partial to the sink and empties the table. */
  public void flush(Sink sink) throws IOException, InterruptedException {
    int size = table.size();
    for (int g = 0; g < size; g++) {
      partial.reset();
      accumulators.write(g, partial);
      sink.accept(table.arena(), table.keyOffset(g), table.keyLength(g), partial.getData(), partial.getLength());
    }
    if (size > 0) {
      flushes++;
      groupsOut += size;
    }
    table.clear();
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
