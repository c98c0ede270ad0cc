package io.lakemr.catalog;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * A writer in a process of its own: {@code AppendingWriter TABLE_URI NAME COMMITS [CONF_XML]}
 * appends {@code COMMITS} commits of one file each, named {@code NAME-i}, to a table, with the
 * configuration of {@code CONF_XML} when given (a cluster's client settings).
 */
public final class AppendingWriter {

  private AppendingWriter() {
  }

  public static void main(String[] args) throws Exception {
    Configuration conf = Tables.conf();
    if (args.length > 3) {
      conf = new Configuration();
      conf.addResource(new Path(args[3]));
    }
    TableLog log = TableLog.open(conf, new Path(args[0]));
    int commits = Integer.parseInt(args[2]);
    for (int i = 0; i < commits; i++) {
      log.commit(log.snapshot().newCommit(Operation.APPEND).add(Tables.entry("p" + (i % 2), args[1] + "-" + i, 1)));
    }
  }
}
