package io.lakemr.drivers;

import io.lakemr.conf.LakemrConfig;
import io.lakemr.formats.output.OutputFormatDescriptor;
import io.lakemr.formats.output.OutputFormats;
import io.lakemr.publish.OutputTarget;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code lakemr generate}: writes the sample sensor table as a map-only job, one file per map
 * task, deterministic for a seed.
 */
public final class GenerateTool extends LakemrTool {

  private static final Set<String> OPTIONS = CommandLine.set("rows", "output", "format", "files", "seed", "mode");

  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new Configuration(), new GenerateTool(), args));
  }

  @Override
  String name() {
    return "generate";
  }

  @Override
  String usage() {
    return String.join("\n",
        "usage: lakemr generate [generic options] --rows N --output PATH [options]",
        "  --rows N              rows to write (1_000_000 style underscores allowed)",
        "  --output PATH         output directory",
        "  --format parquet|csv|hdf5|zarr  file format (default parquet; hdf5: a group /sensors of",
        "                        chunked, deflated 1-D datasets, read back with --dataset /sensors;",
        "                        zarr: a v2 store per file, one zlib-chunked 1-D array per column)",
        "  --files F             number of files, one map task each (default: one per 5 million rows)",
        "  --seed S              seed; the same seed gives the same rows (default "
            + LakemrConfig.GENERATE_SEED_DEFAULT + ")",
        "  --mode error|overwrite  what to do when the output exists (default error)",
        "",
        "columns: ts (epoch millis over 30 days from 2026-01-01), station (st-0001..st-1000),",
        "         status (ok/warn/fail, ~90/8/2%), value (double, mean 50), sensor_id (~rows/10 values)");
  }

  @Override
  int execute(String[] args) throws Exception {
    CommandLine cl = CommandLine.parse(name(), args, OPTIONS, CommandLine.set());
    cl.requireNoPositional();
    long rows = cl.getLong("rows", -1, 0);
    if (rows < 0) {
      cl.require("rows");
    }
    String output = cl.require("output");
    String formatName = cl.get("format", "parquet").trim().toLowerCase(Locale.ROOT);
    boolean selfWriting = formatName.equals("hdf5") || formatName.equals("zarr");
    OutputFormatDescriptor format = selfWriting ? null : OutputFormats.parse(formatName);
    long files = cl.getLong("files", Math.max(1, Math.min(1000, (rows + 4_999_999) / 5_000_000)), 1);
    long seed = cl.getLong("seed", LakemrConfig.GENERATE_SEED_DEFAULT, Long.MIN_VALUE);
    OutputTarget target = prepareOutput(output, OutputTarget.Mode.parse(cl.get("mode", "error")), 0, List.of());
    long started = System.currentTimeMillis();
    int fileCount = (int) Math.min(files, Integer.MAX_VALUE);
    Job job = switch (formatName) {
      case "hdf5" -> GenerateJob.configureHdf5(getConf(), rows, fileCount, seed, target.staging());
      case "zarr" -> GenerateJob.configureZarr(getConf(), rows, fileCount, seed, target.staging());
      default -> GenerateJob.configure(getConf(), rows, fileCount, seed, target.staging(), format);
    };
    job.setJobName("lakemr generate");
    job.setJarByClass(GenerateTool.class);
    JobRunner.run(job, target, err());
    long tenths = (System.currentTimeMillis() - started) / 100;
    out().printf("lakemr generate: wrote %,d rows in %d file%s to %s in %d.%d s%n", rows, files,
        files == 1 ? "" : "s", target.output(), tenths / 10, tenths % 10);
    return EXIT_OK;
  }
}
