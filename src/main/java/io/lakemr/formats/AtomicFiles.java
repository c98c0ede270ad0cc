package io.lakemr.formats;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Small files created only when absent: the one atomic step that locks and commit logs are
 * built on.
 *
 * <p>On the local file system a file is written under a temporary name and linked to its name
 * ({@code link(2)} fails when the name exists), so it appears whole or not at all; Hadoop's
 * local {@code create(path, false)} checks and creates in two steps and would let two writers
 * both win. Elsewhere {@code create(path, false)}, which HDFS carries out atomically in the
 * name node.
 */
public final class AtomicFiles {

  private AtomicFiles() {
  }

  /**
   * Creates {@code path} holding {@code content} unless it exists.
   *
   * @return true when this call created it, false when it existed
   */
  public static boolean createNew(FileSystem fs, Path path, byte[] content) throws IOException {
    Path qualified = fs.makeQualified(path);
    if ("file".equals(qualified.toUri().getScheme())) {
      return createNewLocal(new File(qualified.toUri().getPath()), content);
    }
    try (OutputStream out = fs.create(qualified, false)) {
      out.write(content);
    } catch (FileAlreadyExistsException e) {
      return false;
    }
    return true;
  }

  private static boolean createNewLocal(File target, byte[] content) throws IOException {
    Files.createDirectories(target.getParentFile().toPath());
    var temp = Files.createTempFile(target.getParentFile().toPath(), ".tmp-" + target.getName(), "");
    try {
      Files.write(temp, content);
      Files.createLink(target.toPath(), temp);
      return true;
    } catch (FileSystemException e) {
      if (target.exists()) {
        return false;
      }
      throw e;
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  /** Sets a file's modification time to now: a heartbeat others can read without opening it. */
  public static void touch(FileSystem fs, Path path) throws IOException {
    fs.setTimes(path, System.currentTimeMillis(), -1);
  }
}
