package io.lakemr.formats.hdf5;

import io.jhdf.HdfFile;
import io.lakemr.conf.BadInputException;
import java.io.IOException;
import java.net.URI;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Opens HDF5 files on any Hadoop file system through jhdf, reading them in place through an
 * {@link Hdf5Channel}. A file that is not HDF5 fails here with one line naming it; a truncated
 * file is found by {@link Hdf5TableMapping#resolve}, which knows the dataset to name.
 */
public final class Hdf5Files {

  private Hdf5Files() {
  }

  /**
   * Opens an HDF5 file for reading. The caller closes the returned file, which closes the
   * stream under it.
   *
   * @throws BadInputException if the file is not HDF5
   * @throws IOException if the file system fails
   */
  public static HdfFile open(FileSystem fs, Path path) throws IOException {
    FileStatus status = fs.getFileStatus(path);
    FSDataInputStream in = fs.open(path);
    Hdf5Channel channel = new Hdf5Channel(in, status.getLen());
    HdfFile file = null;
    try {
      URI uri = path.toUri();
      file = new HdfFile(channel, uri);
      return file;
    } catch (RuntimeException e) {
      closeQuietly(file, channel, e);
      if (e instanceof BadInputException) {
        throw e;
      }
      String why = oneLine(e);
      if (why.contains("signature")) {
        why = "no HDF5 signature";
      }
      throw new BadInputException(path + ": not an HDF5 file (" + why + ")", e);
    }
  }

  private static void closeQuietly(HdfFile file, Hdf5Channel channel, Exception failure) {
    try {
      if (file != null) {
        file.close();
      }
      channel.close();
    } catch (IOException | RuntimeException e) {
      failure.addSuppressed(e);
    }
  }

  /** The first line of an exception's message, or its class name when it has none. */
  static String oneLine(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      return e.getClass().getSimpleName();
    }
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
