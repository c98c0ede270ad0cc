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
    Set<Path> all = new HashSet<>();
    for (InputFile f : files.files()) {
      all.add(f.path().getParent());
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
    Set<Path> keptDirs = new HashSet<>();
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
        keptDirs.add(f.path().getParent());
      }
    }
    return new Result(files.withFiles(kept), all.size() - keptDirs.size(), all.size());
  }
}
