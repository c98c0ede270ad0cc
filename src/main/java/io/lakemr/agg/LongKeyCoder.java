package io.lakemr.agg;

import io.lakemr.data.ByteBuf;
import io.lakemr.data.ColumnType;
import io.lakemr.data.GroupKeyCodec;
import java.util.Arrays;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;

/** Codes for a column held as longs (integers, booleans, dates, timestamps), through a long hash map. */
final class LongKeyCoder extends KeyColumnCoder {

  private final ColumnType type;
  private final LongIntMap map = new LongIntMap();
  private long[] values = new long[256];
  private int size;
  private int nullCode = -1;

  LongKeyCoder(ColumnType type) {
    this.type = type;
  }

  @Override
  void code(ColumnVector v, int[] rows, int n, int[] codes) {
    long[] vec = ((LongColumnVector) v).vector;
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
      long x = vec[r];
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
