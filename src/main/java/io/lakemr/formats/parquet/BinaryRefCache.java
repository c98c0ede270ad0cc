package io.lakemr.formats.parquet;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.parquet.io.api.Binary;

/**
 * Points string vectors at the bytes of Parquet {@link Binary} values, remembering where recent
 * values keep their bytes. A dictionary-encoded column hands out the same {@code Binary} object
 * for every row holding an entry, so after its first row an entry costs a reference compare
 * instead of a new {@code ByteBuffer} per row.
 */
final class BinaryRefCache {

  private static final int SIZE = 1024;

  private final Binary[] keys = new Binary[SIZE];
  private final byte[][] arrays = new byte[SIZE][];
  private final int[] offsets = new int[SIZE];
  private final int[] lengths = new int[SIZE];

  /** Sets row {@code row} of {@code v} to the value, by reference where its bytes cannot change. */
  void set(BytesColumnVector v, int row, Binary b) {
    int h = System.identityHashCode(b) & (SIZE - 1);
    if (keys[h] == b) {
      v.setRef(row, arrays[h], offsets[h], lengths[h]);
      return;
    }
    ByteBuffer buf = b.toByteBuffer();
    if (!buf.hasArray()) {
      byte[] copy = b.getBytes();
      v.setRef(row, copy, 0, copy.length);
      return;
    }
    int off = buf.arrayOffset() + buf.position();
    int len = buf.remaining();
    if (b.isBackingBytesReused()) {
      v.setVal(row, buf.array(), off, len);
      return;
    }
    v.setRef(row, buf.array(), off, len);
    keys[h] = b;
    arrays[h] = buf.array();
    offsets[h] = off;
    lengths[h] = len;
  }

  /** Forgets every value (at a new row group, so old pages can be collected). */
  void clear() {
    Arrays.fill(keys, null);
    Arrays.fill(arrays, null);
  }
}
