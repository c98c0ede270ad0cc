package io.lakemr.formats.output;

import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.formats.HivePaths;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.mapreduce.TaskAttemptContext;

/**
 * Writes a task's output into Hive-style partition directories under a work directory (the
 * task attempt's work path), one partition after another, with at most one file open (or at
 * most {@link #setMaxOpenFiles} files, for a task whose rows arrive in no partition order).
 *
 * <p>{@link #startPartition} names the partition the following rows belong to; its file,
 * {@code workDir/col1=v1/.../colN=vN/fileName}, is created by the first {@link #write} that
 * carries rows, so a partition (or a task) without rows leaves no file. Starting a partition
 * closes the file of the one before. Values are escaped with {@link HivePaths}, so a value
 * holding {@code /}, {@code ..}, {@code %}, {@code :} or control characters stays one
 * directory name, null and empty become {@value HivePaths#DEFAULT_PARTITION_NAME}; and every
 * path is checked to lie under the work directory before a file is made.
 *
 * <p>Rows should arrive grouped by partition (a reducer whose keys start with the partition
 * columns sees them so). When a partition that was already closed is started again, its rows
 * go to a further file in the same directory, {@code part-r-00000-1.parquet} and so on,
 * never over the earlier one. With file limits ({@link #setFileLimits}) a partition's rows
 * roll over into such further files too, once a file holds the most rows or bytes allowed.
 *
 * <p>With more than one file allowed open, starting a partition keeps the files of the others
 * open, so rows of a partition started again go on in its open file; a partition that needs a
 * file when the most allowed are open closes the least recently written one first (its later
 * rows go to a further file). {@link OutputCounters#OPEN_FILES_PEAK} and
 * {@link OutputCounters#FILES_CLOSED_EARLY} count what that took.
 */
public final class PartitionedBatchWriter implements Closeable {

  private final Configuration conf;
  private final Path workDir;
  private final String workPath;
  private final String fileName;
  private final OutputFormatDescriptor format;
  private final List<Column> fileColumns;
  private final String[] partitionColumns;
  private final TaskAttemptContext context;
  /** Files made so far in each partition directory (relative path), to name the next one. */
  private final Map<String, Integer> filesPerPartition = new HashMap<>();
  private final List<Path> written = new ArrayList<>();
  /** Rows and files per partition directory, for the job summary's partition log. */
  private final Map<String, PartitionLog.Entry> partitionRows = new TreeMap<>();
  private final boolean logPartitions;

  /** The open files by partition directory, least recently written first. */
  private final LinkedHashMap<String, OpenFile> open = new LinkedHashMap<>(16, 0.75f, true);

  private String currentRelative;
  private OpenFile current;
  private int maxOpen = 1;
  private int peakOpen;
  private long rows;
  private long maxFileRows = Long.MAX_VALUE;
  private long maxFileBytes = Long.MAX_VALUE;
  private int[] slice = new int[0];
  private boolean closed;

  /**
   * @param conf configuration for the file system and format options
   * @param workDir directory all output goes under
   * @param fileName name of the file in each partition directory, e.g. {@code part-r-00000.parquet}
   * @param format file format
   * @param fileColumns columns of the rows written to files (partition columns excluded), in
   *     the order of the batches' column vectors
   * @param partitionColumnNames partition columns, in directory order (may be empty)
   * @param context task context whose {@link OutputCounters} are counted, or null
   */
  public PartitionedBatchWriter(Configuration conf, Path workDir, String fileName,
      OutputFormatDescriptor format, List<Column> fileColumns, List<String> partitionColumnNames,
      TaskAttemptContext context) {
    if (fileName.isEmpty() || fileName.contains("/") || fileName.contains(":")
        || fileName.startsWith(".") || fileName.startsWith("_")) {
      throw new IllegalArgumentException("not a plain, visible file name: '" + fileName + "'");
    }
    this.conf = conf;
    this.workDir = workDir;
    this.workPath = directoryPath(workDir);
    this.fileName = fileName;
    this.format = format;
    this.fileColumns = List.copyOf(fileColumns);
    this.partitionColumns = partitionColumnNames.toArray(new String[0]);
    this.context = context;
    this.logPartitions = conf.getBoolean(LakemrConfig.OUTPUT_PARTITION_LOG, LakemrConfig.OUTPUT_PARTITION_LOG_DEFAULT);
  }

  /**
   * Begins the partition with these raw (unescaped) values, one per partition column; null
   * is allowed. Closes the previous partition's file (with more files allowed open, keeps it
   * open, and goes on in this partition's file if it is open). Starting the partition that is
   * already current does nothing.
   */
  public void startPartition(String[] values) throws IOException {
    String relative = relativePath(values);
    if (relative.equals(currentRelative)) {
      return;
    }
    if (maxOpen == 1) {
      closeCurrent();
    }
    currentRelative = relative;
    current = open.get(relative);
  }

