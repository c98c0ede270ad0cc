package io.lakemr.agg;

import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/** The accumulators of a job's aggregates, driven together; a group's partial is theirs in order. */
public final class Accumulators {

  private final Accumulator[] list;
  private final int bytesPerGroup;

  Accumulators(List<Accumulator> list) {
    this.list = list.toArray(new Accumulator[0]);
    int b = 0;
    for (Accumulator a : this.list) {
      b += a.bytesPerGroup();
    }
    this.bytesPerGroup = b;
  }

  public int size() {
    return list.length;
  }

  public ColumnType resultType(int i) {
    return list[i].resultType();
  }

  /** The column of aggregate {@code i}'s results, named {@code name}. */
  public Column resultColumn(int i, String name) {
    return list[i].resultColumn(name);
  }

  public void ensureCapacity(int groups) {
    for (Accumulator a : list) {
      a.ensureCapacity(groups);
    }
  }

  public void update(VectorizedRowBatch batch, int[] rows, int[] groups, int n) {
    for (Accumulator a : list) {
      a.update(batch, rows, groups, n);
    }
  }

  public void write(int group, DataOutput out) throws IOException {
    for (Accumulator a : list) {
      a.write(group, out);
    }
  }

  /** Writes the partial state of accumulator {@code index} alone. */
  public void writeOne(int index, int group, DataOutput out) throws IOException {
    list[index].write(group, out);
  }

  public void merge(int group, DataInput in) throws IOException {
    for (Accumulator a : list) {
      a.merge(group, in);
    }
  }

  /** Writes a group's results into row {@code row} of {@code outs[first]}, {@code outs[first+1]}, ... */
  public void finish(int group, ColumnVector[] outs, int first, int row) {
    for (int i = 0; i < list.length; i++) {
      list[i].finish(group, outs[first + i], row);
    }
  }

  /** Bytes of state for {@code groups} groups, variable-length values included. */
  public long memoryBytes(int groups) {
    long extra = 0;
    for (Accumulator a : list) {
      extra += a.extraBytes();
    }
    return (long) bytesPerGroup * groups + extra;
  }

  public void clear() {
    for (Accumulator a : list) {
      a.clear();
    }
  }
}
