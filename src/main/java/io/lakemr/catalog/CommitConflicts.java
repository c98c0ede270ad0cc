package io.lakemr.catalog;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Whether a pending commit may still be made after other writers committed since its base:
 * appends never conflict; overwrite-partitions and delete-partitions conflict with a concurrent
 * commit that touched one of their partitions, and with an overwrite; an overwrite conflicts
 * with any concurrent commit that added or removed files; a compaction conflicts when a file it
 * removes was removed concurrently. A table's first commit conflicts with any commit.
 */
final class CommitConflicts {

  private final PendingCommit pending;
  private final Map<String, String> partitionOf = new HashMap<>();

  /**
   * @param base the snapshot the pending commit was based on, to tell the partition of a
   *     removed file
   */
  CommitConflicts(PendingCommit pending, TableState base) {
    this.pending = pending;
    base.files.values().forEach(f -> partitionOf.put(f.path(), f.partitionPath()));
  }

  /** The reason a concurrent commit conflicts with the pending one, or null when it does not. */
  String conflict(Commit other) {
    other.added().forEach(f -> partitionOf.putIfAbsent(f.path(), f.partitionPath()));
    switch (pending.operation()) {
      case APPEND:
        return null;
      case CREATE:
      case REGISTER:
        return "the table already has commits";
      case OVERWRITE:
        return other.added().isEmpty() && other.removed().isEmpty() ? null : "it changed the table's files";
      case COMPACT:
        Set<String> mine = new HashSet<>(pending.removed());
        for (String r : other.removed()) {
          if (mine.contains(r)) {
            return "it removed " + r + ", which this compaction rewrites";
          }
        }
        return null;
      case OVERWRITE_PARTITIONS:
      case DELETE_PARTITIONS:
        if (other.operation() == Operation.OVERWRITE) {
          return "it overwrote the table";
        }
        Set<String> touched = partitions(pending.added(), pending.removed());
        for (String p : partitions(other.added(), other.removed())) {
          if (touched.contains(p)) {
            return "it changed the partition " + (p.isEmpty() ? "(the whole table)" : p);
          }
        }
        return null;
      default:
        throw new AssertionError(pending.operation());
    }
  }

  private Set<String> partitions(List<DataFile> added, List<String> removed) {
    Set<String> out = new HashSet<>();
    added.forEach(f -> out.add(f.partitionPath()));
    for (String r : removed) {
      String p = partitionOf.get(r);
      out.add(p != null ? p : parentOf(r));
    }
    return out;
  }

  private static String parentOf(String relativePath) {
    int slash = relativePath.lastIndexOf('/');
    return slash < 0 ? "" : relativePath.substring(0, slash);
  }
}
