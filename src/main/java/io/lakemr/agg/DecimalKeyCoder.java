package io.lakemr.agg;

import io.lakemr.data.ByteBuf;
import io.lakemr.data.GroupKeyCodec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hive.common.type.HiveDecimal;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.serde2.io.HiveDecimalWritable;

/** Codes for a decimal column, through a hash map of its values (equal values, one code). */
final class DecimalKeyCoder extends KeyColumnCoder {

  /** Rough bytes per distinct value: the map entry, the value and its key. */
  private static final int BYTES_PER_VALUE = 160;

  private final Map<HiveDecimal, Integer> codes = new HashMap<>();
  private final List<HiveDecimalWritable> values = new ArrayList<>();
  private int scale;
  private int nullCode = -1;

  @Override
  void code(ColumnVector v, int[] rows, int n, int[] out) {
    DecimalColumnVector d = (DecimalColumnVector) v;
    scale = d.scale;
    for (int i = 0; i < n; i++) {
      int r = d.isRepeating ? 0 : rows[i];
      if (!d.noNulls && d.isNull[r]) {
        if (nullCode < 0) {
          nullCode = values.size();
          values.add(null);
        }
        out[i] = nullCode;
        continue;
      }
      HiveDecimal x = d.vector[r].getHiveDecimal();
      Integer c = codes.get(x);
      if (c == null) {
        c = values.size();
        values.add(new HiveDecimalWritable(x));
        codes.put(x, c);
      }
      out[i] = c;
    }
  }

  @Override
  void appendKey(int code, ByteBuf out) {
    if (code == nullCode) {
      GroupKeyCodec.encodeNull(out);
    } else {
      GroupKeyCodec.encodeDecimal(values.get(code), scale, out);
    }
  }

  @Override
  int size() {
    return values.size();
  }

  @Override
  long memoryBytes() {
    return (long) BYTES_PER_VALUE * values.size();
  }

  @Override
  void clear() {
    codes.clear();
    values.clear();
    nullCode = -1;
  }
}
