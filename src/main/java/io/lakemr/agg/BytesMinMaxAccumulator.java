package io.lakemr.agg;

import io.lakemr.data.ColumnType;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.WritableComparator;
import org.apache.hadoop.io.WritableUtils;

/**
 * {@code min} or {@code max} of a string or bytes column, by unsigned byte order (for UTF-8,
 * code point order). Keeps the column's type.
 */
final class BytesMinMaxAccumulator extends Accumulator {

  private final ColumnType type;
  private final boolean max;
  private byte[][] values = new byte[0][];
  private long held;

  BytesMinMaxAccumulator(int input, ColumnType type, boolean max) {
    super(input);
    this.type = type;
    this.max = max;
  }

  @Override
  public ColumnType resultType() {
    return type;
  }

  @Override
  public void ensureCapacity(int groups) {
    if (groups > values.length) {
      values = Arrays.copyOf(values, capacityFor(values.length, groups));
    }
  }

  private void offer(int g, byte[] b, int off, int len) {
    byte[] cur = values[g];
    if (cur != null) {
      int c = WritableComparator.compareBytes(b, off, len, cur, 0, cur.length);
      if (max ? c <= 0 : c >= 0) {
        return;
      }
      held -= cur.length;
    }
    values[g] = Arrays.copyOfRange(b, off, off + len);
    held += len;
  }

  @Override
  public void update(VectorizedRowBatch batch, int[] rows, int[] groups, int n) {
    BytesColumnVector v = (BytesColumnVector) batch.cols[input];
    for (int i = 0; i < n; i++) {
      int r = v.isRepeating ? 0 : rows[i];
      if (v.noNulls || !v.isNull[r]) {
        offer(groups[i], v.vector[r], v.start[r], v.length[r]);
      }
    }
  }

  @Override
  public void write(int group, DataOutput out) throws IOException {
    byte[] cur = values[group];
    WritableUtils.writeVInt(out, cur == null ? -1 : cur.length);
    if (cur != null) {
      out.write(cur);
    }
  }

  @Override
  public void merge(int group, DataInput in) throws IOException {
    int len = WritableUtils.readVInt(in);
    if (len >= 0) {
      byte[] b = new byte[len];
      in.readFully(b);
      offer(group, b, 0, len);
    }
  }

  @Override
  public void finish(int group, ColumnVector out, int row) {
    byte[] cur = values[group];
    if (cur == null) {
      setNull(out, row);
      return;
    }
    out.isNull[row] = false;
    ((BytesColumnVector) out).setVal(row, cur);
  }

  @Override
  public int bytesPerGroup() {
    return 8 + 16;
  }

  @Override
  public long extraBytes() {
    return held;
  }

  @Override
  public void clear() {
    Arrays.fill(values, null);
    held = 0;
  }
}
