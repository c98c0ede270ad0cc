package io.lakemr.formats.output;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The partitions a task wrote and their row counts, as a side file in the task's output, so
 * the driver can list every partition of a job with its rows.
 *
 * <p>The file goes to {@value #DIRECTORY}/{@code <task file name>.tsv} under the task
 * attempt's work path, so the output committer publishes it exactly when it publishes the
 * task's data: attempts that failed or lost a speculative race leave nothing to count twice.
 * One line per partition: rows, a tab, files, a tab, the partition's relative directory
 * ({@code date=2024-01-01/}, escaped, so it holds no tab or newline; empty for unpartitioned
 * output). The driver reads them all with {@link #readAll}, then removes the directory.
 */
public final class PartitionLog {

  /** The side directory, hidden from readers by its leading underscore. */
  public static final String DIRECTORY = "_lakemr_partitions";

  /** Rows and files of one partition directory. */
  public record Entry(long rows, long files) {
    Entry plus(Entry o) {
      return new Entry(rows + o.rows, files + o.files);
    }
  }

  private PartitionLog() {
  }

  /** Writes a task's partitions (relative directory to counts) to its side file. */
  static void write(Configuration conf, Path workDir, String taskFileName, Map<String, Entry> partitions)
      throws IOException {
    Path file = new Path(new Path(workDir, DIRECTORY), taskFileName + ".tsv");
    FileSystem fs = file.getFileSystem(conf);
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, Entry> e : partitions.entrySet()) {
      sb.append(e.getValue().rows()).append('\t').append(e.getValue().files()).append('\t')
          .append(e.getKey()).append('\n');
    }
    try (OutputStream out = fs.create(file, true)) {
      out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * The rows each task wrote, summed over its partitions, by the task's file name as given to
   * {@link #write} (such as {@code part-r-00003.parquet}); tasks that wrote no rows have no entry.
   */
  public static Map<String, Long> rowsByTask(FileSystem fs, Path outputDir) throws IOException {
    Map<String, Long> out = new TreeMap<>();
    Path dir = new Path(outputDir, DIRECTORY);
    if (!fs.exists(dir)) {
      return out;
    }
    for (FileStatus f : fs.listStatus(dir)) {
      String name = f.getPath().getName();
      String task = name.endsWith(".tsv") ? name.substring(0, name.length() - 4) : name;
      readFile(fs, f.getPath(), (partition, entry) -> out.merge(task, entry.rows(), Long::sum));
    }
    return out;
  }

  /** Every partition in the side files under {@code outputDir}, summed over tasks, by directory. */
  public static Map<String, Entry> readAll(FileSystem fs, Path outputDir) throws IOException {
    Map<String, Entry> out = new TreeMap<>();
    Path dir = new Path(outputDir, DIRECTORY);
    if (!fs.exists(dir)) {
      return out;
    }
    for (FileStatus f : fs.listStatus(dir)) {
      readFile(fs, f.getPath(), (partition, entry) -> out.merge(partition, entry, Entry::plus));
    }
    return out;
  }

  private static void readFile(FileSystem fs, Path file, BiConsumer<String, Entry> each) throws IOException {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(file), StandardCharsets.UTF_8))) {
      String line;
      while ((line = in.readLine()) != null) {
        if (line.isEmpty()) {
          continue;
        }
        String[] parts = line.split("\t", 3);
        if (parts.length != 3) {
          throw new IOException("malformed line in " + file + ": " + line);
        }
        each.accept(parts[2], new Entry(Long.parseLong(parts[0]), Long.parseLong(parts[1])));
      }
    }
  }
}
