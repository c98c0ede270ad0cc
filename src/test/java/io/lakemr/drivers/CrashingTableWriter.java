package io.lakemr.drivers;

import io.lakemr.conf.LakemrConfig;
import io.lakemr.testing.LocalJobs;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.hadoop.conf.Configuration;

/**
 * A writer that dies between publishing and committing, in a process of its own:
 * {@code CrashingTableWriter WORK_DIR CATALOG_DIR AGGREGATE_ARGS...} runs {@code aggregate}
 * with the local job runner through the command's own steps (setup, jobs, publish into the
 * table's directory) and then halts the JVM, as {@code kill -9} would, where the command would
 * commit to the table's log: no shutdown hook, finally block or cleanup runs.
 */
public final class CrashingTableWriter {

  /** The exit code of the halt, that of a process killed by SIGKILL. */
  static final int HALTED = 137;

  private CrashingTableWriter() {
  }

  public static void main(String[] args) throws Exception {
    Configuration conf = LocalJobs.conf(Path.of(args[0]));
    conf.set(LakemrConfig.CATALOG_DIR, args[1]);
    String[] aggregate = Arrays.copyOfRange(args, 2, args.length);
    AggregateTool tool = new AggregateTool();
    tool.setConf(conf);
    tool.withStreams(System.out, System.err);
    AggregateTool.Published run = tool.runAndPublish(aggregate, System.currentTimeMillis());
    System.out.println("published into " + run.target().output() + ", halting before the commit");
    System.out.flush();
    Runtime.getRuntime().halt(HALTED);
  }
}
