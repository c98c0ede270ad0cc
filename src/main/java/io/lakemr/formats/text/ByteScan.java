package io.lakemr.formats.text;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Byte searches eight bytes at a time (SWAR), for the text readers' hot loops. */
public final class ByteScan {

  private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long ONES = 0x0101010101010101L;
  private static final long HIGHS = 0x8080808080808080L;

  private ByteScan() {
  }

  /** Index of the first {@code target} in {@code b[from, to)}, or {@code to} when there is none. */
  public static int indexOf(byte[] b, int from, int to, byte target) {
    long pattern = ONES * (target & 0xFF);
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long x = (long) LONGS.get(b, i) ^ pattern;
      long zeros = (x - ONES) & ~x & HIGHS;
      if (zeros != 0) {
        return i + (Long.numberOfTrailingZeros(zeros) >>> 3);
      }
    }
    for (; i < to; i++) {
      if (b[i] == target) {
        return i;
      }
    }
    return to;
  }

  /** Whether every byte of {@code b[from, to)} is below 0x80. */
  public static boolean isAscii(byte[] b, int from, int to) {
    int i = from;
    long any = 0;
    for (; i + 8 <= to; i += 8) {
      any |= (long) LONGS.get(b, i);
    }
    for (; i < to; i++) {
      any |= b[i];
    }
    // a tail byte is sign-extended, so a high one sets bit 7 too
    return (any & HIGHS) == 0;
  }
}
