package io.lakemr.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.formats.AtomicFiles;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The names of a lake's tables: a directory ({@value LakemrConfig#CATALOG_DIR}) of small JSON
 * files {@code NAME.json}, each holding a table's location, created with the same put-if-absent
 * step as commits, so two writers can never both take a name. A name is
 * {@code [A-Za-z0-9_.-]+}.
 *
 * <p>Jobs name a table as {@code table:NAME} (looked up here) or {@code table:PATH} (its
 * location itself, e.g. {@code table:hdfs:///lake/sensors}); {@link #resolve} and
 * {@link #openTable} turn either into a location or a {@link TableLog}.
 */
public final class Catalog {

  /** What a table argument starts with. */
  public static final String TABLE_PREFIX = "table:";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final String SUFFIX = ".json";

  private final Configuration conf;
  private final FileSystem fs;
  private final Path directory;

  private Catalog(Configuration conf, FileSystem fs, Path directory) {
    this.conf = conf;
    this.fs = fs;
    this.directory = directory;
  }

  /**
   * The catalog the configuration names.
   *
   * @throws BadInputException when the default file system is not local and
   *     {@value LakemrConfig#CATALOG_DIR} is not set
   */
  public static Catalog open(Configuration conf) throws IOException {
    Path dir = directory(conf);
    FileSystem fs = dir.getFileSystem(conf);
    return new Catalog(conf, fs, fs.makeQualified(dir));
  }

  /** The catalog directory the configuration names, unqualified; see {@link #open}. */
  public static Path directory(Configuration conf) {
    String raw = conf.getRaw(LakemrConfig.CATALOG_DIR);
    if (raw != null && !raw.isBlank() && !raw.equals(LakemrConfig.CATALOG_DIR_DEFAULT)) {
      return new Path(conf.get(LakemrConfig.CATALOG_DIR).trim());
    }
    String defaultScheme = FileSystem.getDefaultUri(conf).getScheme();
    if (defaultScheme != null && !"file".equals(defaultScheme)) {
      throw new BadInputException("set " + LakemrConfig.CATALOG_DIR + " (e.g. -D " + LakemrConfig.CATALOG_DIR
          + "=hdfs:///lake/_catalog) to name tables: the default file system is " + FileSystem.getDefaultUri(conf)
          + ", not the local one");
    }
    String work = System.getProperty("lakemr.work.dir", System.getProperty("user.dir") + "/.lakemr");
    return new Path(new File(work, "catalog").getAbsoluteFile().toURI());
  }

  /** Whether a text is a table name. */
  public static boolean isName(String name) {
    return name != null && NAME.matcher(name).matches();
  }

  /** The qualified catalog directory. */
  public Path directory() {
    return directory;
  }

  /**
   * Gives a name to a location, unless the name is taken.
   *
   * @return true when this call took the name, false when it was taken
   */
  public boolean add(String name, Path location) throws IOException {
    checkName(name);
    ObjectNode entry = LogCodec.JSON.createObjectNode();
    entry.put("name", name);
    entry.put("location", location.toString());
    entry.put("created", System.currentTimeMillis());
    return AtomicFiles.putIfAbsent(conf, entryPath(name), LogCodec.JSON.writeValueAsBytes(entry));
  }

  /** The location of a name, or null when the catalog has no such name. */
  public Path find(String name) throws IOException {
    checkName(name);
    JsonNode entry;
    try (InputStream in = fs.open(entryPath(name))) {
      entry = LogCodec.JSON.readTree(in);
    } catch (FileNotFoundException e) {
      return null;
    }
    String location = entry.path("location").asText("");
    if (location.isEmpty()) {
      throw new IOException("catalog entry " + entryPath(name) + " names no location");
    }
    return new Path(location);
  }

  /**
   * The location of a name.
   *
   * @throws BadInputException when the catalog has no such name
   */
  public Path location(String name) throws IOException {
    Path location = find(name);
    if (location == null) {
      throw new BadInputException("no table " + name + " in the catalog " + directory
          + " (lakemr catalog list shows its tables)");
    }
    return location;
  }

  /** Every name with its location, sorted by name. */
  public SortedMap<String, Path> list() throws IOException {
    SortedMap<String, Path> out = new TreeMap<>();
    FileStatus[] entries;
    try {
      entries = fs.listStatus(directory);
    } catch (FileNotFoundException e) {
      return out;
    }
    for (FileStatus s : entries) {
      String file = s.getPath().getName();
      if (file.endsWith(SUFFIX) && isName(file.substring(0, file.length() - SUFFIX.length()))) {
        String name = file.substring(0, file.length() - SUFFIX.length());
        Path location = find(name);
        if (location != null) {
          out.put(name, location);
        }
      }
    }
    return out;
  }

  /**
   * Removes a name (not its table).
   *
   * @return false when there was no such name
   */
  public boolean remove(String name) throws IOException {
    checkName(name);
    return fs.delete(entryPath(name), false);
  }

  /**
   * The location a table argument names: {@code table:NAME} (or a bare NAME) looked up in the
   * catalog, or {@code table:PATH} (any path or URI that is not a name) qualified.
   *
   * @throws BadInputException for an unknown name, or a name without a catalog directory
   */
  public static Path resolve(Configuration conf, String spec) throws IOException {
    String rest = spec.startsWith(TABLE_PREFIX) ? spec.substring(TABLE_PREFIX.length()) : spec;
    if (rest.isEmpty()) {
      throw new BadInputException("'" + spec + "' names no table: write table:NAME or table:PATH");
    }
    if (isName(rest)) {
      return open(conf).location(rest);
    }
    Path path = new Path(rest);
    return path.getFileSystem(conf).makeQualified(path);
  }

  /**
   * The log of the table a table argument names ({@link #resolve}).
   *
   * @throws BadInputException when no table is there
   */
  public static TableLog openTable(Configuration conf, String spec) throws IOException {
    TableLog log = TableLog.open(conf, resolve(conf, spec));
    if (!log.exists()) {
      throw new BadInputException("no table at " + log.location() + " (" + spec + "): it has no "
          + TableLog.LOG_DIR + "/ commits");
    }
    return log;
  }

  /** Whether a command-line value names a table ({@code table:...}). */
  public static boolean isTableSpec(String value) {
    return value != null && value.startsWith(TABLE_PREFIX);
  }

  private Path entryPath(String name) {
    return new Path(directory, name + SUFFIX);
  }

  private static void checkName(String name) {
    if (!isName(name)) {
      throw new BadInputException("'" + name + "' is not a table name: use letters, digits, _, . and -");
    }
  }
}
