package io.lakemr.agg;

import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.io.DataInputBuffer;
import org.apache.hadoop.io.DataOutputBuffer;

/**
 * Merges the partial states of one group at a time, as combiners and reducers do: reset,
 * merge each partial, then write the merged partial or finish the result.
 */
public final class PartialMerger {

  private final Accumulators accumulators;
  private final DataInputBuffer in = new DataInputBuffer();
  private final DataOutputBuffer out = new DataOutputBuffer();

  public PartialMerger(AggregatePlan plan) {
    this.accumulators = plan.newAccumulators();
    accumulators.ensureCapacity(1);
  }

  public void reset() {
    accumulators.clear();
  }

  public void merge(byte[] partial, int length) throws IOException {
    in.reset(partial, length);
    accumulators.merge(0, in);
  }

  /** The merged partial; valid until the next call. */
  public DataOutputBuffer mergedPartial() throws IOException {
    out.reset();
    accumulators.write(0, out);
    return out;
  }

  /** Writes the merged partial of aggregate {@code index} alone. */
  public void writeOne(int index, DataOutput target) throws IOException {
    accumulators.writeOne(index, 0, target);
  }

  /** Writes the results into {@code outs[first..]} at {@code row}. */
  public void finish(ColumnVector[] outs, int first, int row) {
    accumulators.finish(0, outs, first, row);
  }
}
