package io.lakemr.agg;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.WritableUtils;

/**
 * An aggregate whose per-group state is a sketch object, made at the group's first non-null
 * value (groups without values hold nothing).
 *
 * <p>Sketches grow as values arrive, so the bytes they hold are measured again, after each
 * batch, for the groups that batch touched, and {@link #extraBytes()} reports the running
 * total: the mapper's memory budget counts sketch sizes. The partial form is the sketch's own
 * serialization, preceded by its length (0 for a group without values).
 *
 * @param <S> the sketch type
 */
abstract class SketchAccumulator<S> extends Accumulator {

  /** Bytes an on-heap sketch costs beyond its serialized size (object headers, fields). */
  static final int SKETCH_OVERHEAD_BYTES = 96;

  private Object[] sketches = new Object[0];
  private int[] sizes = new int[0];
  private int[] stamps = new int[0];
  private int stamp;
  private long bytes;

  SketchAccumulator(int input) {
    super(input);
  }

  /** A new, empty sketch. */
  abstract S newSketch();

  /** Bytes the sketch holds now, roughly. */
  abstract int sizeOf(S sketch);

  abstract void updateLong(S sketch, long value);

  abstract void updateDouble(S sketch, double value);

  abstract void updateBytes(S sketch, byte[] bytes, int start, int length);

  abstract byte[] serialize(S sketch);

  /** Merges a serialized sketch into {@code into}. */
  abstract void mergeSerialized(S into, byte[] serialized);

  /** Writes the result of a group's sketch; {@code sketch} is null for a group without values. */
  abstract void finish(S sketch, ColumnVector out, int row);

  @SuppressWarnings("unchecked")
  final S sketch(int group) {
    return (S) sketches[group];
  }

  private S sketchFor(int group) {
    S s = sketch(group);
    if (s == null) {
      s = newSketch();
      sketches[group] = s;
    }
    return s;
  }

  @Override
  public void ensureCapacity(int groups) {
    if (groups > sketches.length) {
      int cap = capacityFor(sketches.length, groups);
      sketches = Arrays.copyOf(sketches, cap);
      sizes = Arrays.copyOf(sizes, cap);
      stamps = Arrays.copyOf(stamps, cap);
    }
  }

  @Override
  public void update(VectorizedRowBatch batch, int[] rows, int[] groups, int n) {
    ColumnVector v = batch.cols[input];
    boolean repeating = v.isRepeating;
    boolean noNulls = v.noNulls;
    if (repeating && !noNulls && v.isNull[0]) {
      return;
    }
    for (int i = 0; i < n; i++) {
      int r = repeating ? 0 : rows[i];
      if (!noNulls && !repeating && v.isNull[r]) {
        continue;
      }
      S s = sketchFor(groups[i]);
      if (v instanceof LongColumnVector l) {
        updateLong(s, l.vector[r]);
      } else if (v instanceof DoubleColumnVector d) {
        updateDouble(s, d.vector[r]);
      } else {
        BytesColumnVector b = (BytesColumnVector) v;
        updateBytes(s, b.vector[r], b.start[r], b.length[r]);
      }
    }
    remeasure(groups, n);
  }

  private void remeasure(int[] groups, int n) {
    stamp++;
    if (stamp == 0) {
      Arrays.fill(stamps, 0);
      stamp = 1;
    }
    for (int i = 0; i < n; i++) {
      remeasure(groups[i]);
    }
  }

  private void remeasure(int g) {
    if (stamps[g] == stamp) {
      return;
    }
    stamps[g] = stamp;
    S s = sketch(g);
    int now = s == null ? 0 : sizeOf(s) + SKETCH_OVERHEAD_BYTES;
    bytes += now - sizes[g];
    sizes[g] = now;
  }

  @Override
  public void write(int group, DataOutput out) throws IOException {
    S s = sketch(group);
    if (s == null) {
      WritableUtils.writeVInt(out, 0);
      return;
    }
    byte[] b = serialize(s);
    WritableUtils.writeVInt(out, b.length);
    out.write(b);
  }

  @Override
  public void merge(int group, DataInput in) throws IOException {
    int len = WritableUtils.readVInt(in);
    if (len == 0) {
      return;
    }
    byte[] b = new byte[len];
    in.readFully(b);
    mergeSerialized(sketchFor(group), b);
    stamp++;
    remeasure(group);
  }

  @Override
  public void finish(int group, ColumnVector out, int row) {
    finish(sketch(group), out, row);
  }

  /** A reference, a size and a stamp per group; the sketches are in {@link #extraBytes()}. */
  @Override
  public int bytesPerGroup() {
    return 16;
  }

  @Override
  public long extraBytes() {
    return bytes;
  }

  @Override
  public void clear() {
    Arrays.fill(sketches, null);
    Arrays.fill(sizes, 0);
    bytes = 0;
  }
}
