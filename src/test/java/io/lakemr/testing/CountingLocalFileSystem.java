package io.lakemr.testing;

import io.lakemr.formats.NioLocalFileSystem;
import io.lakemr.formats.NioRawLocalFileSystem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system {@code bin/lakemr} uses ({@link NioLocalFileSystem}), counting each
 * request its raw file system serves in the {@link FileSystem.Statistics} of scheme
 * {@code file}: a status, a listing, an existence check or an open is a read operation; a
 * create, mkdirs, delete, rename or permission change a write operation. Hadoop's local file
 * system counts bytes only, where HDFS counts each such call (one RPC). A request another one
 * makes (a listing's per-entry status, a create's parent mkdirs) is not counted again.
 *
 * <p>For tests only: a configuration names it as {@code fs.file.impl} ({@link #register}).
 */
public class CountingLocalFileSystem extends LocalFileSystem {

  private static final List<String> REQUESTS = new ArrayList<>();
  private static final ThreadLocal<int[]> DEPTH = ThreadLocal.withInitial(() -> new int[1]);

  public CountingLocalFileSystem() {
    super(new Raw());
  }

  /** Makes {@code conf} open this file system for {@code file:} paths, never a cached other. */
  public static void register(Configuration conf) {
    conf.set("fs.file.impl", CountingLocalFileSystem.class.getName());
    conf.setBoolean("fs.file.impl.disable.cache", true);
  }

  /** The statistics the requests are counted in. */
  @SuppressWarnings("deprecation")
  public static FileSystem.Statistics statistics() {
    return FileSystem.getStatistics("file", Raw.class);
  }

  /** The requests counted so far, each as its operation and path, and forgets them. */
  public static List<String> takeRequests() {
    synchronized (REQUESTS) {
      List<String> out = new ArrayList<>(REQUESTS);
      REQUESTS.clear();
      return out;
    }
  }

  /** The raw file system whose requests are counted. */
  public static class Raw extends NioRawLocalFileSystem {

    private interface Call<T> {
      T run() throws IOException;
    }

    private <T> T count(String operation, Path p, boolean write, Call<T> call) throws IOException {
      int[] depth = DEPTH.get();
      if (depth[0] == 0) {
        if (write) {
          statistics.incrementWriteOps(1);
        } else {
          statistics.incrementReadOps(1);
        }
        synchronized (REQUESTS) {
          REQUESTS.add(operation + " " + p);
        }
      }
      depth[0]++;
      try {
        return call.run();
      } finally {
        depth[0]--;
      }
    }

    @Override
    public FileStatus getFileStatus(Path p) throws IOException {
      return count("getFileStatus", p, false, () -> super.getFileStatus(p));
    }

    @Override
    public FileStatus getFileLinkStatus(Path p) throws IOException {
      return count("getFileLinkStatus", p, false, () -> super.getFileLinkStatus(p));
    }

    @Override
    public FileStatus[] listStatus(Path p) throws IOException {
      return count("listStatus", p, false, () -> super.listStatus(p));
    }

    @Override
    public boolean exists(Path p) throws IOException {
      return count("exists", p, false, () -> super.exists(p));
    }

    @Override
    public FSDataInputStream open(Path p, int bufferSize) throws IOException {
      return count("open", p, false, () -> super.open(p, bufferSize));
    }

    @Override
    public FSDataOutputStream create(Path p, boolean overwrite, int bufferSize, short replication,
        long blockSize, Progressable progress) throws IOException {
      return count("create", p, true,
          () -> super.create(p, overwrite, bufferSize, replication, blockSize, progress));
    }

    @Override
    public FSDataOutputStream create(Path p, FsPermission permission, boolean overwrite, int bufferSize,
        short replication, long blockSize, Progressable progress) throws IOException {
      return count("create", p, true,
          () -> super.create(p, permission, overwrite, bufferSize, replication, blockSize, progress));
    }

    @Override
    public boolean mkdirs(Path p, FsPermission permission) throws IOException {
      return count("mkdirs", p, true, () -> super.mkdirs(p, permission));
    }

    @Override
    public boolean mkdirs(Path p) throws IOException {
      return count("mkdirs", p, true, () -> super.mkdirs(p));
    }

    @Override
    public boolean delete(Path p, boolean recursive) throws IOException {
      return count("delete", p, true, () -> super.delete(p, recursive));
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
      return count("rename", src, true, () -> super.rename(src, dst));
    }

    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      count("setPermission", p, true, () -> {
        super.setPermission(p, permission);
        return null;
      });
    }
  }
}
