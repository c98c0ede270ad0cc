package io.lakemr.formats.zarr;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A Zarr directory store on any Hadoop {@link FileSystem}: each key is a file under the store's
 * root folder, read in place (whole, or by positional reads for shards), never copied to local
 * disk.
 */
public final class ZarrStore {

  private final FileSystem fs;
  private final Path root;

  public ZarrStore(FileSystem fs, Path root) {
    this.fs = fs;
    this.root = root;
  }

  public FileSystem fs() {
    return fs;
  }

  public Path root() {
    return root;
  }

  /** The store's root, for messages. */
  public String name() {
    return root.toString();
  }

  /** The file of a key ({@code a/b/.zarray}, {@code a/c/0/1}). */
  public Path path(String key) {
    return key.isEmpty() ? root : new Path(root, key);
  }

  /** The whole value of a key, or null when the key is absent. */
  public byte[] read(String key) throws IOException {
    try (InputStream in = fs.open(path(key))) {
      return in.readAllBytes();
    } catch (FileNotFoundException e) {
      return null;
    }
  }

  /**
   * Reads the whole value of a key into a reused buffer.
   *
   * @return false when the key is absent
   */
  boolean read(String key, ZarrBytes into) throws IOException {
    try (InputStream in = fs.open(path(key))) {
      into.readFully(in);
      return true;
    } catch (FileNotFoundException e) {
      return false;
    }
  }

  /** Opens a key's value for positional reads; the caller closes it. */
  public FSDataInputStream open(String key) throws IOException {
    return fs.open(path(key));
  }

  /** Bytes of a key's value, or -1 when the key is absent. */
  public long length(String key) throws IOException {
    try {
      return fs.getFileStatus(path(key)).getLen();
    } catch (FileNotFoundException e) {
      return -1;
    }
  }

  @Override
  public String toString() {
    return name();
  }
}
