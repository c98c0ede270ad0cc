package io.lakemr.formats.zarr;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;

/**
 * Decodes elements of one scalar {@link ZarrDataType} from decoded chunk bytes straight into a
 * column vector's primitive array. Fixed-length bytes lose their trailing NULs (as numpy reads
 * them) and are not copied per value: short ones with few distinct values are referred to in one
 * array per distinct value, the others where they lie in the chunk (see {@link #refersToChunk});
 * fixed-length unicode (UTF-32) becomes UTF-8 without its trailing NULs. Each loop uses a
 * constant {@link VarHandle}, which the JIT compiles to plain loads.
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

  /** Distinct values a {@link #dictionary} holds at most; past that, values are referred to in the chunk. */
  private static final int DICTIONARY_MAX = 4096;

  private final ZarrDataType type;
  private final boolean big;
  /**
   * For fixed-length bytes of up to 8 bytes while few distinct values have been seen: one array
   * per distinct value, found by the value's bytes as a long (open addressing, twice
   * {@link #DICTIONARY_MAX} slots), so equal values are the same array, as with a dictionary
   * encoding; null once there were too many.
   */
  private byte[][] dictionary;
  private long[] dictionaryKeys;
  private int dictionarySize;

  ZarrValueDecoder(ZarrDataType type) {
    this.type = type;
    this.big = type.order() == ByteOrder.BIG_ENDIAN;
    if (type.kind() == ZarrDataType.Kind.FIXED_BYTES && type.size() <= 8) {
      dictionary = new byte[2 * DICTIONARY_MAX][];
      dictionaryKeys = new long[2 * DICTIONARY_MAX];
    }
  }

  /**
   * True when decoded values refer to the chunk bytes (fixed-length bytes, variable-length
   * elements' heap) rather than copying them: those bytes must stay as they are while the batch
   * is used.
   */
  boolean refersToChunk() {
    return type.kind() == ZarrDataType.Kind.FIXED_BYTES || type.isVariableLength();
  }

  private static VarHandle view(Class<?> arrayClass, ByteOrder order) {
    return MethodHandles.byteArrayViewVarHandle(arrayClass, order);
  }

  /**
   * Decodes {@code n} elements, the i-th at {@code pos + i * stride}, into rows
   * {@code outRow ..} of {@code out}; variable-length elements are handles into {@code heap}.
   *
   * @return -1, or the index of the first uint64 value above the long range (values after it
   *     may be decoded too; the caller reports it)
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
      case 2:
        for (int i = 0; i < n; i++) {
          int p = pos + i * stride;
          short s = big ? (short) SHORT_BE.get(buf, p) : (short) SHORT_LE.get(buf, p);
          v[outRow + i] = signed ? s : s & 0xFFFF;
        }
        return -1;
      case 4:
        for (int i = 0; i < n; i++) {
          int p = pos + i * stride;
          int x = big ? (int) INT_BE.get(buf, p) : (int) INT_LE.get(buf, p);
          v[outRow + i] = signed ? x : x & 0xFFFFFFFFL;
        }
        return -1;
      default:
        if (big) {
          for (int i = 0; i < n; i++) {
            v[outRow + i] = (long) LONG_BE.get(buf, pos + i * stride);
          }
        } else {
          for (int i = 0; i < n; i++) {
            v[outRow + i] = (long) LONG_LE.get(buf, pos + i * stride);
          }
        }
        return signed ? -1 : firstNegative(v, outRow, n);
    }
  }

  /** The index of the first negative of {@code n} values from {@code v[from]}, or -1. */
  private static int firstNegative(long[] v, int from, int n) {
    for (int i = 0; i < n; i++) {
      if (v[from + i] < 0) {
        return i;
      }
    }
    return -1;
  }

  private void decodeFloats(byte[] buf, int pos, int stride, int n, double[] v, int outRow) {
    if (type.size() == 2) {
      for (int i = 0; i < n; i++) {
        int p = pos + i * stride;
        v[outRow + i] = Float16.toFloat(big ? (short) SHORT_BE.get(buf, p) : (short) SHORT_LE.get(buf, p));
      }
    } else if (type.size() == 4) {
      for (int i = 0; i < n; i++) {
        int p = pos + i * stride;
        v[outRow + i] = big ? (float) FLOAT_BE.get(buf, p) : (float) FLOAT_LE.get(buf, p);
      }
    } else if (big) {
      for (int i = 0; i < n; i++) {
        v[outRow + i] = (double) DOUBLE_BE.get(buf, pos + i * stride);
      }
    } else {
      for (int i = 0; i < n; i++) {
        v[outRow + i] = (double) DOUBLE_LE.get(buf, pos + i * stride);
      }
    }
  }

  private void decodeBytes(byte[] buf, int pos, int stride, int n, BytesColumnVector out, int outRow) {
    int size = type.size();
    int i = 0;
    if (dictionary != null) {
      i = decodeFromDictionary(buf, pos, stride, n, out, outRow);
    }
    for (; i < n; i++) {
      int start = pos + i * stride;
      int len = size;
      while (len > 0 && buf[start + len - 1] == 0) {
        len--;
      }
      out.setRef(outRow + i, buf, start, len);
    }
  }

  /**
   * Decodes values to their dictionary arrays, adding new ones; stops, dropping the dictionary,
   * when it is full.
   *
   * @return the values decoded: n, or fewer when the dictionary was dropped
   */
  private int decodeFromDictionary(byte[] buf, int pos, int stride, int n, BytesColumnVector out, int outRow) {
    int size = type.size();
    long mask = size == 8 ? -1L : (1L << (8 * size)) - 1;
    int slots = dictionary.length - 1;
    for (int i = 0; i < n; i++) {
      int p = pos + i * stride;
      long key = p + 8 <= buf.length ? (long) LONG_LE.get(buf, p) & mask : tailKey(buf, p, size);
      int slot = (int) ((key * 0x9E3779B97F4A7C15L) >>> 40) & slots;
      byte[] value;
      while (true) {
        value = dictionary[slot];
        if (value == null || dictionaryKeys[slot] == key) {
          break;
        }
        slot = (slot + 1) & slots;
      }
      if (value == null) {
        if (dictionarySize == DICTIONARY_MAX) {
          dictionary = null;
          dictionaryKeys = null;
          return i;
        }
        int len = size;
        while (len > 0 && buf[p + len - 1] == 0) {
          len--;
        }
        value = Arrays.copyOfRange(buf, p, p + len);
        dictionary[slot] = value;
        dictionaryKeys[slot] = key;
        dictionarySize++;
      }
      out.setRef(outRow + i, value, 0, value.length);
    }
    return n;
  }

  /** The little-endian long of the {@code size} bytes at {@code p}, near the end of the array. */
  private static long tailKey(byte[] buf, int p, int size) {
    long key = 0;
    for (int b = size - 1; b >= 0; b--) {
      key = (key << 8) | (buf[p + b] & 0xFF);
    }
    return key;
  }

  private void decodeUnicode(byte[] buf, int pos, int stride, int n, BytesColumnVector out, int outRow) {
    int chars = type.size() / 4;
    StringBuilder sb = new StringBuilder(chars);
    for (int i = 0; i < n; i++) {
      int start = pos + i * stride;
      int len = chars;
      while (len > 0 && codePoint(buf, start + 4 * (len - 1)) == 0) {
        len--;
      }
      sb.setLength(0);
      for (int c = 0; c < len; c++) {
        int cp = codePoint(buf, start + 4 * c);
        sb.appendCodePoint(Character.isValidCodePoint(cp) ? cp : 0xFFFD);
      }
      byte[] utf8 = sb.toString().getBytes(StandardCharsets.UTF_8);
      out.setVal(outRow + i, utf8, 0, utf8.length);
    }
  }

  private int codePoint(byte[] buf, int p) {
    return big ? (int) INT_BE.get(buf, p) : (int) INT_LE.get(buf, p);
  }
}
