package io.lakemr.data;

import java.util.List;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;

/**
 * Encodes the {@code ORDER BY} columns of a row so that unsigned byte order ({@code memcmp}) is
 * the requested order, column by column, each ascending or descending.
 *
 * <p>A column is encoded as {@link GroupKeyCodec} encodes it (marker byte, then the value);
 * for a descending column every byte of that encoding is inverted ({@code ~b}), the marker and
 * a string's {@code 0x00 0x00} terminator included. Inversion reverses byte order, and since
 * the encoding is prefix-free (no value's encoding is a prefix of another's, thanks to the
 * terminator), the first differing byte of two encodings lies inside both, so inverting
 * reverses the order of every pair: {@code 'ab' DESC} sorts before {@code 'a'}. The inverted
 * encoding is prefix-free too, so the next column (or a tie-breaking key appended after the
 * last one) compares only when this one is equal.
 *
 * <p>Nulls: the null marker {@code 0x00} sorts first, so nulls come first in an ascending
 * column and, inverted to {@code 0xFF}, last in a descending one, as Spark orders them by
 * default. Doubles order as {@link Double#compare} with {@code -0.0} equal to {@code 0.0} and
 * NaN above {@code +Infinity}; strings by UTF-8 bytes (code points); decimals as numbers.
 */
public final class SortKeyEncoder {

  private final ColumnType[] types;
  private final boolean[] descending;

  /**
   * @param types the type of each order column
   * @param descending for each order column, whether it sorts descending
   */
  public SortKeyEncoder(List<ColumnType> types, boolean[] descending) {
    if (types.size() != descending.length) {
      throw new IllegalArgumentException(types.size() + " types, " + descending.length + " directions");
    }
    this.types = types.toArray(new ColumnType[0]);
    this.descending = descending.clone();
  }

  public int columnCount() {
    return types.length;
  }

  /**
   * Appends the sort key of one row to {@code out}.
   *
   * @param vectors the order columns' vectors, in order-by order
   * @param row the row index in those vectors
   */
  public void encode(ColumnVector[] vectors, int row, ByteBuf out) {
    encode(vectors, null, row, out);
  }

  /**
   * Appends the sort key of one row whose order columns are {@code vectors[columns[i]]}.
   *
   * @param columns the index in {@code vectors} of each order column; null for 0, 1, 2...
   */
  public void encode(ColumnVector[] vectors, int[] columns, int row, ByteBuf out) {
    for (int c = 0; c < types.length; c++) {
      int start = out.length();
      ColumnVector v = vectors[columns == null ? c : columns[c]];
      int r = v.isRepeating ? 0 : row;
      if (!v.noNulls && v.isNull[r]) {
        GroupKeyCodec.encodeNull(out);
      } else {
        switch (types[c].vectorType()) {
          case LONG:
            GroupKeyCodec.encodeLong(types[c], ((LongColumnVector) v).vector[r], out);
            break;
          case DOUBLE:
            GroupKeyCodec.encodeDouble(((DoubleColumnVector) v).vector[r], out);
            break;
          case DECIMAL:
            DecimalColumnVector d = (DecimalColumnVector) v;
            GroupKeyCodec.encodeDecimal(d.vector[r], d.scale, out);
            break;
          default:
            BytesColumnVector b = (BytesColumnVector) v;
            GroupKeyCodec.encodeBytes(b.vector[r], b.start[r], b.length[r], out);
            break;
        }
      }
      if (descending[c]) {
        byte[] a = out.array();
        for (int i = start; i < out.length(); i++) {
          a[i] = (byte) ~a[i];
        }
      }
    }
  }
}
