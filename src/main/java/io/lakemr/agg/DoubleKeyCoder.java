package io.lakemr.agg;

import io.lakemr.data.ByteBuf;
import io.lakemr.data.GroupKeyCodec;
import java.util.Arrays;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;

/** Codes for a floating-point column: -0.0 is 0.0 and every NaN one NaN, as in the key encoding. */
final class DoubleKeyCoder extends KeyColumnCoder {

  private final LongIntMap map = new LongIntMap();
  private double[] values = new double[256];
  private int size;
  private int nullCode = -1;

  @Override
  void code(ColumnVector v, int[] rows, int n, int[] codes) {
    double[] vec = ((DoubleColumnVector) v).vector;
    boolean repeating = v.isRepeating;
    for (int i = 0; i < n; i++) {
      int r = repeating ? 0 : rows[i];
      if (!v.noNulls && v.isNull[r]) {
        if (nullCode < 0) {
          nullCode = add(0);
        }
        codes[i] = nullCode;
        continue;
      }
      double x = vec[r];
      long bits = GroupKeyCodec.canonicalBits(x);
      int c = map.get(bits);
      if (c < 0) {
        c = add(Double.longBitsToDouble(bits));
        map.putIfAbsent(bits, c);
      }
      codes[i] = c;
    }
  }

  private int add(double x) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size] = x;
    return size++;
  }

  @Override
  void appendKey(int code, ByteBuf out) {
    if (code == nullCode) {
      GroupKeyCodec.encodeNull(out);
    } else {
      GroupKeyCodec.encodeDouble(values[code], out);
    }
  }

  @Override
  int size() {
    return size;
  }

  @Override
  long memoryBytes() {
    return map.memoryBytes() + 8L * values.length;
  }

  @Override
  void clear() {
    map.clear();
    size = 0;
    nullCode = -1;
  }
}
