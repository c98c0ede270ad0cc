package io.lakemr.agg;

import io.lakemr.data.ByteBuf;
import io.lakemr.data.GroupKeyCodec;
import java.util.Arrays;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;

/**
 * Codes for a string or bytes column. Values are coded through a table of their raw bytes (the
 * key encoding of a value is made once, when it first gets a code, not per row); in front of it
 * sits a small memo keyed by where the value's bytes are (array, start, length):
 * readers point vectors at dictionary entries, so a dictionary-encoded column finds its code with
 * a short byte compare, with no encoding or hashing of the value. The memo is placed by where the
 * bytes are but always compares the bytes themselves, so a reused buffer can never give a stale
 * code, and it keeps no reference to the readers' buffers.
 */
final class BytesKeyCoder extends KeyColumnCoder {

  private static final int MEMO = 4096;

  private final GroupTable table = new GroupTable();
  private final ByteBuf encoded = new ByteBuf();
  private int[] encodedEnds = new int[256];
  private int[] codeOfEntry = new int[256];
  private int size;
  private final int[] memoStarts = new int[MEMO];
  private final int[] memoLengths = new int[MEMO];
  private final int[] memoCodes = new int[MEMO];
  private final byte[][] memoCopies = new byte[MEMO][];
  private int nullCode = -1;
  /** Batches left to code without the memo, after a batch where it mostly missed. */
  private int memoRest;

  @Override
  void code(ColumnVector v, int[] rows, int n, int[] codes) {
    BytesColumnVector b = (BytesColumnVector) v;
    boolean repeating = v.isRepeating;
    boolean useMemo = memoRest == 0;
    if (!useMemo) {
      memoRest--;
    }
    int hits = 0;
    for (int i = 0; i < n; i++) {
      int r = repeating ? 0 : rows[i];
      if (!v.noNulls && v.isNull[r]) {
        if (nullCode < 0) {
          nullCode = newCode(null, 0, 0);
        }
        codes[i] = nullCode;
        continue;
      }
      byte[] a = b.vector[r];
      int s = b.start[r];
      int l = b.length[r];
      int h = 0;
      if (useMemo) {
        h = System.identityHashCode(a) * 31 + s;
        h = (h ^ (h >>> 15)) & (MEMO - 1);
        if (memoStarts[h] == s && memoLengths[h] == l && memoCopies[h] != null
            && Arrays.equals(a, s, s + l, memoCopies[h], 0, l)) {
          codes[i] = memoCodes[h];
          hits++;
          continue;
        }
      }
      int before = table.size();
      int entry = table.findOrAdd(a, s, l);
      if (entry == before) {
        if (entry == codeOfEntry.length) {
          codeOfEntry = Arrays.copyOf(codeOfEntry, entry * 2);
        }
        codeOfEntry[entry] = newCode(a, s, l);
      }
      int c = codeOfEntry[entry];
      codes[i] = c;
      if (useMemo) {
        byte[] copy = memoCopies[h];
        if (copy == null || copy.length != l) {
          copy = new byte[l];
          memoCopies[h] = copy;
        }
        System.arraycopy(a, s, copy, 0, l);
        memoStarts[h] = s;
        memoLengths[h] = l;
        memoCodes[h] = c;
      }
    }
    if (useMemo && n >= 64 && hits * 2 < n) {
      memoRest = 32; // values are not where they were (a copying reader): look them up directly
    }
  }

  /** A new code for a value (null for SQL null), with its key encoding. */
  private int newCode(byte[] a, int s, int l) {
    if (a == null) {
      GroupKeyCodec.encodeNull(encoded);
    } else {
      GroupKeyCodec.encodeBytes(a, s, l, encoded);
    }
    if (size == encodedEnds.length) {
      encodedEnds = Arrays.copyOf(encodedEnds, size * 2);
    }
    encodedEnds[size] = encoded.length();
    return size++;
  }

  @Override
  void appendKey(int code, ByteBuf out) {
    int start = code == 0 ? 0 : encodedEnds[code - 1];
    out.put(encoded.array(), start, encodedEnds[code] - start);
  }

  @Override
  int size() {
    return size;
  }

  @Override
  long memoryBytes() {
    return table.memoryBytes() + encoded.array().length + 4L * (encodedEnds.length + codeOfEntry.length) + 40L * MEMO;
  }

  @Override
  void clear() {
    table.clear();
    encoded.reset();
    size = 0;
    Arrays.fill(memoCopies, null);
    nullCode = -1;
  }
}
