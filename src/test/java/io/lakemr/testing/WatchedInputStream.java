package io.lakemr.testing;

import java.io.IOException;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSInputStream;
import org.apache.hadoop.fs.Path;

/** An input stream of {@link FaultyFileSystem} that asks its {@link FaultInjector} before every read. */
final class WatchedInputStream extends FSInputStream {

  private final FSDataInputStream in;
  private final Path path;
  private final FaultInjector faults;

  WatchedInputStream(FSDataInputStream in, Path path, FaultInjector faults) {
    this.in = in;
    this.path = path;
    this.faults = faults;
  }

  @Override
  public void seek(long pos) throws IOException {
    in.seek(pos);
  }

  @Override
  public long getPos() throws IOException {
    return in.getPos();
  }

  @Override
  public boolean seekToNewSource(long targetPos) throws IOException {
    return in.seekToNewSource(targetPos);
  }

  @Override
  public int read() throws IOException {
    faults.beforeRead(path, in.getPos(), 1);
    return in.read();
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    faults.beforeRead(path, in.getPos(), len);
    return in.read(b, off, len);
  }

  @Override
  public int read(long position, byte[] buffer, int offset, int length) throws IOException {
    faults.beforeRead(path, position, length);
    return in.read(position, buffer, offset, length);
  }

  @Override
  public void readFully(long position, byte[] buffer, int offset, int length) throws IOException {
    faults.beforeRead(path, position, length);
    in.readFully(position, buffer, offset, length);
  }

  @Override
  public int available() throws IOException {
    return in.available();
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
