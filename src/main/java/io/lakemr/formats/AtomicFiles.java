package io.lakemr.formats;

import io.lakemr.conf.BadInputException;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.util.Set;
import java.util.UUID;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
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
 *
 * <p>{@link #putIfAbsent} is the stricter form commit logs need: the file appears whole or not
 * at all on every file system it accepts, and it refuses file systems that cannot promise that.
 */
public final class AtomicFiles {

  /**
   * How the temporary files begin that content is written to before being linked or renamed
   * to its name (hidden by the dot); a writer that dies before that step leaves one behind.
   */
  public static final String TEMP_PREFIX = ".tmp-";

  /** Schemes whose rename with {@code Options.Rename.NONE} fails atomically when the target exists. */
  private static final Set<String> EXCLUSIVE_RENAME_SCHEMES = Set.of("hdfs");

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

  /**
   * Creates {@code path} holding {@code content} unless it exists, so that readers never see
   * it partly written: the content goes to a temporary file beside it, which is then linked
   * (local file system) or renamed with {@code Options.Rename.NONE} (HDFS) to its name; both
   * fail when the name exists.
   *
   * @return true when this call created it, false when it existed
   * @throws BadInputException for a file system with no such exclusive step (object stores),
   *     naming its scheme
   */
  public static boolean putIfAbsent(Configuration conf, Path path, byte[] content) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    Path qualified = fs.makeQualified(path);
    String scheme = qualified.toUri().getScheme();
    if ("file".equals(scheme)) {
      return createNewLocal(new File(qualified.toUri().getPath()), content);
    }
    if (!EXCLUSIVE_RENAME_SCHEMES.contains(scheme)) {
      throw new BadInputException(qualified + ": the " + scheme + ":// file system has no atomic "
          + "create-if-absent, which the table log needs; keep tables on hdfs:// or file://");
    }
    Path temp = new Path(qualified.getParent(), TEMP_PREFIX + qualified.getName() + "-" + UUID.randomUUID());
    try (OutputStream out = fs.create(temp, false)) {
      out.write(content);
    }
    try {
      FileContext.getFileContext(qualified.toUri(), conf).rename(temp, qualified, Options.Rename.NONE);
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } finally {
      fs.delete(temp, false);
    }
  }

  /** Whether {@link #putIfAbsent} accepts a file system scheme. */
  public static boolean supportsPutIfAbsent(String scheme) {
    return "file".equals(scheme) || EXCLUSIVE_RENAME_SCHEMES.contains(scheme);
  }

  private static boolean createNewLocal(File target, byte[] content) throws IOException {
    Files.createDirectories(target.getParentFile().toPath());
    var temp = Files.createTempFile(target.getParentFile().toPath(), TEMP_PREFIX + target.getName(), "");
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
