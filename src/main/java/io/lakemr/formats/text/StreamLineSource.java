package io.lakemr.formats.text;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * The lines of a stream, read through one growing buffer with no object per line: an
 * uncompressed file's byte range (the stream positioned at the range's start), or a whole
 * decompressed file. Follows the boundary rule of {@link LineSource}; a UTF-8 byte-order mark at
 * byte 0 is skipped.
 */
public final class StreamLineSource implements LineSource {

  static final int INITIAL_BUFFER = 256 * 1024;

  private final InputStream in;
  private final long rangeStart;
  private final long rangeEnd;
  private final int maxLineBytes;
  private byte[] buf = new byte[INITIAL_BUFFER];
  private byte[] lineBuf;
  private int pos;
  private int lim;
  private long bufOffset;
  private boolean eof;
  private boolean started;
  private boolean done;
  private int lineStart;
  private int lineEnd;
  private int termEnd;
  private long lineOffset;
  private long lineNumber;
  private boolean tooLong;
  private long lineBytes;

  /**
   * @param in the stream, positioned at byte {@code start} of the file
   * @param start the range's first byte
   * @param end one past the range's last byte; lines starting at or before it are read
   *     ({@code Long.MAX_VALUE} for a whole file)
   * @param maxLineBytes longer lines are reported {@link #tooLong()}
   */
  public StreamLineSource(InputStream in, long start, long end, int maxLineBytes) {
    this.in = in;
    this.rangeStart = start;
    this.rangeEnd = end;
    this.maxLineBytes = Math.max(1, maxLineBytes);
    this.bufOffset = start;
    this.lineNumber = start == 0 ? 0 : -1;
  }

  @Override
  public boolean next() throws IOException {
    if (done) {
      return false;
    }
    if (!started) {
      started = true;
      if (!begin()) {
        done = true;
        return false;
      }
    }
    if (bufOffset + pos > rangeEnd || !readLine()) {
      done = true;
      return false;
    }
    if (lineNumber >= 0) {
      lineNumber++;
    }
    return true;
  }

  /** Skips the byte-order mark at 0 or the partial first line elsewhere; false at end of input. */
  private boolean begin() throws IOException {
    if (rangeStart == 0) {
      fillAtLeast(3);
      if (lim >= 3 && (buf[0] & 0xFF) == 0xEF && (buf[1] & 0xFF) == 0xBB && (buf[2] & 0xFF) == 0xBF) {
        pos = 3;
      }
      return true;
    }
    while (true) {
      int nl = indexOfNewline(buf, pos, lim);
      if (nl >= 0) {
        pos = nl + 1;
        return true;
      }
      pos = lim;
      if (!refill()) {
        return false;
      }
    }
  }

  private boolean readLine() throws IOException {
    tooLong = false;
    if (pos == lim && !refill()) {
      return false;
    }
    int scan = pos;
    while (true) {
      int nl = indexOfNewline(buf, scan, lim);
      if (nl >= 0) {
        setLine(pos, nl, nl + 1);
        pos = nl + 1;
        return true;
      }
      if (lim - pos > maxLineBytes) {
        skipLongLine();
        return true;
      }
      scan = lim;
      int before = pos;
      if (!refill()) {
        setLine(pos, lim, lim);
        pos = lim;
        return true;
      }
      scan -= before - pos;
    }
  }

  private void setLine(int from, int nl, int after) {
    lineOffset = bufOffset + from;
    lineStart = from;
    lineEnd = nl > from && nl < after && buf[nl - 1] == '\r' ? nl - 1 : nl;
    termEnd = after;
    lineBytes = lineEnd - lineStart;
    lineBuf = buf;
    tooLong = lineBytes > maxLineBytes;
  }

  /** Keeps the start of a line over the limit and reads past the rest of it. */
  private void skipLongLine() throws IOException {
    lineOffset = bufOffset + pos;
    byte[] head = Arrays.copyOfRange(buf, pos, pos + Math.min(lim - pos, 4096));
    long length = lim - pos;
    pos = lim;
    while (true) {
      if (!refill()) {
        break;
      }
      int nl = indexOfNewline(buf, pos, lim);
      if (nl >= 0) {
        length += nl - pos;
        pos = nl + 1;
        break;
      }
      length += lim - pos;
      pos = lim;
    }
    lineBuf = head;
    lineStart = 0;
    lineEnd = head.length;
    termEnd = head.length;
    lineBytes = length;
    tooLong = true;
  }

  /** Moves unread bytes to the front, grows the buffer if full, reads more; false at end of input. */
  private boolean refill() throws IOException {
    if (eof) {
      return false;
    }
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, lim - pos);
      bufOffset += pos;
      lim -= pos;
      pos = 0;
    }
    if (lim == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2);
    }
    int n = in.read(buf, lim, buf.length - lim);
    if (n < 0) {
      eof = true;
      return false;
    }
    lim += n;
    return true;
  }

  private void fillAtLeast(int n) throws IOException {
    while (lim - pos < n && refill()) {
      // keep reading
    }
  }

  /** Index of the first LF in {@code b[from, to)}, or -1. */
  static int indexOfNewline(byte[] b, int from, int to) {
    int i = ByteScan.indexOf(b, from, to, (byte) '\n');
    return i < to ? i : -1;
  }

  @Override
  public byte[] buffer() {
    return lineBuf;
  }

  @Override
  public int start() {
    return lineStart;
  }

  @Override
  public int end() {
    return lineEnd;
  }

  @Override
  public int terminatorEnd() {
    return termEnd;
  }

  @Override
  public long offset() {
    return lineOffset;
  }

  @Override
  public long lineNumber() {
    return lineNumber;
  }

  @Override
  public boolean tooLong() {
    return tooLong;
  }

  @Override
  public long lineBytes() {
    return lineBytes;
  }

  @Override
  public float progress() {
    if (done) {
      return 1f;
    }
    if (rangeEnd == Long.MAX_VALUE || rangeEnd <= rangeStart) {
      return 0f;
    }
    return Math.min(1f, (float) (bufOffset + pos - rangeStart) / (rangeEnd - rangeStart));
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
