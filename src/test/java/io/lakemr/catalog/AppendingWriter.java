package io.lakemr.catalog;

import org.apache.hadoop.fs.Path;

/**
 * A writer in a process of its own: {@code AppendingWriter TABLE_URI NAME COMMITS} appends
 * {@code COMMITS} commits of one file each, named {@code NAME-i}, to a table.
 */
public final class AppendingWriter {

  private AppendingWriter() {
  }

  public static void main(String[] args) throws Exception {
    TableLog log = TableLog.open(Tables.conf(), new Path(args[0]));
    int commits = Integer.parseInt(args[2]);
    for (int i = 0; i < commits; i++) {
      log.commit(log.snapshot().newCommit(Operation.APPEND).add(Tables.entry("p" + (i % 2), args[1] + "-" + i, 1)));
    }
  }
}
