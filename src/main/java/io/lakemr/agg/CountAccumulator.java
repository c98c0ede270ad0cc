package io.lakemr.agg;

import io.lakemr.data.ColumnType;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.WritableUtils;

/** {@code count(*)} (input -1) or {@code count(col)}: never null, 0 for an empty group. */
class CountAccumulator extends Accumulator {

  private long[] counts = new long[0];

  CountAccumulator(int input) {
    super(input);
  }

  @Override
  public ColumnType resultType() {
    return ColumnType.LONG;
  }

  @Override
  public void ensureCapacity(int groups) {
    if (groups > counts.length) {
      counts = Arrays.copyOf(counts, capacityFor(counts.length, groups));
    }
  }

  @Override
  public void update(VectorizedRowBatch batch, int[] rows, int[] groups, int n) {
    if (input < 0) {
      for (int i = 0; i < n; i++) {
        counts[groups[i]]++;
      }
      return;
    }
    ColumnVector v = batch.cols[input];
    if (v.noNulls) {
      for (int i = 0; i < n; i++) {
        counts[groups[i]]++;
      }
    } else if (v.isRepeating) {
      if (!v.isNull[0]) {
        for (int i = 0; i < n; i++) {
          counts[groups[i]]++;
        }
      }
    } else {
      boolean[] isNull = v.isNull;
      for (int i = 0; i < n; i++) {
        if (!isNull[rows[i]]) {
          counts[groups[i]]++;
        }
      }
    }
  }

  @Override
  public void write(int group, DataOutput out) throws IOException {
    WritableUtils.writeVLong(out, counts[group]);
  }

  @Override
  public void merge(int group, DataInput in) throws IOException {
    counts[group] += WritableUtils.readVLong(in);
  }

  @Override
  public void finish(int group, ColumnVector out, int row) {
    out.isNull[row] = false;
    ((LongColumnVector) out).vector[row] = counts[group];
  }

  @Override
  public int bytesPerGroup() {
    return 8;
  }

  @Override
  public void clear() {
    Arrays.fill(counts, 0);
  }
}
