package io.lakemr.formats.output;

import java.io.IOException;
import java.io.OutputStream;

/** A buffered byte sink for the text writers (CSV, JSON Lines): no per-value stream calls. */
final class TextSink {

  private static final int BUFFER_SIZE = 64 * 1024;

  private final OutputStream out;
  private final byte[] buf = new byte[BUFFER_SIZE];
  private int pos;
  private long flushed;
  private boolean closed;

  TextSink(OutputStream out) {
    this.out = out;
  }

  void put(byte b) throws IOException {
    if (pos == buf.length) {
      flush();
    }
    buf[pos++] = b;
  }

  void put(byte[] src, int off, int len) throws IOException {
    if (len > buf.length - pos) {
      flush();
      if (len > buf.length) {
        out.write(src, off, len);
        flushed += len;
        return;
      }
    }
    System.arraycopy(src, off, buf, pos, len);
    pos += len;
  }

  /** Puts characters known to be ASCII. */
  void putAscii(CharSequence s) throws IOException {
    int len = s.length();
    if (len > buf.length - pos) {
      flush();
    }
    for (int k = 0; k < len; k++) {
      buf[pos++] = (byte) s.charAt(k);
    }
  }

  private void flush() throws IOException {
    out.write(buf, 0, pos);
    flushed += pos;
    pos = 0;
  }

  /** Bytes put so far, buffered ones included. */
  long size() {
    return flushed + pos;
  }

  boolean isClosed() {
    return closed;
  }

  /** Writes what is buffered and closes the stream, once; the stream is closed even if the write fails. */
  void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      flush();
    } catch (IOException e) {
      try {
        out.close();
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
    out.close();
  }

  /** Closes the stream after a failure, adding any failure of its own to {@code cause}. */
  void closeQuietly(Throwable cause) {
    closed = true;
    try {
      out.close();
    } catch (IOException suppressed) {
      cause.addSuppressed(suppressed);
    }
  }
}
