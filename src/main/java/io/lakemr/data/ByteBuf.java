package io.lakemr.data;

import java.util.Arrays;

/** A growable byte array, reset and reused between rows. */
public final class ByteBuf {

  private byte[] buf;
  private int length;

  public ByteBuf() {
    this(64);
  }

  public ByteBuf(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  public void reset() {
    length = 0;
  }

  public byte[] array() {
    return buf;
  }

  public int length() {
    return length;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, length);
  }

  private void ensure(int extra) {
    int need = length + extra;
    if (need > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(need, buf.length * 2));
    }
  }

  public void put(int b) {
    ensure(1);
    buf[length++] = (byte) b;
  }

  public void put(byte[] src, int off, int len) {
    ensure(len);
    System.arraycopy(src, off, buf, length, len);
    length += len;
  }

  /** Eight bytes, big-endian. */
  public void putLong(long v) {
    ensure(8);
    for (int i = 7; i >= 0; i--) {
      buf[length + i] = (byte) v;
      v >>>= 8;
    }
    length += 8;
  }
}
