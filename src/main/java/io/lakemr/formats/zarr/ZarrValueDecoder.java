package io.lakemr.formats.zarr;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;

/**
 * Decodes elements of one scalar {@link ZarrDataType} from decoded chunk bytes straight into a
 * column vector's primitive array. Fixed-length bytes lose their trailing NULs (as numpy reads
 * them); fixed-length unicode (UTF-32) becomes UTF-8 without its trailing NULs.
 */
final class ZarrValueDecoder {

  private static final VarHandle SHORT_LE = view(short[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle SHORT_BE = view(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT_LE = view(int[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_BE = view(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG_LE = view(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LONG_BE = view(long[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle FLOAT_LE = view(float[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle FLOAT_BE = view(float[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle DOUBLE_LE = view(double[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle DOUBLE_BE = view(double[].class, ByteOrder.BIG_ENDIAN);

  private final ZarrDataType type;
  private final boolean big;

  ZarrValueDecoder(ZarrDataType type) {
    this.type = type;
    this.big = type.order() == ByteOrder.BIG_ENDIAN;
  }

  private static VarHandle view(Class<?> arrayClass, ByteOrder order) {
    return MethodHandles.byteArrayViewVarHandle(arrayClass, order);
  }

  /**
   * Decodes {@code n} elements, the i-th at {@code pos + i * stride}, into rows
   * {@code outRow ..} of {@code out}; variable-length elements are handles into {@code heap}.
   *
   * @return -1, or the index of the first uint64 value above the long range (nothing after it
   *     is decoded; the caller reports it)
   */
  int decode(byte[] buf, byte[] heap, int pos, int stride, int n, ColumnVector out, int outRow) {
    switch (type.kind()) {
      case VLEN_STRING:
      case VLEN_BYTES: {
        BytesColumnVector v = (BytesColumnVector) out;
        for (int i = 0; i < n; i++) {
          int p = pos + i * stride;
          v.setRef(outRow + i, heap, (int) INT_LE.get(buf, p), (int) INT_LE.get(buf, p + 4));
        }
        return -1;
      }
      case INT:
      case UINT:
        return decodeInts(buf, pos, stride, n, ((LongColumnVector) out).vector, outRow);
      case BOOL: {
        long[] v = ((LongColumnVector) out).vector;
        for (int i = 0; i < n; i++) {
          v[outRow + i] = buf[pos + i * stride] != 0 ? 1 : 0;
        }
        return -1;
      }
      case FLOAT:
        decodeFloats(buf, pos, stride, n, ((DoubleColumnVector) out).vector, outRow);
        return -1;
      case FIXED_BYTES:
        decodeBytes(buf, pos, stride, n, (BytesColumnVector) out, outRow);
        return -1;
      case FIXED_UNICODE:
        decodeUnicode(buf, pos, stride, n, (BytesColumnVector) out, outRow);
        return -1;
      default:
        throw new AssertionError(type.kind());
    }
  }

  /** The uint64 at a position, as an unsigned decimal string (for messages). */
  String unsigned(byte[] buf, int pos) {
    return Long.toUnsignedString((long) (big ? LONG_BE : LONG_LE).get(buf, pos));
  }

  private int decodeInts(byte[] buf, int pos, int stride, int n, long[] v, int outRow) {
    boolean signed = type.kind() == ZarrDataType.Kind.INT;
    switch (type.size()) {
      case 1:
        for (int i = 0; i < n; i++) {
          byte b = buf[pos + i * stride];
          v[outRow + i] = signed ? b : b & 0xFF;
        }
        return -1;
      case 2: {
        VarHandle h = big ? SHORT_BE : SHORT_LE;
        for (int i = 0; i < n; i++) {
          short s = (short) h.get(buf, pos + i * stride);
          v[outRow + i] = signed ? s : s & 0xFFFF;
        }
        return -1;
      }
      case 4: {
        VarHandle h = big ? INT_BE : INT_LE;
        for (int i = 0; i < n; i++) {
          int x = (int) h.get(buf, pos + i * stride);
          v[outRow + i] = signed ? x : x & 0xFFFFFFFFL;
        }
        return -1;
      }
      default: {
        VarHandle h = big ? LONG_BE : LONG_LE;
        for (int i = 0; i < n; i++) {
          long x = (long) h.get(buf, pos + i * stride);
          if (x < 0 && !signed) {
            return i;
          }
          v[outRow + i] = x;
        }
        return -1;
      }
    }
  }

  private void decodeFloats(byte[] buf, int pos, int stride, int n, double[] v, int outRow) {
    if (type.size() == 2) {
      VarHandle h = big ? SHORT_BE : SHORT_LE;
      for (int i = 0; i < n; i++) {
        v[outRow + i] = Float16.toFloat((short) h.get(buf, pos + i * stride));
      }
    } else if (type.size() == 4) {
      VarHandle h = big ? FLOAT_BE : FLOAT_LE;
      for (int i = 0; i < n; i++) {
        v[outRow + i] = (float) h.get(buf, pos + i * stride);
      }
    } else {
      VarHandle h = big ? DOUBLE_BE : DOUBLE_LE;
      for (int i = 0; i < n; i++) {
        v[outRow + i] = (double) h.get(buf, pos + i * stride);
      }
    }
  }

  private void decodeBytes(byte[] buf, int pos, int stride, int n, BytesColumnVector out, int outRow) {
    int size = type.size();
    for (int i = 0; i < n; i++) {
      int start = pos + i * stride;
      int len = size;
      while (len > 0 && buf[start + len - 1] == 0) {
        len--;
      }
      out.setVal(outRow + i, buf, start, len);
    }
  }

  private void decodeUnicode(byte[] buf, int pos, int stride, int n, BytesColumnVector out, int outRow) {
    int chars = type.size() / 4;
    VarHandle h = big ? INT_BE : INT_LE;
    StringBuilder sb = new StringBuilder(chars);
    for (int i = 0; i < n; i++) {
      int start = pos + i * stride;
      int len = chars;
      while (len > 0 && (int) h.get(buf, start + 4 * (len - 1)) == 0) {
        len--;
      }
      sb.setLength(0);
      for (int c = 0; c < len; c++) {
        int cp = (int) h.get(buf, start + 4 * c);
        sb.appendCodePoint(Character.isValidCodePoint(cp) ? cp : 0xFFFD);
      }
      byte[] utf8 = sb.toString().getBytes(StandardCharsets.UTF_8);
      out.setVal(outRow + i, utf8, 0, utf8.length);
    }
  }
}
