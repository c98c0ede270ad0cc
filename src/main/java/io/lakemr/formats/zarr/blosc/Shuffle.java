package io.lakemr.formats.zarr.blosc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The inverse of Blosc's byte shuffle and bit shuffle of one block.
 *
 * <p>Byte shuffle stores, for a block of {@code n = size / typesize} elements, byte {@code j}
 * of every element together: byte {@code j} of element {@code i} is at {@code j * n + i}; the
 * {@code size % typesize} trailing bytes are stored as they are.
 *
 * <p>Bit shuffle stores one row of {@code n} bits per bit of the element ({@code 8 * typesize}
 * rows, row {@code 8 * j + k} for bit {@code k} of byte {@code j}), element {@code i} at bit
 * {@code i % 8} of byte {@code i / 8} of its row. Only when {@code n} is a multiple of 8; else
 * the block is stored as it is. Trailing bytes are stored as they are.
 */
public final class Shuffle {

  private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle INT_LE = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private Shuffle() {
  }

  /** Undoes the byte shuffle of {@code size} bytes from {@code src[srcOff]} into {@code dst[dstOff]}. */
  public static void unshuffle(int typesize, int size, byte[] src, int srcOff, byte[] dst, int dstOff) {
    int n = size / typesize;
    switch (typesize) {
      case 8:
        unshuffle8(n, src, srcOff, dst, dstOff);
        break;
      case 4:
        unshuffle4(n, src, srcOff, dst, dstOff);
        break;
      default:
        for (int j = 0; j < typesize; j++) {
          int from = srcOff + j * n;
          for (int i = 0; i < n; i++) {
            dst[dstOff + i * typesize + j] = src[from + i];
          }
        }
    }
    int done = n * typesize;
    System.arraycopy(src, srcOff + done, dst, dstOff + done, size - done);
  }

  /** Eight byte streams of {@code n} bytes each into {@code n} little-endian 8-byte elements, one store each. */
  private static void unshuffle8(int n, byte[] src, int s, byte[] dst, int d) {
    for (int i = 0; i < n; i++) {
      long v = (src[s + i] & 0xFFL)
          | (src[s + n + i] & 0xFFL) << 8
          | (src[s + 2 * n + i] & 0xFFL) << 16
          | (src[s + 3 * n + i] & 0xFFL) << 24
          | (src[s + 4 * n + i] & 0xFFL) << 32
          | (src[s + 5 * n + i] & 0xFFL) << 40
          | (src[s + 6 * n + i] & 0xFFL) << 48
          | (src[s + 7 * n + i] & 0xFFL) << 56;
      LONG_LE.set(dst, d + 8 * i, v);
    }
  }

  /** Four byte streams of {@code n} bytes each into {@code n} little-endian 4-byte elements, one store each. */
  private static void unshuffle4(int n, byte[] src, int s, byte[] dst, int d) {
    for (int i = 0; i < n; i++) {
      int v = (src[s + i] & 0xFF)
          | (src[s + n + i] & 0xFF) << 8
          | (src[s + 2 * n + i] & 0xFF) << 16
          | (src[s + 3 * n + i] & 0xFF) << 24;
      INT_LE.set(dst, d + 4 * i, v);
    }
  }

  /** Undoes the bit shuffle of {@code size} bytes from {@code src[srcOff]} into {@code dst[dstOff]}. */
  public static void bitUnshuffle(int typesize, int size, byte[] src, int srcOff, byte[] dst, int dstOff) {
    int n = size / typesize;
    if (n % 8 != 0) {
      System.arraycopy(src, srcOff, dst, dstOff, size);
      return;
    }
    int rowBytes = n / 8;
    int done = n * typesize;
    Arrays.fill(dst, dstOff, dstOff + done, (byte) 0);
    for (int j = 0; j < typesize; j++) {
      for (int k = 0; k < 8; k++) {
        int row = srcOff + (8 * j + k) * rowBytes;
        int bit = 1 << k;
        for (int b = 0; b < rowBytes; b++) {
          int bits = src[row + b] & 0xFF;
          if (bits == 0) {
            continue;
          }
          int base = dstOff + (8 * b) * typesize + j;
          for (int e = 0; e < 8; e++) {
            if ((bits & (1 << e)) != 0) {
              dst[base + e * typesize] |= (byte) bit;
            }
          }
        }
      }
    }
    System.arraycopy(src, srcOff + done, dst, dstOff + done, size - done);
  }
}
