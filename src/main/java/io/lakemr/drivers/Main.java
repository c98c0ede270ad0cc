package io.lakemr.drivers;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;

/**
 * The command-line entry point: {@code lakemr COMMAND [generic options] [options]}, the same
 * under {@code bin/lakemr} and {@code hadoop jar lakemr-VERSION-job.jar}.
 *
 * <p>When the JVM runs with {@code -Dlakemr.local=true} (as {@code bin/lakemr} starts it),
 * {@code lakemr-local.xml} is added as a default resource after Hadoop's own, so a local run uses
 * the local job runner and file system even where a cluster's site files are on the class path,
 * while {@code -conf}, {@code -fs}, {@code -jt} and {@code -D} still override it.
 */
public final class Main {

  static final Map<String, Supplier<LakemrTool>> COMMANDS = new LinkedHashMap<>();

  static {
    COMMANDS.put("quickstart", QuickstartTool::new);
    COMMANDS.put("generate", GenerateTool::new);
    COMMANDS.put("aggregate", AggregateTool::new);
    COMMANDS.put("convert", ConvertTool::new);
    COMMANDS.put("compact", CompactTool::new);
    COMMANDS.put("bench-read", ReadBenchTool::new);
    COMMANDS.put("inspect", InspectTool::new);
    COMMANDS.put("plan", PlanTool::new);
    COMMANDS.put("catalog", CatalogTool::new);
  }

  private Main() {
  }

  public static void main(String[] args) throws Exception {
    System.exit(run(args));
  }

  /** Runs a command and gives its exit code. */
  public static int run(String[] args) throws Exception {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h") || args[0].equals("help")) {
      System.out.println(usage());
      return args.length == 0 ? LakemrTool.EXIT_USAGE : LakemrTool.EXIT_OK;
    }
    Supplier<LakemrTool> tool = COMMANDS.get(args[0]);
    if (tool == null) {
      System.err.println("lakemr: unknown command '" + args[0] + "'");
      System.err.println(usage());
      return LakemrTool.EXIT_USAGE;
    }
    if (Boolean.getBoolean("lakemr.local")) {
      LocalDefaults.install();
    }
    return ToolRunner.run(new Configuration(), tool.get(), Arrays.copyOfRange(args, 1, args.length));
  }

  static String usage() {
    return String.join("\n",
        "usage: lakemr COMMAND [generic Hadoop options] [options]",
        "",
        "commands:",
        "  quickstart   make a small sample dataset and aggregate it, locally",
        "  generate     write the sample sensor table (any size) as Parquet, CSV, JSON Lines, Avro, HDF5 or Zarr",
        "  aggregate    group-by aggregation with partitioned output",
        "  convert      rewrite any input as a (partitioned) table in another format, filtered and derived",
        "  compact      rewrite the small files of a Parquet table's partitions into files of a target size",
        "  bench-read   read columns with a job's reader and nothing else (the raw read limit)",
        "  inspect      the structure of a file, store or directory of any input format, from metadata only",
        "  plan         what an aggregate or convert would read and cost, without running it or writing",
        "  catalog      create, register, list, describe, history, drop, vacuum and ddl of named tables",
        "",
        "lakemr COMMAND --help shows a command's options; -v (or LAKEMR_TIMING=1) adds a line saying",
        "where the run's time went: JVM start, planning, map, shuffle, reduce, publish.");
  }
}
