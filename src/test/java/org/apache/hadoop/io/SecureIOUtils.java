package org.apache.hadoop.io;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * For tests only, and first on the test class path: Hadoop's {@code SecureIOUtils} with the
 * same methods, checking a local file's owner and group in pure Java (NIO's POSIX attributes)
 * where Hadoop's asks its native library, {@code libhadoop}.
 *
 * <p>With security on, Hadoop's version cannot open a local map output without that library
 * (which is not on Maven Central), so no job with a shuffle could run in the secure-cluster
 * test. With security off it opens files without checks, as Hadoop's does; so does this one,
 * so every other test runs as on Hadoop's.
 */
public class SecureIOUtils {

  private static final PosixFilePermission[] BITS = {
      PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
      PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
      PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};

  /** Opens a local file for random reads, checking its owner and group when security is on. */
  public static RandomAccessFile openForRandomRead(File f, String mode, String expectedOwner, String expectedGroup)
      throws IOException {
    check(f, expectedOwner, expectedGroup);
    return new RandomAccessFile(f, mode);
  }

  /** Opens a local file as a stream of the raw local file system, checking it when security is on. */
  public static FSDataInputStream openFSDataInputStream(File f, String expectedOwner, String expectedGroup)
      throws IOException {
    check(f, expectedOwner, expectedGroup);
    return FileSystem.getLocal(new Configuration()).getRaw().open(new Path(f.getAbsolutePath()));
  }

  /** Opens a local file for reading, checking it when security is on. */
  public static FileInputStream openForRead(File f, String expectedOwner, String expectedGroup) throws IOException {
    check(f, expectedOwner, expectedGroup);
    return new FileInputStream(f);
  }

  /**
   * Creates a new local file with the given permission bits.
   *
   * @throws AlreadyExistsException when it exists
   */
  public static FileOutputStream createForWrite(File f, int permissions) throws IOException {
    if (!f.createNewFile()) {
      throw new AlreadyExistsException("File " + f + " already exists");
    }
    Set<PosixFilePermission> perms = EnumSet.noneOf(PosixFilePermission.class);
    for (int i = 0; i < BITS.length; i++) {
      if ((permissions & (1 << i)) != 0) {
        perms.add(BITS[i]);
      }
    }
    Files.setPosixFilePermissions(f.toPath(), perms);
    return new FileOutputStream(f);
  }

  private static void check(File f, String expectedOwner, String expectedGroup) throws IOException {
    if (!UserGroupInformation.isSecurityEnabled()) {
      return;
    }
    PosixFileAttributes a = Files.readAttributes(f.toPath(), PosixFileAttributes.class);
    if (expectedOwner != null && !expectedOwner.equals(a.owner().getName())) {
      throw new IOException("Owner '" + a.owner().getName() + "' for path " + f
          + " did not match expected owner '" + expectedOwner + "'");
    }
    if (expectedGroup != null && !expectedGroup.equals(a.group().getName())) {
      throw new IOException("Group '" + a.group().getName() + "' for path " + f
          + " did not match expected group '" + expectedGroup + "'");
    }
  }

  /** A file to be created exists already. */
  public static class AlreadyExistsException extends IOException {
    private static final long serialVersionUID = 1L;

    public AlreadyExistsException(String message) {
      super(message);
    }

    public AlreadyExistsException(Throwable cause) {
      super(cause);
    }
  }
}
