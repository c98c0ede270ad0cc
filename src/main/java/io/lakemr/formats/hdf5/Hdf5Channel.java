package io.lakemr.formats.hdf5;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.SeekableByteChannel;
import org.apache.hadoop.fs.FSDataInputStream;

/**
 * A read-only {@link SeekableByteChannel} over a Hadoop {@link FSDataInputStream}, so jhdf
 * reads an HDF5 file straight from any Hadoop file system ({@code hdfs://}, {@code file://},
 * {@code s3a://}) without copying it to local disk.
 *
 * <p>Every read is a positional read that fills the buffer completely, or up to the end of the
 * file: jhdf treats a short read as the end of the data, so a read is never left short just
 * because one HDFS packet ended. The channel owns the stream and closes it.
 */
public final class Hdf5Channel implements SeekableByteChannel {

  private static final int COPY_BUFFER = 64 * 1024;

  private final FSDataInputStream in;
  private final long size;
  private long position;
  private boolean open = true;
  private byte[] copyBuffer;

  /**
   * @param in the opened file; the channel closes it
   * @param size the file's length in bytes (from its {@code FileStatus})
   */
  public Hdf5Channel(FSDataInputStream in, long size) {
    this.in = in;
    this.size = size;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    ensureOpen();
    if (position >= size) {
      return -1;
    }
    int want = (int) Math.min(dst.remaining(), size - position);
    if (want == 0) {
      return 0;
    }
    if (dst.hasArray()) {
      in.readFully(position, dst.array(), dst.arrayOffset() + dst.position(), want);
      dst.position(dst.position() + want);
    } else {
      if (copyBuffer == null) {
        copyBuffer = new byte[COPY_BUFFER];
      }
      int done = 0;
      while (done < want) {
        int n = Math.min(copyBuffer.length, want - done);
        in.readFully(position + done, copyBuffer, 0, n);
        dst.put(copyBuffer, 0, n);
        done += n;
      }
    }
    position += want;
    return want;
  }

  /**
   * Fills {@code dst} from the given file position without moving the channel's position.
   *
   * @throws EOFException if the file ends before the buffer is full
   */
  public void readFully(long pos, byte[] dst, int off, int len) throws IOException {
    ensureOpen();
    if (pos < 0 || pos + len > size) {
      throw new EOFException("range " + pos + ".." + (pos + len) + " is past the end of the file ("
          + size + " bytes)");
    }
    in.readFully(pos, dst, off, len);
  }

  @Override
  public int write(ByteBuffer src) {
    throw new NonWritableChannelException();
  }

  @Override
  public long position() throws IOException {
    ensureOpen();
    return position;
  }

  @Override
  public SeekableByteChannel position(long newPosition) throws IOException {
    ensureOpen();
    if (newPosition < 0) {
      throw new IllegalArgumentException("negative position " + newPosition);
    }
    position = newPosition;
    return this;
  }

  @Override
  public long size() throws IOException {
    ensureOpen();
    return size;
  }

  @Override
  public SeekableByteChannel truncate(long newSize) {
    throw new NonWritableChannelException();
  }

  @Override
  public boolean isOpen() {
    return open;
  }

  @Override
  public void close() throws IOException {
    if (open) {
      open = false;
      in.close();
    }
  }

  private void ensureOpen() throws IOException {
    if (!open) {
      throw new ClosedChannelException();
    }
  }
}
