package io.lakemr.formats;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's raw local file system, with permissions set and read through {@code java.nio} instead
 * of by running {@code chmod} and {@code ls}, which {@link RawLocalFileSystem} does when Hadoop's
 * native library is absent (a fresh machine, a laptop): about a hundred processes per local job.
 */
public class NioRawLocalFileSystem extends RawLocalFileSystem {

  private static final PosixFilePermission[] BITS = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

  @Override
  public void setPermission(Path p, FsPermission permission) throws IOException {
    File f = pathToFile(p);
    try {
      Files.setPosixFilePermissions(f.toPath(), toPosix(permission.toShort()));
    } catch (NoSuchFileException e) {
      throw new FileNotFoundException("File " + p + " does not exist");
    } catch (UnsupportedOperationException e) {
      super.setPermission(p, permission); // not a POSIX file system
    }
  }

  @Override
  public FileStatus getFileStatus(Path p) throws IOException {
    File f = pathToFile(p);
    PosixFileAttributes a;
    try {
      a = Files.readAttributes(f.toPath(), PosixFileAttributes.class);
    } catch (NoSuchFileException e) {
      throw new FileNotFoundException("File " + p + " does not exist");
    } catch (UnsupportedOperationException e) {
      return super.getFileStatus(p);
    }
    return new FileStatus(a.isDirectory() ? 0 : a.size(), a.isDirectory(), 1, getDefaultBlockSize(p),
        a.lastModifiedTime().toMillis(), a.lastAccessTime().toMillis(), toFsPermission(a.permissions()),
        a.owner().getName(), a.group().getName(), p.makeQualified(getUri(), getWorkingDirectory()));
  }

  /**
   * Lists a folder with one {@code java.nio} attribute read per entry: Hadoop's own listing
   * forks {@code ls} per entry as soon as a permission is read, which {@code listFiles} (located
   * statuses) always does: a folder of thousands of chunk files took a minute.
   */
  @Override
  public FileStatus[] listStatus(Path p) throws IOException {
    File f = pathToFile(p);
    if (!f.isDirectory()) {
      return new FileStatus[] {getFileStatus(p)};
    }
    String[] names = f.list();
    if (names == null) {
      throw new FileNotFoundException("File " + p + " does not exist");
    }
    List<FileStatus> out = new ArrayList<>(names.length);
    for (String name : names) {
      try {
        out.add(getFileStatus(new Path(p, name)));
      } catch (FileNotFoundException e) {
        // removed while listing
      }
    }
    return out.toArray(new FileStatus[0]);
  }

  static Set<PosixFilePermission> toPosix(short mode) {
    Set<PosixFilePermission> out = EnumSet.noneOf(PosixFilePermission.class);
    for (int bit = 0; bit < BITS.length; bit++) {
      if ((mode & (1 << bit)) != 0) {
        out.add(BITS[bit]);
      }
    }
    return out;
  }

  static FsPermission toFsPermission(Set<PosixFilePermission> perms) {
    short mode = 0;
    for (int bit = 0; bit < BITS.length; bit++) {
      if (perms.contains(BITS[bit])) {
        mode |= (short) (1 << bit);
      }
    }
    return new FsPermission(mode);
  }
}
