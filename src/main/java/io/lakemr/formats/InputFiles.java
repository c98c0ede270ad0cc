package io.lakemr.formats;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.util.StringUtils;

/**
 * The files an input names, found on any Hadoop file system.
 *
 * <p>Each input path is a file, a directory (read recursively, leaving out every file and
 * directory whose name starts with {@code _} or {@code .}), or a glob. Directory names of the
 * form {@code key=value} below the path given (below the part of a glob before its first
 * wildcard) are Hive-style partitions: their keys become {@link #partitionColumns()} and their
 * unescaped values each file's {@link InputFile#partitionValues()}. Every file must sit under
 * the same partition keys in the same order.
 *
 * <p>A directory that an input format claims as one input
 * ({@link InputFormatDescriptor#claimsDirectory}, a Zarr store) is listed as a single
 * {@link InputFile} whose length is the bytes under it: the listing neither descends into it
 * nor leaves out its dot-files.
 *
 * <p>Directories are listed with {@code listLocatedStatus}, so each file keeps the block
 * locations the listing returned and split planning need not ask again.
 *
 * <p>A job with an {@link InputManifest} ({@link LakemrConfig#INPUT_MANIFEST}) lists nothing:
 * its files are the manifest's.
 */
public final class InputFiles {

  private final List<String> partitionColumns;
  private final List<InputFile> files;
  private final long totalBytes;

  private InputFiles(List<String> partitionColumns, List<InputFile> files) {
    this.partitionColumns = List.copyOf(partitionColumns);
    this.files = List.copyOf(files);
    long sum = 0;
    for (InputFile f : files) {
      sum += f.length();
    }
    this.totalBytes = sum;
  }

  /**
   * Lists the files of some input paths.
   *
   * @throws BadInputException when a path does not exist, a glob matches nothing, or two
   *     files sit under different partition keys
   * @throws UncheckedIOException when the file system fails
   */
  public static InputFiles list(Configuration conf, List<String> paths) {
    return list(conf, paths, InputFormats.ALL);
  }

  /**
   * Lists the files of some input paths, keeping as one input each directory that one of
   * these formats claims.
   *
   * @throws BadInputException when a path does not exist, a glob matches nothing, or two
   *     files sit under different partition keys
   * @throws UncheckedIOException when the file system fails
   */
  public static InputFiles list(Configuration conf, List<String> paths,
      List<InputFormatDescriptor> formats) {
    String manifest = conf.get(LakemrConfig.INPUT_MANIFEST);
    if (manifest != null) {
      try {
        return InputManifest.read(conf, new Path(manifest));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read the input manifest " + manifest + ": " + e.getMessage(), e);
      }
    }
    Map<Path, Found> found = new LinkedHashMap<>();
    for (String p : paths) {
      try {
        listOne(conf, p, formats, found);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot list input path " + p + ": " + e.getMessage(), e);
      }
    }
    String skip = conf.get(LakemrConfig.INPUT_SKIP_FILES);
    if (skip != null) {
      for (String skipped : StringUtils.split(skip)) {
        found.remove(new Path(StringUtils.unEscapeString(skipped)));
      }
    }
    List<Found> sorted = new ArrayList<>(found.values());
    sorted.sort(Comparator.comparing(f -> f.status.getPath()));
    List<String> keys = null;
    Found first = null;
    List<InputFile> files = new ArrayList<>(sorted.size());
    for (Found f : sorted) {
      if (keys == null) {
        keys = f.keys;
        first = f;
      } else if (!keys.equals(f.keys)) {
        throw new BadInputException("input files sit under different partition directories: "
            + first.status.getPath() + " has " + describe(keys) + " but " + f.status.getPath()
            + " has " + describe(f.keys));
      }
      files.add(new InputFile(f.status, f.values));
    }
    return new InputFiles(keys == null ? List.of() : keys, files);
  }

  /**
   * Input files known without listing (from a table's log, say), each with as many partition
   * values as there are partition columns, in their order.
   */
  public static InputFiles of(List<String> partitionColumns, List<InputFile> files) {
    for (InputFile f : files) {
      if (f.partitionValues().size() != partitionColumns.size()) {
        throw new IllegalArgumentException(f.path() + " has " + f.partitionValues().size()
            + " partition values for partition columns " + partitionColumns);
      }
    }
    return new InputFiles(partitionColumns, files);
  }

  /** The same listing with only some of its files (in their order), for pruning. */
  public InputFiles withFiles(List<InputFile> kept) {
    return new InputFiles(partitionColumns, kept);
  }

  public List<InputFile> files() {
    return files;
  }

  /** The partition-directory column names, outermost first; empty when there are none. */
  public List<String> partitionColumns() {
    return partitionColumns;
  }

  public long totalBytes() {
    return totalBytes;
  }

  public boolean isEmpty() {
    return files.isEmpty();
  }

  /** True for names lakemr leaves out of directory listings: {@code _SUCCESS}, {@code .crc}. */
  public static boolean isHidden(String name) {
    return name.startsWith("_") || name.startsWith(".");
  }

