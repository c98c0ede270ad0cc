package io.lakemr.drivers;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code lakemr quickstart}: generates a small sample sensor table and runs the main jobs on it,
 * printing their results and where they are. Safe to run again: it replaces its own outputs.
 */
public final class QuickstartTool extends LakemrTool {

  private static final Set<String> OPTIONS = CommandLine.set("dir", "rows");

  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new Configuration(), new QuickstartTool(), args));
  }

  @Override
  String name() {
    return "quickstart";
  }

  @Override
  String usage() {
    return String.join("\n",
        "usage: lakemr quickstart [generic options] [--dir DIR] [--rows N]",
        "  --dir DIR   where to write the sample data and results (default: $LAKEMR_WORK_DIR/quickstart)",
        "  --rows N    rows of sample data (default 1_000_000)");
  }

  @Override
  int execute(String[] args) throws Exception {
    CommandLine cl = CommandLine.parse(name(), args, OPTIONS, CommandLine.set());
    cl.requireNoPositional();
    String base = System.getProperty("lakemr.work.dir", System.getProperty("user.dir") + "/.lakemr");
    String dir = cl.get("dir", base + "/quickstart");
    long rows = cl.getLong("rows", 1_000_000, 1);
    String sensors = dir + "/sensors";
    String byStationStatus = dir + "/by_station_status";
    String partitioned = dir + "/by_station_status_partitioned";

    step("1/3 generate " + String.format("%,d", rows) + " sample rows");
    int rc = sub(new GenerateTool(), "--rows", Long.toString(rows), "--files", "2", "--output", sensors,
        "--mode", "overwrite");
    if (rc != EXIT_OK) {
      return rc;
    }
    step("2/3 aggregate by station and status, as CSV");
    rc = sub(new AggregateTool(), "--input", sensors, "--group-by", "station,status",
        "--agg", "count(*),sum(value),min(value),max(value),avg(value)",
        "--output", byStationStatus, "--output-format", "csv", "--mode", "overwrite");
    if (rc != EXIT_OK) {
      return rc;
    }
    step("3/3 the same, as Parquet partitioned by status");
    rc = sub(new AggregateTool(), "--input", sensors, "--group-by", "station,status",
        "--agg", "count(*),sum(value),min(value),max(value),avg(value)",
        "--output", partitioned, "--partition-by", "status", "--mode", "overwrite");
    if (rc != EXIT_OK) {
      return rc;
    }
    printCsvHead(new Path(byStationStatus), 12);
    printTree(new Path(partitioned));
    out().println();
    out().println("sample data:  " + sensors);
    out().println("results:      " + byStationStatus + " (CSV)");
    out().println("              " + partitioned + " (Parquet, Hive-partitioned by status)");
    return EXIT_OK;
  }

  private void step(String s) {
    out().println();
    out().println("== " + s);
  }

  private int sub(LakemrTool tool, String... args) throws Exception {
    return ToolRunner.run(new Configuration(getConf()), tool.withStreams(out(), err()), args);
  }

  private void printCsvHead(Path dir, int lines) throws Exception {
    FileSystem fs = dir.getFileSystem(getConf());
    FileStatus[] parts = fs.globStatus(new Path(dir, "part-*.csv"));
    Arrays.sort(parts);
    out().println();
    out().println("first rows of " + dir + ":");
    long total = 0;
    int shown = 0;
    for (FileStatus p : parts) {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(p.getPath()), StandardCharsets.UTF_8))) {
        String header = r.readLine();
        if (shown == 0 && header != null) {
          out().println("  " + header);
        }
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          total++;
          if (shown < lines) {
            out().println("  " + line);
            shown++;
          }
        }
      }
    }
    out().printf("  ... %,d rows in %d file%s%n", total, parts.length, parts.length == 1 ? "" : "s");
  }

  private void printTree(Path dir) throws Exception {
    FileSystem fs = dir.getFileSystem(getConf());
    out().println();
    out().println("partitions of " + dir + ":");
    FileStatus[] parts = fs.listStatus(dir);
    Arrays.sort(parts);
    for (FileStatus p : parts) {
      if (p.isDirectory()) {
        long files = Arrays.stream(fs.listStatus(p.getPath())).filter(FileStatus::isFile).count();
        out().println("  " + p.getPath().getName() + "/  (" + files + " file" + (files == 1 ? "" : "s") + ")");
      }
    }
  }
}
