package io.lakemr.convert;

import io.lakemr.conf.LakemrConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.util.StringUtils;

/**
 * The output name of each input file of {@code convert --per-file}: its path below the input
 * root it was found under, with the output format's extension in place of its own
 * ({@code 2026/01/a.h5} becomes {@code 2026/01/a.parquet}; {@code b.csv.gz} becomes
 * {@code b.parquet}; a store {@code c.zarr} becomes {@code c.parquet}).
 *
 * <p>A root is the directory an input path's files were listed under
 * ({@code InputFiles.root}); when roots nest, a file belongs to the deepest one holding it. The
 * client computes every name first (to refuse two inputs with one output name, and to skip
 * what exists); the tasks compute the same names from the roots stored in the job.
 */
public final class PerFileNames {

  /** Compression suffixes dropped with the extension before it. */
  private static final Set<String> COMPRESSION_SUFFIXES = Set.of("gz", "bz2", "zst", "zstd", "lz4", "snappy", "deflate");

  private final List<Path> roots;
  private final String extension;

  /**
   * @param roots the qualified input roots
   * @param extension the output files' extension, without the dot
   */
  public PerFileNames(List<Path> roots, String extension) {
    this.roots = List.copyOf(roots);
    this.extension = extension;
  }

  /** Stores the roots in a job, for {@link #load} in its tasks. */
  public void configure(Job job) {
    List<String> escaped = new ArrayList<>();
    roots.forEach(r -> escaped.add(StringUtils.escapeString(r.toString())));
    job.getConfiguration().set(LakemrConfig.CONVERT_PER_FILE_ROOTS, String.join(",", escaped));
  }

  /** The names of a job set up by {@link #configure}, or null when it is no per-file job. */
  public static PerFileNames load(Configuration conf, String extension) {
    String stored = conf.get(LakemrConfig.CONVERT_PER_FILE_ROOTS);
    if (stored == null) {
      return null;
    }
    List<Path> roots = new ArrayList<>();
    for (String r : StringUtils.split(stored)) {
      roots.add(new Path(StringUtils.unEscapeString(r)));
    }
    return new PerFileNames(roots, extension);
  }

  /**
   * The output path of an input file, relative to the output directory, with {@code /} between
   * directories.
   *
   * @throws IllegalArgumentException when the file is under no root
   */
  public String outputName(Path file) {
    String path = file.toUri().getPath();
    String best = null;
    for (Path root : roots) {
      String r = root.toUri().getPath();
      String prefix = r.endsWith("/") ? r : r + "/";
      if (path.startsWith(prefix) && (best == null || prefix.length() > best.length())) {
        best = prefix;
      }
    }
    if (best == null) {
      throw new IllegalArgumentException(file + " is under none of the input roots " + roots);
    }
    String relative = path.substring(best.length());
    int slash = relative.lastIndexOf('/');
    return relative.substring(0, slash + 1) + withExtension(relative.substring(slash + 1), extension);
  }

  /** A file name with its extension (and a compression suffix after it) replaced. */
  static String withExtension(String name, String extension) {
    String base = name;
    int dot = base.lastIndexOf('.');
    if (dot > 0 && COMPRESSION_SUFFIXES.contains(base.substring(dot + 1).toLowerCase(Locale.ROOT))) {
      base = base.substring(0, dot);
      dot = base.lastIndexOf('.');
    }
    if (dot > 0) {
      base = base.substring(0, dot);
    }
    return base + "." + extension;
  }
}