  private static void listOne(Configuration conf, String pathString,
      List<InputFormatDescriptor> formats, Map<Path, Found> out) throws IOException {
    Path path = new Path(pathString);
    FileSystem fs = path.getFileSystem(conf);
    Path qualified = fs.makeQualified(path);
    if (isGlob(pathString)) {
      FileStatus[] matches = fs.globStatus(qualified);
      if (matches == null || matches.length == 0) {
        throw new BadInputException("input path does not exist: " + pathString);
      }
      Path root = globRoot(qualified);
      for (FileStatus m : matches) {
        if (!isHidden(m.getPath().getName())) {
          add(fs, root, m, formats, out);
        }
      }
      return;
    }
    FileStatus status;
    try {
      status = fs.getFileStatus(qualified);
    } catch (FileNotFoundException e) {
      throw new BadInputException("input path does not exist: " + pathString, e);
    }
    // a directory a format claims has no partition folders below its root, whatever the root
    add(fs, status.isDirectory() ? status.getPath() : status.getPath().getParent(), status, formats, out);
  }

  /**
   * Adds a file, a directory a format claims, or every visible file under another directory,
   * with partitions relative to root. A directory is listed once: formats decide whether they
   * claim it from that listing, with no further requests.
   */
  private static void add(FileSystem fs, Path root, FileStatus status,
      List<InputFormatDescriptor> formats, Map<Path, Found> out) throws IOException {
    if (!status.isDirectory()) {
      if (!(status instanceof LocatedFileStatus)) {
        status = new LocatedFileStatus(status,
            fs.getFileBlockLocations(status, 0, status.getLen()));
      }
      out.putIfAbsent(status.getPath(), Found.of(root, status));
      return;
    }
    List<LocatedFileStatus> children = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> it = fs.listLocatedStatus(status.getPath());
    while (it.hasNext()) {
      children.add(it.next());
    }
    if (InputFormats.claimant(formats, fs, status, children) != null) {
      long bytes = fs.getContentSummary(status.getPath()).getLength();
      FileStatus unit = new FileStatus(bytes, true, status.getReplication(), status.getBlockSize(),
          status.getModificationTime(), status.getPath());
      out.putIfAbsent(unit.getPath(), Found.of(root, unit));
      return;
    }
    List<FileStatus> dirs = new ArrayList<>();
    for (LocatedFileStatus child : children) {
      if (isHidden(child.getPath().getName())) {
        continue;
      }
      if (child.isDirectory()) {
        dirs.add(child);
      } else {
        out.putIfAbsent(child.getPath(), Found.of(root, child));
      }
    }
    for (FileStatus dir : dirs) {
      add(fs, root, dir, formats, out);
    }
  }

  /** Whether a path as given holds a glob wildcard: an asterisk, a question mark, [ or an opening brace. */
  public static boolean isGlob(String path) {
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '*' || c == '?' || c == '[' || c == '{') {
        return true;
      }
    }
    return false;
  }

  /**
   * The directory an input path's files are listed under, qualified: the directory itself, the
   * parent of a file (or of a store a format claims), or for a glob its deepest ancestor with
   * no wildcard. Partition directories and a file's relative path start below it.
   */
  public static Path root(Configuration conf, String pathString) throws IOException {
    Path path = new Path(pathString);
    FileSystem fs = path.getFileSystem(conf);
    Path qualified = fs.makeQualified(path);
    if (isGlob(pathString)) {
      return globRoot(qualified);
    }
    FileStatus status = fs.getFileStatus(qualified);
    if (!status.isDirectory()) {
      return status.getPath().getParent();
    }
    List<LocatedFileStatus> children = new ArrayList<>();
    RemoteIterator<LocatedFileStatus> it = fs.listLocatedStatus(status.getPath());
    while (it.hasNext()) {
      children.add(it.next());
    }
    boolean claimed = InputFormats.claimant(InputFormats.ALL, fs, status, children) != null;
    return claimed ? status.getPath().getParent() : status.getPath();
  }

  /** The deepest ancestor of a glob with no wildcard in it. */
  private static Path globRoot(Path glob) {
    Path root = glob;
    while (root.getParent() != null && isGlob(root.toUri().getPath())) {
      root = root.getParent();
    }
    return root;
  }

  private static String describe(List<String> keys) {
    return keys.isEmpty() ? "no partition keys" : "partition keys (" + String.join(", ", keys) + ")";
  }

  /** A file with the partition keys and values of the directories between root and it. */
  private record Found(FileStatus status, List<String> keys, List<String> values) {

    static Found of(Path root, FileStatus status) {
      List<String> keys = new ArrayList<>();
      List<String> values = new ArrayList<>();
      int rootDepth = root.depth();
      Path dir = status.getPath().getParent();
      while (dir != null && dir.depth() > rootDepth) {
        String name = dir.getName();
        int eq = name.indexOf('=');
        if (eq > 0) {
          keys.add(0, HivePaths.unescape(name.substring(0, eq)));
          values.add(0, HivePaths.unescape(name.substring(eq + 1)));
        }
        dir = dir.getParent();
      }
      return new Found(status, keys, values);
    }
  }
}
