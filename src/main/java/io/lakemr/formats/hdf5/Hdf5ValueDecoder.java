package io.lakemr.formats.hdf5;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;

/**
 * Decodes elements of one {@link Hdf5ValueType} from decoded chunk bytes straight into a
 * column vector's primitive array: no object per value, except variable-length strings, which
 * live in the file's global heap.
 */
final class Hdf5ValueDecoder {

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

  private final Hdf5ValueType type;
  private final Hdf5VlenHeaps heaps;
  private final boolean big;

  Hdf5ValueDecoder(Hdf5ValueType type, Hdf5VlenHeaps heaps) {
    this.type = type;
    this.heaps = heaps;
    this.big = type.order == ByteOrder.BIG_ENDIAN;
  }

  private static VarHandle view(Class<?> arrayClass, ByteOrder order) {
    return MethodHandles.byteArrayViewVarHandle(arrayClass, order);
  }

  /**
   * Decodes {@code n} elements, the i-th at {@code pos + i * stride}, into rows
   * {@code outRow ..} of {@code out}.
   *
   * @return -1, or the index of the first uint64 value above the long range (the caller
   *     reports it; nothing after it is decoded)
   */
  int decode(byte[] buf, int pos, int stride, int n, ColumnVector out, int outRow) {
    switch (type.kind) {
      case INT:
        return decodeInts(buf, pos, stride, n, ((LongColumnVector) out).vector, outRow);
      case BOOLEAN: {
        long[] v = ((LongColumnVector) out).vector;
        for (int i = 0; i < n; i++) {
          v[outRow + i] = buf[pos + i * stride] != 0 ? 1 : 0;
        }
        return -1;
      }
      case FLOAT:
        decodeFloats(buf, pos, stride, n, ((DoubleColumnVector) out).vector, outRow);
        return -1;
      case FIXED_STRING:
        decodeFixedStrings(buf, pos, stride, n, (BytesColumnVector) out, outRow);
        return -1;
      case VLEN_STRING:
        decodeVlenStrings(buf, pos, stride, n, (BytesColumnVector) out, outRow);
        return -1;
      case ENUM:
        decodeEnums(buf, pos, stride, n, (BytesColumnVector) out, outRow);
        return -1;
      default:
        throw new AssertionError(type.kind);
    }
  }

  private int decodeInts(byte[] buf, int pos, int stride, int n, long[] v, int outRow) {
    switch (type.size) {
      case 1:
        if (type.signed) {
          for (int i = 0; i < n; i++) {
            v[outRow + i] = buf[pos + i * stride];
          }
        } else {
          for (int i = 0; i < n; i++) {
            v[outRow + i] = buf[pos + i * stride] & 0xFF;
          }
        }
        return -1;
      case 2: {
        VarHandle h = big ? SHORT_BE : SHORT_LE;
        for (int i = 0; i < n; i++) {
          short s = (short) h.get(buf, pos + i * stride);
          v[outRow + i] = type.signed ? s : s & 0xFFFF;
        }
        return -1;
      }
      case 4: {
        VarHandle h = big ? INT_BE : INT_LE;
        for (int i = 0; i < n; i++) {
          int x = (int) h.get(buf, pos + i * stride);
          v[outRow + i] = type.signed ? x : x & 0xFFFFFFFFL;
        }
        return -1;
      }
      case 8: {
        VarHandle h = big ? LONG_BE : LONG_LE;
        for (int i = 0; i < n; i++) {
          long x = (long) h.get(buf, pos + i * stride);
          if (x < 0 && !type.signed) {
            return i;
          }
          v[outRow + i] = x;
        }
        return -1;
      }
      default:
        throw new AssertionError(type.size);
    }
  }

  private void decodeFloats(byte[] buf, int pos, int stride, int n, double[] v, int outRow) {
    if (type.size == 4) {
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

  private void decodeFixedStrings(byte[] buf, int pos, int stride, int n, BytesColumnVector out, int outRow) {
    int size = type.size;
    for (int i = 0; i < n; i++) {
      int start = pos + i * stride;
      int len = 0;
      if (type.spacePadded) {
        len = size;
        while (len > 0 && (buf[start + len - 1] == ' ' || buf[start + len - 1] == 0)) {
          len--;
        }
      } else {
        while (len < size && buf[start + len] != 0) {
          len++;
        }
      }
      out.setVal(outRow + i, buf, start, len);
    }
  }

  private void decodeVlenStrings(byte[] buf, int pos, int stride, int n, BytesColumnVector out, int outRow) {
    int offsets = heaps.sizeOfOffsets();
    for (int i = 0; i < n; i++) {
      int p = pos + i * stride;
      int length = (int) INT_LE.get(buf, p);
      if (length <= 0) {
        out.setVal(outRow + i, buf, p, 0);
        continue;
      }
      long address = offsets == 8 ? (long) LONG_LE.get(buf, p + 4) : ((int) INT_LE.get(buf, p + 4)) & 0xFFFFFFFFL;
      int index = (int) INT_LE.get(buf, p + 4 + offsets);
      ByteBuffer data = heaps.object(address, index, length);
      if (data.hasArray()) {
        out.setVal(outRow + i, data.array(), data.arrayOffset() + data.position(), data.remaining());
      } else {
        byte[] copy = new byte[data.remaining()];
        data.get(copy);
        out.setVal(outRow + i, copy, 0, copy.length);
      }
    }
  }

  private void decodeEnums(byte[] buf, int pos, int stride, int n, BytesColumnVector out, int outRow) {
    long[] codes = new long[1];
    for (int i = 0; i < n; i++) {
      decodeCode(buf, pos + i * stride, codes);
      byte[] label = type.labels.get(codes[0]);
      if (label == null) {
        out.noNulls = false;
        out.isNull[outRow + i] = true;
        out.setVal(outRow + i, buf, 0, 0);
      } else {
        out.setRef(outRow + i, label, 0, label.length);
      }
    }
  }

  private void decodeCode(byte[] buf, int p, long[] into) {
    switch (type.size) {
      case 1:
        into[0] = type.signed ? buf[p] : buf[p] & 0xFF;
        break;
      case 2: {
        short s = (short) (big ? SHORT_BE : SHORT_LE).get(buf, p);
        into[0] = type.signed ? s : s & 0xFFFF;
        break;
      }
      case 4: {
        int x = (int) (big ? INT_BE : INT_LE).get(buf, p);
        into[0] = type.signed ? x : x & 0xFFFFFFFFL;
        break;
      }
      default:
        into[0] = (long) (big ? LONG_BE : LONG_LE).get(buf, p);
    }
  }
}
