package io.lakemr.drivers;

import io.lakemr.conf.BadInputException;
import io.lakemr.data.TableSchema;
import io.lakemr.formats.CountingReporter;
import io.lakemr.formats.InputFormats;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.InputFormat;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code lakemr bench-read}: the raw read limit of a job. Plans the same splits and reads the
 * same columns with the same record reader a job's map tasks use, as many splits at once as the
 * local job runner runs, and does nothing else with the rows.
 */
public final class ReadBenchTool extends LakemrTool {

  private static final Set<String> OPTIONS = CommandLine.union(InputSource.options(),
      CommandLine.set("columns", "threads"));

  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new Configuration(), new ReadBenchTool(), args));
  }

  @Override
  String name() {
    return "bench-read";
  }

  @Override
  String usage() {
    return String.join("\n",
        "usage: lakemr bench-read [generic options] --input PATH[,PATH...] --columns COL[,COL...] [--threads N]",
        "                         [--format " + String.join("|", InputFormats.names())
            + "] [the format's options, as aggregate lists them]",
        "  reads the columns with the job's own input format and record reader and nothing else;",
        "  --threads defaults to mapreduce.local.map.tasks.maximum, as the local job runner runs maps");
  }

  @Override
  int execute(String[] args) throws Exception {
    CommandLine cl = CommandLine.parse(name(), args, OPTIONS, CommandLine.set());
    cl.requireNoPositional();
    Configuration conf = getConf();
    List<String> columns = cl.list("columns");
    if (columns.isEmpty()) {
      cl.require("columns");
    }
    int threads = (int) cl.getLong("threads", conf.getInt("mapreduce.local.map.tasks.maximum", 1), 1);
    // --columns is this command's own option here: the columns read, whatever the format
    InputSource input = InputSource.open(conf, cl, Set.of("columns"));
    TableSchema table = input.schema();
    for (String c : columns) {
      if (table.column(c) == null) {
        throw new BadInputException("--columns: unknown column '" + c + "' (columns of "
            + table.source() + ": " + table.describeColumns() + ")");
      }
    }
    Job job = Job.getInstance(conf);
    input.configure(job, table.project(columns));
    InputFormat<NullWritable, VectorizedRowBatch> format = input.newInputFormat();
    long started = System.nanoTime();
    List<InputSplit> splits = format.getSplits(job);
    Counters counters = new Counters();
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Long>> results = new ArrayList<>();
      int n = 0;
      for (InputSplit split : splits) {
        TaskAttemptID id = new TaskAttemptID("bench", 1, TaskType.MAP, n++, 0);
        results.add(pool.submit(() -> readSplit(format, split, job.getConfiguration(), id, counters)));
      }
      for (Future<Long> f : results) {
        f.get();
      }
    } finally {
      pool.shutdown();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long rows = counters.findCounter(input.rowsCounter()).getValue();
    long bytes = counters.findCounter(input.bytesCounter()).getValue();
    out().printf("lakemr bench-read: %,d rows of %s (%s) in %.2f s with %d thread%s over %d splits%n", rows,
        String.join(",", columns), input.formatName(), seconds, threads, threads == 1 ? "" : "s", splits.size());
    out().printf("  rows/s       %,.0f%n", rows / seconds);
    out().printf("  MB/s         %,.1f (stored bytes read)%n", bytes / seconds / 1e6);
    out().printf("  peak heap    %,d MiB live (after GC)%n", peakLiveHeapBytes() >> 20);
    return EXIT_OK;
  }

  private static long readSplit(InputFormat<NullWritable, VectorizedRowBatch> format, InputSplit split, Configuration conf,
      TaskAttemptID id, Counters counters) throws Exception {
    TaskAttemptContextImpl context = new TaskAttemptContextImpl(conf, id, new CountingReporter(counters));
    long rows = 0;
    try (RecordReader<NullWritable, VectorizedRowBatch> reader = format.createRecordReader(split, context)) {
      reader.initialize(split, context);
      while (reader.nextKeyValue()) {
        rows += reader.getCurrentValue().size;
      }
    }
    return rows;
  }
}
