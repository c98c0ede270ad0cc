package io.lakemr.agg;

import io.lakemr.data.ByteBuf;
import io.lakemr.data.ColumnType;
import io.lakemr.data.GroupKeyCodec;
import java.util.Arrays;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;

/**
 * Codes for a column of primitive values, through a long hash map: integers, booleans, dates and
 * timestamps by value; floating-point values by their canonical bits (-0.0 as 0.0, every NaN as
 * one NaN), as in the key encoding.
 */
final class PrimitiveKeyCoder extends KeyColumnCoder {

  private final ColumnType type;
  private final boolean floating;
  private final LongIntMap map = new LongIntMap();
  private long[] values = new long[256];
  private int size;
  private int nullCode = -1;

  PrimitiveKeyCoder(ColumnType type) {
    this.type = type;
    this.floating = type.isFloating();
  }

  @Override
  void code(ColumnVector v, int[] rows, int n, int[] codes) {
    long[] longs = floating ? null : ((LongColumnVector) v).vector;
    double[] doubles = floating ? ((DoubleColumnVector) v).vector : null;
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
      long x = floating ? GroupKeyCodec.canonicalBits(doubles[r]) : longs[r];
      int c = map.get(x);
      if (c < 0) {
        c = add(x);
        map.putIfAbsent(x, c);
      }
      codes[i] = c;
    }
  }

  private int add(long x) {
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
    } else if (floating) {
      GroupKeyCodec.encodeDouble(Double.longBitsToDouble(values[code]), out);
    } else {
      GroupKeyCodec.encodeLong(type, values[code], out);
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
