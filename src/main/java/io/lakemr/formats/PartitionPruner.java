package io.lakemr.formats;

import io.lakemr.data.ColumnPredicate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.fs.Path;

/**
 * Leaves out the files of Hive-style partition directories whose values cannot satisfy a
 * filter's conjuncts on partition columns, before splits are planned. A null partition value
 * ({@code __HIVE_DEFAULT_PARTITION__}) satisfies no comparison. Conjuncts on other columns are
 * ignored here.
 */
public final class PartitionPruner {

  /**
   * What pruning kept and how many directories it left out.
   *
   * @param kept the files left, in their order
   * @param directoriesPruned distinct directories (holding files) left out
   * @param directories distinct directories holding files before pruning
   */
  public record Result(InputFiles kept, int directoriesPruned, int directories) {
  }

  private PartitionPruner() {
  }

  public static Result prune(InputFiles files, List<ColumnPredicate> predicates) {
    List<String> keys = files.partitionColumns();
    Set<String> all = new HashSet<>();
    for (InputFile f : files.files()) {
      all.add(directory(f));
    }
    List<int[]> tests = new ArrayList<>();
    for (int p = 0; p < predicates.size(); p++) {
      int k = keys.indexOf(predicates.get(p).column());
      if (k >= 0) {
        tests.add(new int[] {p, k});
      }
    }
    if (tests.isEmpty()) {
      return new Result(files, 0, all.size());
    }
    List<InputFile> kept = new ArrayList<>();
    Set<String> keptDirs = new HashSet<>();
    for (InputFile f : files.files()) {
      boolean match = true;
      for (int[] t : tests) {
        if (!predicates.get(t[0]).matches(f.partitionValues().get(t[1]))) {
          match = false;
          break;
        }
      }
      if (match) {
        kept.add(f);
        keptDirs.add(directory(f));
      }
    }
    return new Result(files.withFiles(kept), all.size() - keptDirs.size(), all.size());
  }

  /**
   * The directory holding a file, as the text of its URI up to the last slash: equal for two
   * files exactly when their parent paths are, without making a {@link Path} per file.
   */
  private static String directory(InputFile f) {
    String uri = f.path().toUri().toString();
    return uri.substring(0, Math.max(0, uri.lastIndexOf('/')));
  }
}
