package io.lakemr.agg;

import io.lakemr.data.ByteBuf;
import io.lakemr.data.ColumnType;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;

/**
 * Gives each distinct value of one group-key column a dense code 0, 1, 2, ..., and the value's
 * order-preserving key encoding back for a code. Coding is the per-row work of grouping, so it
 * is done column by column over a whole batch, without encoding the row's key.
 */
abstract class KeyColumnCoder {

  /** Writes the codes of rows {@code rows[0..n)} of {@code v} into {@code codes[0..n)}. */
  abstract void code(ColumnVector v, int[] rows, int n, int[] codes);

  /** Appends the key encoding ({@code GroupKeyCodec}'s, for one column) of a code. */
  abstract void appendKey(int code, ByteBuf out);

  /** How many codes are given out. */
  abstract int size();

  abstract long memoryBytes();

  /** Forgets every code. */
  abstract void clear();

  static KeyColumnCoder forType(ColumnType type) {
    if (type == ColumnType.DECIMAL) {
      return new DecimalKeyCoder();
    }
    return type.vectorType() == ColumnVector.Type.BYTES ? new BytesKeyCoder() : new PrimitiveKeyCoder(type);
  }
}
