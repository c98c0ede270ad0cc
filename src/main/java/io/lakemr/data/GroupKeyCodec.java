package io.lakemr.data;

import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.serde2.io.HiveDecimalWritable;

/**
 * Encodes a row's group-key columns so that unsigned byte order ({@code memcmp}) is value order.
 *
 * <p>Each column is one marker byte, {@code 0x00} for null (so nulls sort first) and
 * {@code 0x01} otherwise, followed for a value by:
 * <ul>
 *   <li>booleans: one byte, 0 or 1;</li>
 *   <li>integral types: eight bytes big-endian with the sign bit flipped;</li>
 *   <li>floating types: the IEEE-754 bits of the double, all bits flipped for negatives and the
 *       sign bit flipped otherwise, so that order is {@link Double#compare} order with -0.0
 *       folded into 0.0 and every NaN into one NaN, which sorts after +Infinity;</li>
 *   <li>strings and bytes: the bytes with {@code 0x00} written as {@code 0x00 0xFF}, ended by
 *       {@code 0x00 0x00}, so a string sorts before every longer string it prefixes. UTF-8
 *       byte order is code point order;</li>
 *   <li>decimals: the unscaled value at the column's scale, 16 bytes big-endian two's
 *       complement with the sign bit flipped (every value of a column has its scale).</li>
 * </ul>
 * The encoding is self-delimiting, so concatenated columns compare column by column.
 */
public final class GroupKeyCodec {

  private static final int NULL = 0x00;
  private static final int VALUE = 0x01;

  private final ColumnType[] types;

  public GroupKeyCodec(List<ColumnType> types) {
    this.types = types.toArray(new ColumnType[0]);
  }

  public int columnCount() {
    return types.length;
  }

  public ColumnType type(int i) {
    return types[i];
  }

  /**
   * Appends the key of one row to {@code out}.
   *
   * @param vectors the key columns' vectors, in key order
   * @param row the row index in those vectors
   */
  public void encode(ColumnVector[] vectors, int row, ByteBuf out) {
    for (int c = 0; c < types.length; c++) {
      ColumnVector v = vectors[c];
      int r = v.isRepeating ? 0 : row;
      if (!v.noNulls && v.isNull[r]) {
        encodeNull(out);
        continue;
      }
      switch (types[c].vectorType()) {
        case LONG:
          encodeLong(types[c], ((LongColumnVector) v).vector[r], out);
          break;
        case DOUBLE:
          encodeDouble(((DoubleColumnVector) v).vector[r], out);
          break;
        case DECIMAL:
          DecimalColumnVector d = (DecimalColumnVector) v;
          encodeDecimal(d.vector[r], d.scale, out);
          break;
        default:
          BytesColumnVector b = (BytesColumnVector) v;
          encodeBytes(b.vector[r], b.start[r], b.length[r], out);
          break;
      }
    }
  }

  /** Appends one column's null. */
  public static void encodeNull(ByteBuf out) {
    out.put(NULL);
  }

  /** Appends one column's value of a type held as longs. */
  public static void encodeLong(ColumnType type, long value, ByteBuf out) {
    out.put(VALUE);
    if (type == ColumnType.BOOLEAN) {
      out.put(value != 0 ? 1 : 0);
    } else {
      out.putLong(value ^ Long.MIN_VALUE);
    }
  }

  /** Appends one column's floating-point value. */
  public static void encodeDouble(double value, ByteBuf out) {
    out.put(VALUE);
    out.putLong(sortableBits(value));
  }

  /** Bytes of a decimal's value in a key. */
  static final int DECIMAL_BYTES = 16;

  /**
   * Appends one column's decimal value: its unscaled value at the column's scale (38 digits fit
   * 128 bits) as {@value #DECIMAL_BYTES} bytes big-endian two's complement with the sign bit
   * flipped, so bytes order as numbers do.
   */
  public static void encodeDecimal(HiveDecimalWritable value, int scale, ByteBuf out) {
    out.put(VALUE);
    byte[] unscaled = Decimals.unscaledBytes(value, scale);
    byte pad = (byte) (unscaled[0] < 0 ? 0xFF : 0);
    byte[] fixed = new byte[DECIMAL_BYTES];
    Arrays.fill(fixed, 0, DECIMAL_BYTES - unscaled.length, pad);
    System.arraycopy(unscaled, 0, fixed, DECIMAL_BYTES - unscaled.length, unscaled.length);
    fixed[0] ^= (byte) 0x80;
    out.put(fixed, 0, DECIMAL_BYTES);
  }

