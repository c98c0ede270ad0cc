package io.lakemr.formats.zarr;

import java.io.IOException;
import java.io.InputStream;

/**
 * A growable byte buffer reused for the stored bytes of one chunk after another: the bytes are
 * {@code data[0, length)}.
 */
final class ZarrBytes {

  private static final int MIN_CAPACITY = 8192;
  private static final int MAX_CAPACITY = Integer.MAX_VALUE - 8;

  byte[] data = new byte[0];
  int length;

  /** Reads a stream to its end into the buffer, growing it only when a value does not fit. */
  void readFully(InputStream in) throws IOException {
    length = 0;
    while (true) {
      if (length == data.length) {
        if (length == MAX_CAPACITY) {
          throw new IOException("value larger than " + MAX_CAPACITY + " bytes");
        }
        byte[] grown = new byte[(int) Math.max(MIN_CAPACITY, Math.min(MAX_CAPACITY, 2L * data.length))];
        System.arraycopy(data, 0, grown, 0, length);
        data = grown;
      }
      int n = in.read(data, length, data.length - length);
      if (n < 0) {
        return;
      }
      length += n;
    }
  }

  /** Room for {@code n} bytes at the start; what was there is not kept. */
  byte[] reserve(int n) {
    if (data.length < n) {
      data = new byte[n];
    }
    length = n;
    return data;
  }
}
