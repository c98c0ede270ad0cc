package io.lakemr.formats.text;

import java.util.Arrays;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;

/**
 * The distinct values of one low-cardinality string column, so a text reader can point vector
 * entries at one stored copy of each value ({@link BytesColumnVector#setRef}) instead of copying
 * every row's bytes. Values are kept in one array that never moves, so references stay valid for
 * the reader's life; consumers that code values by where their bytes are (the group-by's key
 * coder) then see each value at one place. A column with more distinct values than the
 * dictionary holds turns it off for good, and the reader copies as before.
 */
public final class TextDictionary {

  private static final int MAX_ENTRIES = 1024;
  private static final int SLOTS = 2 * MAX_ENTRIES;
  private static final int MAX_BYTES = 64 * 1024;
  /** Longer values are never kept. */
  private static final int MAX_VALUE_BYTES = 256;

  private final byte[] values = new byte[MAX_BYTES];
  private final int[] starts = new int[SLOTS];
  private final int[] lengths = new int[SLOTS];
  private final int[] hashes = new int[SLOTS];
  private int used;
  private int entries;
  private boolean off;

  public TextDictionary() {
    Arrays.fill(lengths, -1);
  }

  /**
   * Sets row {@code r} of {@code v} to the value {@code b[s, s + len)}: by reference to the
   * dictionary's copy when the dictionary holds it or can take it, else by copying.
   */
  public void set(BytesColumnVector v, int r, byte[] b, int s, int len) {
    if (off || len > MAX_VALUE_BYTES) {
      v.setVal(r, b, s, len);
      return;
    }
    int h = hash(b, s, len);
    int slot = h & (SLOTS - 1);
    while (lengths[slot] >= 0) {
      if (hashes[slot] == h && lengths[slot] == len
          && Arrays.equals(values, starts[slot], starts[slot] + len, b, s, s + len)) {
        v.setRef(r, values, starts[slot], len);
        return;
      }
      slot = (slot + 1) & (SLOTS - 1);
    }
    if (entries == MAX_ENTRIES || used + len > MAX_BYTES) {
      off = true;
      v.setVal(r, b, s, len);
      return;
    }
    System.arraycopy(b, s, values, used, len);
    starts[slot] = used;
    lengths[slot] = len;
    hashes[slot] = h;
    used += len;
    entries++;
    v.setRef(r, values, starts[slot], len);
  }

  private static int hash(byte[] b, int s, int len) {
    int h = len;
    for (int i = s; i < s + len; i++) {
      h = 31 * h + b[i];
    }
    return h ^ (h >>> 16);
  }
}