  /** Appends one column's string or bytes value. */
  public static void encodeBytes(byte[] src, int off, int len, ByteBuf out) {
    out.put(VALUE);
    putEscaped(src, off, len, out);
  }

  /** The bits that stand for a double in a key: -0.0 as 0.0, every NaN as one NaN. */
  public static long canonicalBits(double d) {
    return Double.doubleToLongBits(d == 0.0d ? 0.0d : d);
  }

  static long sortableBits(double d) {
    if (d == 0.0d) {
      d = 0.0d; // folds -0.0 into 0.0
    }
    long bits = Double.doubleToLongBits(d); // one canonical NaN
    return bits < 0 ? ~bits : bits ^ Long.MIN_VALUE;
  }

  static double fromSortableBits(long s) {
    long bits = s < 0 ? s ^ Long.MIN_VALUE : ~s;
    return Double.longBitsToDouble(bits);
  }

  private static void putEscaped(byte[] src, int off, int len, ByteBuf out) {
    int end = off + len;
    int runStart = off;
    for (int i = off; i < end; i++) {
      if (src[i] == 0) {
        out.put(src, runStart, i + 1 - runStart);
        out.put(0xFF);
        runStart = i + 1;
      }
    }
    out.put(src, runStart, end - runStart);
    out.put(0x00);
    out.put(0x00);
  }

  /**
   * Decodes a key into row {@code row} of the given vectors, one per key column.
   *
   * @return the offset just past the key
   */
  public int decode(byte[] key, int off, ColumnVector[] vectors, int row) {
    int p = off;
    for (int c = 0; c < types.length; c++) {
      ColumnVector v = vectors[c];
      int marker = key[p++] & 0xFF;
      if (marker == NULL) {
        v.noNulls = false;
        v.isNull[row] = true;
        continue;
      }
      v.isNull[row] = false;
      switch (types[c]) {
        case BOOLEAN:
          ((LongColumnVector) v).vector[row] = key[p++];
          break;
        case INT:
        case LONG:
        case DATE:
        case TIMESTAMP:
          ((LongColumnVector) v).vector[row] = readLong(key, p) ^ Long.MIN_VALUE;
          p += 8;
          break;
        case FLOAT:
        case DOUBLE:
          ((DoubleColumnVector) v).vector[row] = fromSortableBits(readLong(key, p));
          p += 8;
          break;
        case STRING:
        case BYTES:
          p = decodeEscaped(key, p, (BytesColumnVector) v, row);
          break;
        case DECIMAL:
          byte[] unscaled = Arrays.copyOfRange(key, p, p + DECIMAL_BYTES);
          unscaled[0] ^= (byte) 0x80;
          DecimalColumnVector d = (DecimalColumnVector) v;
          d.vector[row].setFromBigIntegerBytesAndScale(unscaled, 0, DECIMAL_BYTES, d.scale);
          p += DECIMAL_BYTES;
          break;
        default:
          throw new AssertionError(types[c]);
      }
    }
    return p;
  }

  /** The length in bytes of the first {@code columns} encoded columns of a key. */
  public int prefixLength(byte[] key, int off, int columns) {
    int p = off;
    for (int c = 0; c < columns; c++) {
      if ((key[p++] & 0xFF) == NULL) {
        continue;
      }
      switch (types[c]) {
        case BOOLEAN:
          p += 1;
          break;
        case DECIMAL:
          p += DECIMAL_BYTES;
          break;
        case STRING:
        case BYTES:
          while (true) {
            if (key[p] == 0) {
              if (key[p + 1] == 0) {
                p += 2;
                break;
              }
              p += 2;
            } else {
              p++;
            }
          }
          break;
        default:
          p += 8;
      }
    }
    return p - off;
  }

  private static int decodeEscaped(byte[] key, int p, BytesColumnVector v, int row) {
    // count the decoded length first, then copy once
    int q = p;
    int len = 0;
    while (true) {
      if (key[q] == 0) {
        if (key[q + 1] == 0) {
          break;
        }
        q += 2;
      } else {
        q++;
      }
      len++;
    }
    byte[] out = new byte[len];
    int o = 0;
    q = p;
    while (o < len) {
      out[o++] = key[q];
      q += key[q] == 0 ? 2 : 1;
    }
    v.setRef(row, out, 0, len);
    return q + 2;
  }

  private static long readLong(byte[] b, int p) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[p + i] & 0xFF);
    }
    return v;
  }
}
