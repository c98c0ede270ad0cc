package io.lakemr.catalog;

import java.util.Locale;

/**
 * What a commit of a table's log does, which decides what it conflicts with when another
 * writer commits first (see {@link TableLog#commit}).
 */
public enum Operation {
  /** The table's first commit: its schema and partition columns, usually no files. */
  CREATE,
  /** Adds files; never conflicts. */
  APPEND,
  /** Replaces every file; conflicts with any concurrent commit that added or removed files. */
  OVERWRITE,
  /** Replaces the files of some partitions; conflicts with a concurrent commit on the same partitions. */
  OVERWRITE_PARTITIONS,
  /** Rewrites files into fewer; conflicts when a file it removes was removed concurrently. */
  COMPACT,
  /** Removes the files of some partitions; conflicts like {@link #OVERWRITE_PARTITIONS}. */
  DELETE_PARTITIONS,
  /** The first commit of a table adopted from an existing directory. */
  REGISTER;

  /** The name in commit files and messages, e.g. {@code overwrite-partitions}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The operation a label names. */
  public static Operation parse(String label) {
    for (Operation o : values()) {
      if (o.label().equals(label)) {
        return o;
      }
    }
    throw new IllegalArgumentException("unknown table operation '" + label + "'");
  }
}
