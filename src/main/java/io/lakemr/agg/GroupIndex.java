package io.lakemr.agg;

import io.lakemr.data.ByteBuf;
import io.lakemr.data.Column;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * Dense group numbers for the rows of batches: each key column's values are coded by a
 * {@link KeyColumnCoder}, and the tuple of a row's codes is the group (one column: the code
 * itself; two: a long of both codes in a hash map; more: the codes' bytes in a
 * {@link GroupTable}). A group's order-preserving key bytes are put together only when asked for,
 * once per group, not per row.
 */
final class GroupIndex {

  private final KeyColumnCoder[] coders;
  private final int[] keyInputs;
  private final int k;
  private int[][] columnCodes = new int[0][];
  private final LongIntMap pairs = new LongIntMap();
  private final GroupTable tuples = new GroupTable();
  private final ByteBuf tuple = new ByteBuf();
  private int[] groupCodes = new int[1024];
  private int size;

  GroupIndex(List<Column> keyColumns, int[] keyInputs) {
    this.k = keyColumns.size();
    this.keyInputs = keyInputs.clone();
    this.coders = new KeyColumnCoder[k];
    for (int c = 0; c < k; c++) {
      coders[c] = KeyColumnCoder.forType(keyColumns.get(c).type());
    }
  }

  /** Sets {@code groups[i]} to the group of row {@code rows[i]}, adding groups as needed. */
  void assign(VectorizedRowBatch batch, int[] rows, int n, int[] groups) {
    if (k == 0) {
      Arrays.fill(groups, 0, n, 0);
      size = 1;
      return;
    }
    if (columnCodes.length == 0 || columnCodes[0].length < n) {
      columnCodes = new int[k][Math.max(n, 1024)];
    }
    for (int c = 0; c < k; c++) {
      coders[c].code(batch.cols[keyInputs[c]], rows, n, columnCodes[c]);
    }
    if (k == 1) {
      System.arraycopy(columnCodes[0], 0, groups, 0, n);
      size = coders[0].size();
      return;
    }
    for (int i = 0; i < n; i++) {
      int g;
      if (k == 2) {
        long key = ((long) columnCodes[0][i] << 32) | (columnCodes[1][i] & 0xFFFFFFFFL);
        g = pairs.get(key);
        if (g < 0) {
          g = pairs.putIfAbsent(key, size);
        }
      } else {
        tuple.reset();
        for (int c = 0; c < k; c++) {
          int x = columnCodes[c][i];
          tuple.put(x >>> 24);
          tuple.put(x >>> 16);
          tuple.put(x >>> 8);
          tuple.put(x);
        }
        g = tuples.findOrAdd(tuple.array(), 0, tuple.length());
      }
      if (g == size) {
        if ((size + 1) * k > groupCodes.length) {
          groupCodes = Arrays.copyOf(groupCodes, Math.max((size + 1) * k, groupCodes.length * 2));
        }
        for (int c = 0; c < k; c++) {
          groupCodes[size * k + c] = columnCodes[c][i];
        }
        size++;
      }
      groups[i] = g;
    }
  }

  /** Groups numbered so far. */
  int size() {
    return size;
  }

  /** Appends a group's key, as {@code GroupKeyCodec} encodes it. */
  void key(int group, ByteBuf out) {
    if (k == 1) {
      coders[0].appendKey(group, out);
      return;
    }
    for (int c = 0; c < k; c++) {
      coders[c].appendKey(groupCodes[group * k + c], out);
    }
  }

  long memoryBytes() {
    long m = 4L * groupCodes.length + pairs.memoryBytes() + tuples.memoryBytes();
    for (KeyColumnCoder c : coders) {
      m += c.memoryBytes();
    }
    return m;
  }

  void clear() {
    for (KeyColumnCoder c : coders) {
      c.clear();
    }
    pairs.clear();
    tuples.clear();
    size = 0;
  }
}
