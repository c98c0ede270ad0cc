package io.lakemr.catalog;

import io.lakemr.data.Column;
import io.lakemr.data.Schemas;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A table as one version of its log left it: its live data files, schema and partition
 * columns, and the inputs its commits consumed. Made by {@link TableLog}; reading it touches no
 * file system except {@link #resolve}.
 *
 * <p>A file of an older version that a later commit removed has been moved into
 * {@code _lakemr_removed/<that commit>/}; {@link #path} gives where it is expected to be.
 */
public final class TableSnapshot {

  /** The characters a plain relative path ({@link #under}) is made of, besides slashes. */
  private static final boolean[] PLAIN = new boolean[128];

  static {
    for (char c = '0'; c <= '9'; c++) {
      PLAIN[c] = true;
    }
    for (char c = 'a'; c <= 'z'; c++) {
      PLAIN[c] = true;
      PLAIN[Character.toUpperCase(c)] = true;
    }
    for (char c : "-._~!$&'()*+,;=@".toCharArray()) {
      PLAIN[c] = true;
    }
  }

  private final Path location;
  private final long version;
  private final long timestamp;
  private final Schema schema;
  private final List<String> partitionColumns;
  private final Map<String, DataFile> files = new LinkedHashMap<>();
  private final Map<String, DataFile> stateFiles = new LinkedHashMap<>();
  private final Map<String, ConsumedInput> inputs;
  private final Map<String, Long> removedLater;
  private final String locationPrefix;

  TableSnapshot(Path location, TableState state, Map<String, Long> removedLater) {
    this.location = location;
    this.version = state.version;
    this.timestamp = state.timestamp;
    this.schema = state.schema;
    this.partitionColumns = List.copyOf(state.partitionColumns);
    for (DataFile f : state.files.values()) {
      (f.isState() ? stateFiles : files).put(f.path(), f);
    }
    this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(state.inputs));
    this.removedLater = Map.copyOf(removedLater);
    this.locationPrefix = prefix(location);
  }

  /** The table's qualified location. */
  public Path location() {
    return location;
  }

  /** The version of the log this is; 0 for a table with no commit. */
  public long version() {
    return version;
  }

  /** When this version was committed, epoch milliseconds. */
  public long timestamp() {
    return timestamp;
  }

  /** The table's Avro record schema: data columns, then partition columns. */
  public Schema schema() {
    return schema;
  }

  /** The schema's columns, in order (partition columns last). */
  public List<Column> columns() {
    return Schemas.columns(schema);
  }

  /** The partition columns, outermost first; empty when the table has none. */
  public List<String> partitionColumns() {
    return partitionColumns;
  }

  /** Every live data file, in the order they were added. */
  public List<DataFile> files() {
    return List.copyOf(files.values());
  }

  /**
   * The live data files whose partition values pass a filter, so a reader prunes partitions
   * from the log before listing anything.
   *
   * @param partitionFilter tested with a file's partition values (column to value, in order)
   */
  public List<DataFile> files(Predicate<Map<String, String>> partitionFilter) {
    return matching(files, partitionFilter);
  }

  private static List<DataFile> matching(Map<String, DataFile> files, Predicate<Map<String, String>> filter) {
    List<DataFile> out = new ArrayList<>();
    for (DataFile f : files.values()) {
      if (filter.test(f.partition())) {
        out.add(f);
      }
    }
    return out;
  }

  /** The live file (data or state) of a relative path, or null. */
  public DataFile file(String relativePath) {
    DataFile f = files.get(relativePath);
    return f != null ? f : stateFiles.get(relativePath);
  }

  /**
   * The live files of aggregate state ({@link DataFile#isState()}) whose partition values pass
   * a filter; none unless incremental runs keep the table.
   */
  public List<DataFile> stateFiles(Predicate<Map<String, String>> partitionFilter) {
    return matching(stateFiles, partitionFilter);
  }

  /** Whether incremental runs keep this table: it has files of aggregate state. */
  public boolean hasState() {
    return !stateFiles.isEmpty();
  }

  /** The live files by partition directory ({@link DataFile#partitionPath()}), sorted. */
  public Map<String, List<DataFile>> partitions() {
    Map<String, List<DataFile>> out = new TreeMap<>();
    for (DataFile f : files.values()) {
      out.computeIfAbsent(f.partitionPath(), k -> new ArrayList<>()).add(f);
    }
    return out;
  }

  /** Every input file the commits up to this version consumed, the latest record of each path. */
  public Map<String, ConsumedInput> consumedInputs() {
    return inputs;
  }

  /** Rows of the live files, counting files of unknown rows as none. */
  public long totalRows() {
    return files.values().stream().mapToLong(f -> Math.max(0, f.rows())).sum();
  }

  public long totalBytes() {
    return files.values().stream().mapToLong(DataFile::bytes).sum();
  }

  /**
   * Where a file of this snapshot is: in place under the location, or, when a later commit
   * removed it, under {@code _lakemr_removed/<that commit>/}.
   */
  public Path path(DataFile file) {
    Long removedIn = removedLater.get(file.path());
    return removedIn == null ? under(location, locationPrefix, file.path())
        : new Path(TableLog.removedDir(location, removedIn), file.path());
  }

  /**
   * The text every file URI under {@code dir} starts with ({@code new Path(dir, "x")} without
   * its {@code x}), for {@link #under}; null when the files below it are made the slow way.
   */
  static String prefix(Path dir) {
    URI d = dir.toUri();
    String base = d.getPath();
    if (d.getFragment() != null || base == null || base.isEmpty() || base.equals("/")) {
      return null;
    }
    try {
      return new URI(d.getScheme(), d.getAuthority(), base + "/", null, null).toString();
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /**
   * {@code new Path(dir, relative)}, made by parsing one URI instead of the four that
   * constructor builds, when the relative path is plain: printable ASCII no URI quotes, no
   * colon, and no empty, dot or dot-dot segment, which is what a log holds. A planner resolves
   * every file of the table, tens of thousands.
   *
   * @param prefix {@link #prefix} of {@code dir}
   */
  static Path under(Path dir, String prefix, String relative) {
    return prefix != null && isPlain(relative) ? new Path(URI.create(prefix + relative)) : new Path(dir, relative);
  }

  private static boolean isPlain(String relative) {
    int n = relative.length();
    int segment = 0;
    for (int i = 0; i <= n; i++) {
      char c = i < n ? relative.charAt(i) : '/';
      if (c == '/') {
        int length = i - segment;
        if (length == 0 || (length <= 2 && relative.startsWith(length == 1 ? "." : "..", segment))) {
          return false;
        }
        segment = i + 1;
      } else if (c >= PLAIN.length || !PLAIN[c]) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@link #path}, checked: a file removed later whose move a dead writer left undone is still
   * in place, and is found there. Touches the file system only for files removed later.
   */
  public Path resolve(Configuration conf, DataFile file) throws IOException {
    Path expected = path(file);
    if (!removedLater.containsKey(file.path())) {
      return expected;
    }
    FileSystem fs = expected.getFileSystem(conf);
    return fs.exists(expected) ? expected : new Path(location, file.path());
  }

  /**
   * A new commit based on this snapshot, keeping its schema and partition columns; for
   * {@link Operation#CREATE} or {@link Operation#REGISTER} use {@link PendingCommit#create}.
   */
  public PendingCommit newCommit(Operation operation) {
    if (operation == Operation.CREATE || operation == Operation.REGISTER) {
      throw new IllegalArgumentException(operation.label() + " is a table's first commit (PendingCommit.create)");
    }
    return new PendingCommit(operation, version, schema, partitionColumns);
  }
}
