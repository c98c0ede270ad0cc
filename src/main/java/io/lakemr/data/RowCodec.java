package io.lakemr.data;

import java.util.List;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;

/**
 * A compact, exact binary form of one row of typed columns, for rows passed between the jobs
 * of a command (not for sorting: see {@link GroupKeyCodec} and {@link SortKeyEncoder}).
 *
 * <p>Each column is one byte, 0 for null and 1 for a value, then for a value: eight bytes
 * big-endian for types held as longs, the raw IEEE-754 bits for floating types (so
 * {@code -0.0} and NaN payloads survive), or a four-byte length and the bytes for strings,
 * bytes and decimals (the unscaled value at the column's scale, big-endian two's complement).
 */
public final class RowCodec {

  private final ColumnType[] types;

  public RowCodec(List<ColumnType> types) {
    this.types = types.toArray(new ColumnType[0]);
  }

  /** Appends row {@code row} of {@code vectors} (one per column) to {@code out}. */
  public void encode(ColumnVector[] vectors, int row, ByteBuf out) {
    for (int c = 0; c < types.length; c++) {
      ColumnVector v = vectors[c];
      int r = v.isRepeating ? 0 : row;
      if (!v.noNulls && v.isNull[r]) {
        out.put(0);
        continue;
      }
      out.put(1);
      switch (types[c].vectorType()) {
        case LONG:
          out.putLong(((LongColumnVector) v).vector[r]);
          break;
        case DOUBLE:
          out.putLong(Double.doubleToRawLongBits(((DoubleColumnVector) v).vector[r]));
          break;
        case DECIMAL:
          DecimalColumnVector d = (DecimalColumnVector) v;
          byte[] unscaled = Decimals.unscaledBytes(d.vector[r], d.scale);
          putInt(unscaled.length, out);
          out.put(unscaled, 0, unscaled.length);
          break;
        default:
          BytesColumnVector b = (BytesColumnVector) v;
          putInt(b.length[r], out);
          out.put(b.vector[r], b.start[r], b.length[r]);
          break;
      }
    }
  }

  /**
   * Decodes a row into row {@code row} of {@code targets}; a column whose target is null is
   * skipped. String and bytes values are copied into their vector's buffer.
   *
   * @return the offset just past the row
   */
  public int decode(byte[] src, int off, ColumnVector[] targets, int row) {
    int p = off;
    for (int c = 0; c < types.length; c++) {
      ColumnVector v = targets[c];
      boolean isNull = src[p++] == 0;
      if (v != null) {
        v.isNull[row] = isNull;
        if (isNull) {
          v.noNulls = false;
        }
      }
      if (isNull) {
        continue;
      }
      switch (types[c].vectorType()) {
        case LONG:
          if (v != null) {
            ((LongColumnVector) v).vector[row] = readLong(src, p);
          }
          p += 8;
          break;
        case DOUBLE:
          if (v != null) {
            ((DoubleColumnVector) v).vector[row] = Double.longBitsToDouble(readLong(src, p));
          }
          p += 8;
          break;
        case DECIMAL:
          int n = readInt(src, p);
          p += 4;
          if (v != null) {
            DecimalColumnVector d = (DecimalColumnVector) v;
            d.vector[row].setFromBigIntegerBytesAndScale(src, p, n, d.scale);
          }
          p += n;
          break;
        default:
          int len = readInt(src, p);
          p += 4;
          if (v != null) {
            ((BytesColumnVector) v).setVal(row, src, p, len);
          }
          p += len;
          break;
      }
    }
    return p;
  }

  private static void putInt(int v, ByteBuf out) {
    out.put(v >>> 24);
    out.put(v >>> 16);
    out.put(v >>> 8);
    out.put(v);
  }

  private static int readInt(byte[] b, int p) {
    return ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
  }

  private static long readLong(byte[] b, int p) {
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (b[p + i] & 0xFF);
    }
    return v;
  }
}
