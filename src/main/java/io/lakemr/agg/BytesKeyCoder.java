package io.lakemr.agg;

import io.lakemr.data.ByteBuf;
import io.lakemr.data.GroupKeyCodec;
import java.util.Arrays;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;

/**
 * Codes for a string or bytes column. Values are coded through a table of their key encodings;
 * in front of it sits a small memo keyed by where the value's bytes are (array, start, length):
 * readers point vectors at dictionary entries, so a dictionary-encoded column finds its code with
 * a short byte compare, with no encoding or hashing of the value. The memo is placed by where the
 * bytes are but always compares the bytes themselves, so a reused buffer can never give a stale
 * code, and it keeps no reference to the readers' buffers.
 */
final class BytesKeyCoder extends KeyColumnCoder {

  private static final int MEMO = 4096;

  private final GroupTable table = new GroupTable();
  private final ByteBuf scratch = new ByteBuf();
  private final int[] memoStarts = new int[MEMO];
  private final int[] memoLengths = new int[MEMO];
  private final int[] memoCodes = new int[MEMO];
  private final byte[][] memoCopies = new byte[MEMO][];
  private int nullCode = -1;

  @Override
  void code(ColumnVector v, int[] rows, int n, int[] codes) {
    BytesColumnVector b = (BytesColumnVector) v;
    boolean repeating = v.isRepeating;
    for (int i = 0; i < n; i++) {
      int r = repeating ? 0 : rows[i];
      if (!v.noNulls && v.isNull[r]) {
        if (nullCode < 0) {
          scratch.reset();
          GroupKeyCodec.encodeNull(scratch);
          nullCode = table.findOrAdd(scratch.array(), 0, scratch.length());
        }
        codes[i] = nullCode;
        continue;
      }
      byte[] a = b.vector[r];
      int s = b.start[r];
      int l = b.length[r];
      int h = System.identityHashCode(a) * 31 + s;
      h = (h ^ (h >>> 15)) & (MEMO - 1);
      if (memoStarts[h] == s && memoLengths[h] == l && memoCopies[h] != null
          && Arrays.equals(a, s, s + l, memoCopies[h], 0, l)) {
        codes[i] = memoCodes[h];
        continue;
      }
      scratch.reset();
      GroupKeyCodec.encodeBytes(a, s, l, scratch);
      int c = table.findOrAdd(scratch.array(), 0, scratch.length());
      memoStarts[h] = s;
      memoLengths[h] = l;
      memoCodes[h] = c;
      memoCopies[h] = Arrays.copyOfRange(a, s, s + l);
      codes[i] = c;
    }
  }

  @Override
  void appendKey(int code, ByteBuf out) {
    out.put(table.arena(), table.keyOffset(code), table.keyLength(code));
  }

  @Override
  int size() {
    return table.size();
  }

  @Override
  long memoryBytes() {
    return table.memoryBytes() + 40L * MEMO;
  }

  @Override
  void clear() {
    table.clear();
    Arrays.fill(memoCopies, null);
    nullCode = -1;
  }
}