  private String relativePath(String[] values) throws IOException {
    checkOpen();
    if (values.length != partitionColumns.length) {
      throw new IllegalArgumentException("got " + values.length + " partition values for "
          + partitionColumns.length + " partition columns");
    }
    StringBuilder rel = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      String name = HivePaths.directoryName(partitionColumns[i], values[i]);
      if (name.contains("/") || name.equals(".") || name.equals("..")) {
        throw new IllegalStateException("escaped partition directory '" + name + "' is unsafe");
      }
      rel.append(name).append('/');
    }
    return rel.toString();
  }

  /**
   * Lets up to {@code n} files be open at once, one per partition, closing the least recently
   * written when another is needed; 1 (the default) closes a partition's file when the next
   * partition starts.
   */
  public void setMaxOpenFiles(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("at least one open file is needed, got " + n);
    }
    this.maxOpen = n;
  }

  /**
   * Limits each file: once it holds {@code maxRows} rows, or at least {@code maxBytes} bytes
   * ({@link BatchWriter#bytesWritten}, checked after each write), the following rows go to a
   * further file of the same partition. 0 means no limit.
   */
  public void setFileLimits(long maxBytes, long maxRows) {
    this.maxFileBytes = maxBytes > 0 ? maxBytes : Long.MAX_VALUE;
    this.maxFileRows = maxRows > 0 ? maxRows : Long.MAX_VALUE;
  }

  /**
   * Writes the batch's selected rows to the current partition's file, going on in a further
   * file whenever one reaches a file limit.
   */
  public void write(VectorizedRowBatch batch) throws IOException {
    checkOpen();
    if (currentRelative == null) {
      throw new IllegalStateException("write before startPartition");
    }
    if (batch.size == 0) {
      return;
    }
    if (current != null && (current.writer().rowsWritten() >= maxFileRows
        || (maxFileBytes != Long.MAX_VALUE && current.writer().bytesWritten() >= maxFileBytes))) {
      closeCurrent();
    }
    if (current == null) {
      openCurrent();
    } else {
      open.get(currentRelative); // the most recently written now
    }
    long room = maxFileRows - current.writer().rowsWritten();
    if (batch.size > room) {
      writeInSlices(batch, (int) room);
      return;
    }
    writeToCurrent(batch);
  }

  /** Writes a batch with more rows than the current file has room for, {@code room} rows first. */
  private void writeInSlices(VectorizedRowBatch batch, int room) throws IOException {
    int size = batch.size;
    int[] selected = batch.selected;
    boolean selectedInUse = batch.selectedInUse;
    if (slice.length < size) {
      slice = new int[size];
    }
    try {
      batch.selected = slice;
      batch.selectedInUse = true;
      int done = 0;
      int n = room;
      while (done < size) {
        for (int j = 0; j < n; j++) {
          slice[j] = selectedInUse ? selected[done + j] : done + j;
        }
        batch.size = n;
        write(batch);
        done += n;
        n = (int) Math.min(size - done, maxFileRows);
      }
    } finally {
      batch.selected = selected;
      batch.selectedInUse = selectedInUse;
      batch.size = size;
    }
  }

  private void writeToCurrent(VectorizedRowBatch batch) throws IOException {
    try {
      current.writer().write(batch);
    } catch (IOException e) {
      throw new IOException("cannot write to " + current.path() + ": " + e.getMessage(), e);
    }
    rows += batch.size;
    partitionRows.merge(currentRelative, new PartitionLog.Entry(batch.size, 0), PartitionLog.Entry::plus);
    if (context != null) {
      context.getCounter(OutputCounters.ROWS_WRITTEN).increment(batch.size);
    }
  }

  private void openCurrent() throws IOException {
    if (open.size() >= maxOpen) {
      closeLeastRecent();
    }
    Integer before = filesPerPartition.get(currentRelative);
    int seq = before == null ? 0 : before;
    String name = seq == 0 ? fileName : sequel(fileName, seq);
    Path file = new Path(workDir, currentRelative + name);
    String filePath = file.toUri().normalize().getPath();
    String expected = workPath + currentRelative + name;
    if (!filePath.equals(expected) || !filePath.startsWith(workPath)) {
      throw new IllegalStateException("output file " + file + " would not lie under " + workDir);
    }
    current = new OpenFile(format.open(conf, file, fileColumns), file);
    open.put(currentRelative, current);
    if (open.size() > peakOpen) {
      peakOpen = open.size();
      count(OutputCounters.OPEN_FILES_PEAK);
    }
    filesPerPartition.put(currentRelative, seq + 1);
    partitionRows.merge(currentRelative, new PartitionLog.Entry(0, 1), PartitionLog.Entry::plus);
    written.add(file);
    if (context != null) {
      context.getCounter(OutputCounters.FILES_WRITTEN).increment(1);
      if (seq == 0) {
        context.getCounter(OutputCounters.PARTITIONS_WRITTEN).increment(1);
      }
    }
  }

  /** {@code part-r-00000.parquet} with sequence 2 is {@code part-r-00000-2.parquet}. */
  static String sequel(String fileName, int seq) {
    int dot = fileName.lastIndexOf('.');
    return dot <= 0 ? fileName + "-" + seq
        : fileName.substring(0, dot) + "-" + seq + fileName.substring(dot);
  }

  private void count(OutputCounters counter) {
    if (context != null) {
      context.getCounter(counter).increment(1);
    }
  }

  private void closeCurrent() throws IOException {
    OpenFile f = current;
    current = null;
    if (f != null) {
      open.remove(currentRelative);
      finish(f);
    }
  }

  /** Closes the file written least recently to make room for another. */
  private void closeLeastRecent() throws IOException {
    Iterator<Map.Entry<String, OpenFile>> it = open.entrySet().iterator();
    OpenFile f = it.next().getValue();
    it.remove();
    if (f == current) {
      current = null;
    }
    count(OutputCounters.FILES_CLOSED_EARLY);
    finish(f);
  }

  private static void finish(OpenFile f) throws IOException {
    try {
      f.writer().close();
    } catch (IOException e) {
      throw new IOException("cannot finish " + f.path() + ": " + e.getMessage(), e);
    }
  }

  /** Closes every open file, trying all of them, and throws the first failure with the others suppressed. */
  private void closeAll() throws IOException {
    current = null;
    IOException failure = null;
    for (OpenFile f : open.values()) {
      try {
        finish(f);
      } catch (IOException | RuntimeException e) {
        IOException io = e instanceof IOException x ? x : new IOException(e.getMessage(), e);
        if (failure == null) {
          failure = io;
        } else {
          failure.addSuppressed(io);
        }
      }
    }
    open.clear();
    if (failure != null) {
      throw failure;
    }
  }

  /** Rows written so far, in all partitions. */
  public long rowsWritten() {
    return rows;
  }

  /** The files created so far, in the order they were created. */
  public List<Path> filesWritten() {
    return Collections.unmodifiableList(written);
  }

  /** Number of partition directories written into so far. */
  public int partitionsWritten() {
    return filesPerPartition.size();
  }

  /** Files open right now: at most {@link #setMaxOpenFiles} (1 unless set). */
  public int openFiles() {
    return open.size();
  }

  /** The most files that were open at once so far. */
  public int peakOpenFiles() {
    return peakOpen;
  }

  /** Closes the open file, if any. Closing twice does nothing. */
  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    closeAll();
    if (logPartitions && !partitionRows.isEmpty()) {
      PartitionLog.write(conf, workDir, fileName, partitionRows);
    }
  }

  /** Rows written so far in each partition directory (relative path, e.g. {@code date=2024-01-01/}). */
  public Map<String, Long> rowsPerPartition() {
    Map<String, Long> out = new TreeMap<>();
    partitionRows.forEach((k, v) -> out.put(k, v.rows()));
    return out;
  }

  private void checkOpen() throws IOException {
    if (closed) {
      throw new IOException("partitioned writer under " + workDir + " is closed");
    }
  }

  /** An open file and its path, for messages. */
  private record OpenFile(BatchWriter writer, Path path) {
  }

  private static String directoryPath(Path dir) {
    String p = dir.toUri().normalize().getPath();
    return p.endsWith("/") ? p : p + "/";
  }

  /**
   * The text a partition column's value is written as in a directory name (before escaping),
   * or null for a null value.
   *
   * <ul>
   *   <li>int, long: decimal; boolean: {@code true}/{@code false}.</li>
   *   <li>double: {@link Double#toString(double)}, so an integral double is {@code 1.0}, as
   *       Hive and Spark write double partition values; float: {@link Float#toString(float)}.</li>
   *   <li>date: {@code yyyy-MM-dd}; timestamp: {@code yyyy-MM-dd HH:mm:ss.SSS} in UTC.</li>
   *   <li>string: as it is; bytes: standard base64.</li>
   * </ul>
   *
   * @param row index into the vector (not into the selection)
   */
  public static String render(ColumnType type, ColumnVector vector, int row) {
    int i = vector.isRepeating ? 0 : row;
    if (!vector.noNulls && vector.isNull[i]) {
      return null;
    }
    StringBuilder sb;
    switch (type) {
      case BOOLEAN:
        return ((LongColumnVector) vector).vector[i] != 0 ? "true" : "false";
      case INT:
      case LONG:
        return Long.toString(((LongColumnVector) vector).vector[i]);
      case FLOAT:
        return Float.toString((float) ((DoubleColumnVector) vector).vector[i]);
      case DOUBLE:
        return Double.toString(((DoubleColumnVector) vector).vector[i]);
      case DATE:
        sb = new StringBuilder(10);
        ValueText.appendDate(sb, ((LongColumnVector) vector).vector[i]);
        return sb.toString();
      case TIMESTAMP:
        sb = new StringBuilder(23);
        ValueText.appendTimestamp(sb, ((LongColumnVector) vector).vector[i], ' ', false);
        return sb.toString();
      case STRING: {
        BytesColumnVector b = (BytesColumnVector) vector;
        return new String(b.vector[i], b.start[i], b.length[i], StandardCharsets.UTF_8);
      }
      case BYTES: {
        BytesColumnVector b = (BytesColumnVector) vector;
        byte[] raw = new byte[b.length[i]];
        System.arraycopy(b.vector[i], b.start[i], raw, 0, raw.length);
        return Base64.getEncoder().encodeToString(raw);
      }
      default:
        throw new AssertionError(type);
    }
  }
}
