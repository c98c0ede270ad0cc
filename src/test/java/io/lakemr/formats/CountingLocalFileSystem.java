package io.lakemr.formats;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;

/**
 * The local file system, counting the metadata requests made of it (status lookups, which
 * {@code exists} makes too, and directory listings), as a name node would receive them. Set
 * it as {@code fs.file.impl} with the cache off; the counts are shared by every instance.
 */
public class CountingLocalFileSystem extends LocalFileSystem {

  static final AtomicInteger STATUS_CALLS = new AtomicInteger();
  static final AtomicInteger LISTINGS = new AtomicInteger();

  static void reset() {
    STATUS_CALLS.set(0);
    LISTINGS.set(0);
  }

  @Override
  public FileStatus getFileStatus(Path f) throws IOException {
    STATUS_CALLS.incrementAndGet();
    return super.getFileStatus(f);
  }

  @Override
  public FileStatus[] listStatus(Path f) throws IOException {
    LISTINGS.incrementAndGet();
    return super.listStatus(f);
  }

  @Override
  public RemoteIterator<LocatedFileStatus> listLocatedStatus(Path f) throws IOException {
    LISTINGS.incrementAndGet();
    return super.listLocatedStatus(f);
  }
}
