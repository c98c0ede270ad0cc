package io.lakemr.publish;

import io.lakemr.conf.BadInputException;
import io.lakemr.formats.InputFiles;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.GlobFilter;
import org.apache.hadoop.fs.Path;

/**
 * Refuses an output that overlaps an input: one that is an input, holds one, or sits inside
 * one. A job writing there would replace, or read back, its own input.
 *
 * <p>Paths are compared by what they resolve to, not by their spelling: each is qualified with
 * its file system (relative paths against the working directory, a bare {@code /x} against the
 * default file system, {@code hdfs://nn/x} with the name node's default port), {@code .},
 * {@code ..} and trailing slashes are normalised, and symbolic links are followed on the local
 * file system and wherever the file system resolves them ({@link FileSystem#resolvePath}). A
 * glob input overlaps an output when the output lies under anything the glob could match, is
 * matched by it, or holds something it matches, whether or not that exists yet.
 */
final class PathOverlap {

  private PathOverlap() {
  }

  /**
   * Checks an output against every input.
   *
   * @param output the output path, qualified
   * @param inputs the input paths as given on the command line
   * @throws BadInputException naming both paths when they overlap
   */
  static void check(Configuration conf, Path output, List<String> inputs) throws IOException {
    Resolved out = Resolved.of(conf, output);
    for (String input : inputs) {
      Path p = new Path(input);
      FileSystem fs = p.getFileSystem(conf);
      Path qualified = fs.makeQualified(p);
      boolean glob = InputFiles.isGlob(input);
      List<Resolved> candidates = new ArrayList<>();
      candidates.add(glob ? Resolved.glob(fs, qualified) : Resolved.of(conf, qualified));
      if (glob) {
        FileStatus[] matches = fs.globStatus(qualified);
        for (FileStatus m : matches == null ? new FileStatus[0] : matches) {
          candidates.add(Resolved.of(conf, m.getPath()));
        }
      }
      for (Resolved in : candidates) {
        String relation = out.relationTo(in);
        if (relation != null) {
          throw new BadInputException("--output " + output + " " + relation + " "
              + (glob ? "the input glob " + input : "the input " + input)
              + (in.spelled.equals(input) || glob ? "" : " (" + in.spelled + ")")
              + "; a job must not write where it reads: choose an output outside every input");
        }
      }
    }
  }

  /** A path as a file system and path components, links followed. */
  private static final class Resolved {

    private final String fileSystem;
    private final List<String> parts;
    /** Glob patterns, one per component, or null for a literal path. */
    private final List<GlobFilter> patterns;
    private final String spelled;

    private Resolved(String fileSystem, List<String> parts, List<GlobFilter> patterns, String spelled) {
      this.fileSystem = fileSystem;
      this.parts = parts;
      this.patterns = patterns;
      this.spelled = spelled;
    }

    static Resolved of(Configuration conf, Path qualified) throws IOException {
      FileSystem fs = qualified.getFileSystem(conf);
      Path real = realPath(fs, fs.makeQualified(qualified));
      return new Resolved(fileSystemKey(fs), components(real), null, real.toString());
    }

    static Resolved glob(FileSystem fs, Path qualifiedGlob) throws IOException {
      List<String> parts = components(qualifiedGlob);
      List<GlobFilter> patterns = new ArrayList<>(parts.size());
      for (String part : parts) {
        patterns.add(new GlobFilter(part));
      }
      return new Resolved(fileSystemKey(fs), parts, patterns, qualifiedGlob.toString());
    }

    /**
     * How this (an output) relates to an input: "is", "is inside", "contains", or null when
     * they do not overlap. Paths overlap when one's components are a prefix of the other's.
     */
    String relationTo(Resolved input) {
      if (!fileSystem.equals(input.fileSystem)) {
        return null;
      }
      int common = Math.min(parts.size(), input.parts.size());
      for (int i = 0; i < common; i++) {
        String mine = parts.get(i);
        boolean same = input.patterns == null ? mine.equals(input.parts.get(i))
            : input.patterns.get(i).accept(new Path("/" + mine));
        if (!same) {
          return null;
        }
      }
      if (parts.size() == input.parts.size()) {
        return input.patterns == null ? "is" : "is matched by";
      }
      if (parts.size() > input.parts.size()) {
        return input.patterns == null ? "is inside" : "is inside a path matched by";
      }
      return input.patterns == null ? "contains" : "would contain paths matched by";
    }

    /**
     * Scheme and the file system's canonical service name (host and port, the default port
     * filled in, as delegation tokens name it), so that equal file systems compare equal.
     */
    private static String fileSystemKey(FileSystem fs) {
      URI uri = fs.getUri();
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      String service = fs.getCanonicalServiceName();
      String authority = service != null ? service : uri.getAuthority() == null ? "" : uri.getAuthority();
      return scheme + "://" + authority.toLowerCase(Locale.ROOT);
    }

    private static List<String> components(Path p) {
      List<String> parts = new ArrayList<>();
      for (Path q = p; q != null && !q.isRoot(); q = q.getParent()) {
        parts.add(0, q.getName());
      }
      return parts;
    }

    /** Follows links in the longest part of a path that exists; the rest is kept as spelled. */
    private static Path realPath(FileSystem fs, Path p) throws IOException {
      List<String> missing = new ArrayList<>();
      Path existing = p;
      while (existing.getParent() != null && !fs.exists(existing)) {
        missing.add(0, existing.getName());
        existing = existing.getParent();
      }
      Path real;
      if ("file".equals(existing.toUri().getScheme())) {
        real = fs.makeQualified(new Path(Paths.get(existing.toUri().getPath()).toRealPath().toString()));
      } else {
        real = fs.resolvePath(existing);
      }
      for (String name : missing) {
        real = new Path(real, name);
      }
      return real;
    }
  }
}
