package io.lakemr.formats.output;

import static io.lakemr.formats.output.TestBatches.setBytes;
import static io.lakemr.formats.output.TestBatches.setDouble;
import static io.lakemr.formats.output.TestBatches.setLong;
import static io.lakemr.formats.output.TestBatches.setString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.Schemas;
import io.lakemr.formats.CountingReporter;
import io.lakemr.formats.HivePaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.StatusReporter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PartitionedBatchWriterTest {

  static final List<Column> FILE_COLUMNS = List.of(new Column("id", ColumnType.LONG));

  static final String[] NASTY = {"a/b", "x=y", "100%", "%2F", "..", "../../etc", "/abs/path",
      "c:\\win", "it's", "say \"q\"", "#hash", "what?", "back\\slash", "new\nline", "tab\there",
      "h\u00e9llo \u65e5\u672c \uD83D\uDE00", null, "", ".", "*", "[x]", "^", "{", "\u007f", " ",
      "file:///etc/passwd", "hdfs://nn:8020/x", "a\rb", "\u0000", "~"};

  @TempDir
  java.nio.file.Path tmp;

  private final Counters counters = new Counters();

  private TaskAttemptContext context(Configuration conf) {
    StatusReporter reporter = new CountingReporter(counters);
    return new TaskAttemptContextImpl(conf, TaskAttemptID.forName("attempt_1_0001_r_000000_0"),
        reporter);
  }

  private static VectorizedRowBatch oneRow(long id) {
    VectorizedRowBatch b = Schemas.newBatch(FILE_COLUMNS, 1);
    setLong(b, 0, 0, id);
    b.size = 1;
    return b;
  }

  private static long footerRows(Configuration conf, Path file) throws IOException {
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
      return r.getRecordCount();
    }
  }

  @Test
  void nastyValuesStayOneDirectoryEachUnderTheWorkDirectory() throws IOException {
    Configuration conf = new Configuration();
    java.nio.file.Path work = tmp.resolve("out/_temporary/0/_temporary/attempt");
    Files.createDirectories(work);
    Path workDir = new Path(work.toUri());
    List<Path> files;
    try (PartitionedBatchWriter w = new PartitionedBatchWriter(conf, workDir,
        "part-r-00000.parquet", OutputFormats.PARQUET, FILE_COLUMNS,
        List.of("p/col", "k"), context(conf))) {
      for (int i = 0; i < NASTY.length; i++) {
        w.startPartition(new String[] {NASTY[i], NASTY[(i + 1) % NASTY.length]});
        assertEquals(0, w.openFiles());
        w.write(oneRow(i));
        assertEquals(1, w.openFiles());
        if (i > 0) {
          // the previous partition's file is finished: its footer reads
          List<Path> sofar = w.filesWritten();
          assertEquals(1, footerRows(conf, sofar.get(sofar.size() - 2)));
        }
      }
      files = new ArrayList<>(w.filesWritten());
      assertEquals(NASTY.length, w.partitionsWritten());
    }
    assertEquals(NASTY.length, files.size());
    assertEquals(NASTY.length, counters.findCounter(OutputCounters.FILES_WRITTEN).getValue());
    assertEquals(NASTY.length, counters.findCounter(OutputCounters.PARTITIONS_WRITTEN).getValue());
    assertEquals(NASTY.length, counters.findCounter(OutputCounters.ROWS_WRITTEN).getValue());

    java.nio.file.Path realWork = work.toRealPath();
    for (int i = 0; i < NASTY.length; i++) {
      java.nio.file.Path f = java.nio.file.Path.of(files.get(i).toUri()).normalize();
      assertTrue(f.startsWith(realWork), f.toString());
      assertEquals(3, realWork.relativize(f).getNameCount(), f.toString());
      assertEquals("part-r-00000.parquet", f.getFileName().toString());
      String second = f.getParent().getFileName().toString();
      String first = f.getParent().getParent().getFileName().toString();
      assertEquals(HivePaths.directoryName("p/col", NASTY[i]), first);
      assertEquals(HivePaths.directoryName("k", NASTY[(i + 1) % NASTY.length]), second);
      assertEquals("p%2Fcol", first.substring(0, first.indexOf('=')));
      String raw = NASTY[i];
      String back = HivePaths.unescape(first.substring(first.indexOf('=') + 1));
      assertEquals(raw == null || raw.isEmpty() ? null : raw, back, "value " + i);
      assertEquals(1, footerRows(conf, files.get(i)));
    }
    // nothing anywhere but under the work directory
    try (Stream<java.nio.file.Path> all = Files.walk(tmp)) {
      List<java.nio.file.Path> strays = all.filter(Files::isRegularFile)
          .filter(p -> !p.toAbsolutePath().normalize().startsWith(work.toAbsolutePath()))
          .collect(Collectors.toList());
      assertEquals(List.of(), strays);
    }
    // and the directory names are the ones Hive would write
    assertTrue(files.stream().anyMatch(p -> p.getParent().getParent().getName().equals("p%2Fcol=a%2Fb")));
    assertTrue(files.stream().anyMatch(p -> p.getParent().getParent().getName().equals("p%2Fcol=..")));
    assertTrue(files.stream().anyMatch(p -> p.getParent().getParent().getName().equals("p%2Fcol=100%25")));
    assertTrue(files.stream().anyMatch(p -> p.getParent().getParent().getName().equals("p%2Fcol=new%0Aline")));
    assertTrue(files.stream().anyMatch(p -> p.getParent().getParent().getName()
        .equals("p%2Fcol=" + HivePaths.DEFAULT_PARTITION_NAME)));
  }

  @Test
  void nullAndEmptyShareTheDefaultPartition() throws IOException {
    Configuration conf = new Configuration();
    Path workDir = new Path(tmp.toUri());
    try (PartitionedBatchWriter w = new PartitionedBatchWriter(conf, workDir, "part-m-00001.csv",
        OutputFormats.CSV, FILE_COLUMNS, List.of("p"), null)) {
      w.startPartition(new String[] {null});
      w.write(oneRow(1));
      w.startPartition(new String[] {""}); // the same directory: the same file goes on
      assertEquals(1, w.openFiles());
      w.write(oneRow(2));
      assertEquals(List.of(new Path(workDir, "p=__HIVE_DEFAULT_PARTITION__/part-m-00001.csv")),
          w.filesWritten());
    }
    assertEquals("id\r\n1\r\n2\r\n", Files.readString(
        tmp.resolve("p=__HIVE_DEFAULT_PARTITION__/part-m-00001.csv")));
  }

  @Test
  void revisitedPartitionGetsAFurtherFileAndEmptyPartitionsNone() throws IOException {
    Configuration conf = new Configuration();
    Path workDir = new Path(tmp.toUri());
    try (PartitionedBatchWriter w = new PartitionedBatchWriter(conf, workDir,
        "part-r-00000.parquet", OutputFormats.PARQUET, FILE_COLUMNS, List.of("p"),
        context(conf))) {
      w.startPartition(new String[] {"a"});
      w.write(oneRow(1));
      w.startPartition(new String[] {"a"}); // same partition: same file stays open
      w.write(oneRow(2));
      w.startPartition(new String[] {"empty"});
      VectorizedRowBatch none = oneRow(0);
      none.size = 0;
      w.write(none);
      w.startPartition(new String[] {"b"});
      w.write(oneRow(3));
      w.startPartition(new String[] {"a"});
      w.write(oneRow(4));
      assertEquals(4, w.rowsWritten());
      assertEquals(2, w.partitionsWritten());
      assertEquals(List.of("p=a/part-r-00000.parquet", "p=b/part-r-00000.parquet",
          "p=a/part-r-00000-1.parquet"), w.filesWritten().stream()
          .map(p -> p.getParent().getName() + "/" + p.getName()).collect(Collectors.toList()));
      assertEquals(2, footerRows(conf, w.filesWritten().get(0)));
    }
    assertFalse(Files.exists(tmp.resolve("p=empty")));
    assertEquals(3, counters.findCounter(OutputCounters.FILES_WRITTEN).getValue());
    assertEquals(2, counters.findCounter(OutputCounters.PARTITIONS_WRITTEN).getValue());
    assertEquals(4, counters.findCounter(OutputCounters.ROWS_WRITTEN).getValue());
  }

  @Test
  void unpartitionedWritesStraightIntoTheWorkDirectory() throws IOException {
    Configuration conf = new Configuration();
    Path workDir = new Path(tmp.toUri());
    try (PartitionedBatchWriter w = new PartitionedBatchWriter(conf, workDir,
        "part-m-00003.parquet", OutputFormats.PARQUET, FILE_COLUMNS, List.of(), null)) {
      w.startPartition(new String[0]);
      w.write(oneRow(1));
      w.write(oneRow(2));
    }
    assertEquals(2, footerRows(conf, new Path(workDir, "part-m-00003.parquet")));
  }

  @Test
  void rejectsMisuse() throws IOException {
    Configuration conf = new Configuration();
    Path workDir = new Path(tmp.toUri());
    for (String bad : new String[] {"", "../x.parquet", "a/b.parquet", "_hidden", ".hidden", "s3a:x"}) {
      assertThrows(IllegalArgumentException.class, () -> new PartitionedBatchWriter(conf, workDir,
          bad, OutputFormats.CSV, FILE_COLUMNS, List.of("p"), null), bad);
    }
    PartitionedBatchWriter w = new PartitionedBatchWriter(conf, workDir, "part-m-00000.csv",
        OutputFormats.CSV, FILE_COLUMNS, List.of("p"), null);
    assertThrows(IllegalStateException.class, () -> w.write(oneRow(1)));
    assertThrows(IllegalArgumentException.class, () -> w.startPartition(new String[] {"a", "b"}));
    w.close();
    assertThrows(IOException.class, () -> w.startPartition(new String[] {"a"}));
  }

  @Test
  void rendersPartitionValues() {
    List<Column> cols = List.of(new Column("b", ColumnType.BOOLEAN), new Column("i", ColumnType.INT),
        new Column("d", ColumnType.DOUBLE), new Column("f", ColumnType.FLOAT),
        new Column("dt", ColumnType.DATE), new Column("ts", ColumnType.TIMESTAMP),
        new Column("s", ColumnType.STRING), new Column("by", ColumnType.BYTES));
    VectorizedRowBatch b = Schemas.newBatch(cols, 3);
    setLong(b, 0, 0, 1L);
    setLong(b, 0, 1, 0L);
    setLong(b, 0, 2, null);
    setLong(b, 1, 0, -42L);
    setDouble(b, 2, 0, 3.0);
    setDouble(b, 2, 1, 0.1);
    setDouble(b, 2, 2, Double.NaN);
    setDouble(b, 3, 0, (double) 0.1f);
    setLong(b, 4, 0, 20454L);
    setLong(b, 4, 1, -1L);
    setLong(b, 5, 0, 1_767_225_600_123L);
    setLong(b, 5, 1, -1L);
    setString(b, 6, 0, "a/b \u65e5");
    setString(b, 6, 1, "");
    setBytes(b, 7, 0, new byte[] {0, (byte) 0xFF, 'x'});
    ColumnVector[] v = b.cols;
    assertEquals("true", PartitionedBatchWriter.render(ColumnType.BOOLEAN, v[0], 0));
    assertEquals("false", PartitionedBatchWriter.render(ColumnType.BOOLEAN, v[0], 1));
    assertNull(PartitionedBatchWriter.render(ColumnType.BOOLEAN, v[0], 2));
    assertEquals("-42", PartitionedBatchWriter.render(ColumnType.INT, v[1], 0));
    assertEquals("3.0", PartitionedBatchWriter.render(ColumnType.DOUBLE, v[2], 0));
    assertEquals("0.1", PartitionedBatchWriter.render(ColumnType.DOUBLE, v[2], 1));
    assertEquals("NaN", PartitionedBatchWriter.render(ColumnType.DOUBLE, v[2], 2));
    assertEquals("0.1", PartitionedBatchWriter.render(ColumnType.FLOAT, v[3], 0));
    assertEquals("2026-01-01", PartitionedBatchWriter.render(ColumnType.DATE, v[4], 0));
    assertEquals("1969-12-31", PartitionedBatchWriter.render(ColumnType.DATE, v[4], 1));
    assertEquals("2026-01-01 00:00:00.123", PartitionedBatchWriter.render(ColumnType.TIMESTAMP, v[5], 0));
    assertEquals("1969-12-31 23:59:59.999", PartitionedBatchWriter.render(ColumnType.TIMESTAMP, v[5], 1));
    assertEquals("a/b \u65e5", PartitionedBatchWriter.render(ColumnType.STRING, v[6], 0));
    assertEquals("", PartitionedBatchWriter.render(ColumnType.STRING, v[6], 1));
    assertEquals("AP94", PartitionedBatchWriter.render(ColumnType.BYTES, v[7], 0));
    v[1].isRepeating = true;
    assertEquals("-42", PartitionedBatchWriter.render(ColumnType.INT, v[1], 2));
  }

  @Test
  void sequelNames() {
    assertEquals("part-r-00000-2.parquet", PartitionedBatchWriter.sequel("part-r-00000.parquet", 2));
    assertEquals("part-1", PartitionedBatchWriter.sequel("part", 1));
    Set<String> names = new HashSet<>(Arrays.asList(NASTY));
    assertTrue(names.size() > 20);
  }

  /** Rows 0..n-1 of a batch, with only the odd ids selected when {@code oddOnly}. */
  private static VectorizedRowBatch ids(long first, int n, boolean oddOnly) {
    VectorizedRowBatch b = Schemas.newBatch(FILE_COLUMNS, n);
    for (int i = 0; i < n; i++) {
      setLong(b, 0, i, first + i);
    }
    b.size = n;
    if (oddOnly) {
      int k = 0;
      for (int i = 0; i < n; i++) {
        if ((first + i) % 2 == 1) {
          b.selected[k++] = i;
        }
      }
      b.size = k;
      b.selectedInUse = true;
    }
    return b;
  }

  @Test
  void rowLimitSplitsBatchesAcrossFilesAndLeavesTheBatchAsItWas() throws IOException {
    Configuration conf = new Configuration();
    Path workDir = new Path(tmp.resolve("rolled").toUri());
    List<Path> files;
    try (PartitionedBatchWriter w = new PartitionedBatchWriter(conf, workDir, "part-m-00000.csv", OutputFormats.CSV,
        FILE_COLUMNS, List.of(), context(conf))) {
      w.setFileLimits(0, 7);
      w.startPartition(new String[0]);
      VectorizedRowBatch odd = ids(0, 40, true);
      int[] selected = odd.selected;
      w.write(odd); // 20 rows: 7 + 7 + 6
      assertEquals(20, odd.size);
      assertTrue(odd.selectedInUse);
      assertTrue(selected == odd.selected);
      w.write(ids(100, 10, false)); // 1 more in the third file, then 7 + 2
      files = new ArrayList<>(w.filesWritten());
    }
    List<List<String>> contents = new ArrayList<>();
    for (Path f : files) {
      List<String> lines = Files.readAllLines(Paths.get(f.toUri()));
      contents.add(lines.subList(1, lines.size()));
    }
    assertEquals(List.of("part-m-00000.csv", "part-m-00000-1.csv", "part-m-00000-2.csv", "part-m-00000-3.csv",
        "part-m-00000-4.csv"), files.stream().map(Path::getName).toList());
    List<String> all = contents.stream().flatMap(List::stream).toList();
    List<String> want = new ArrayList<>();
    for (long i = 1; i < 40; i += 2) {
      want.add(Long.toString(i));
    }
    for (long i = 100; i < 110; i++) {
      want.add(Long.toString(i));
    }
    assertEquals(want, all);
    assertEquals(List.of(7, 7, 7, 7, 2), contents.stream().map(List::size).toList());
  }

  @Test
  void byteLimitStartsAFurtherFileOnceOneIsFull() throws IOException {
    Configuration conf = new Configuration();
    Path workDir = new Path(tmp.resolve("sized").toUri());
    List<Path> files;
    try (PartitionedBatchWriter w = new PartitionedBatchWriter(conf, workDir, "part-m-00000.csv", OutputFormats.CSV,
        FILE_COLUMNS, List.of(), context(conf))) {
      w.setFileLimits(100, 0);
      w.startPartition(new String[0]);
      for (int b = 0; b < 10; b++) {
        w.write(ids(1_000_000L * (b + 1), 10, false)); // 10 lines of 9 bytes
      }
      files = new ArrayList<>(w.filesWritten());
    }
    assertEquals(5, files.size(), files.toString()); // header (4 bytes) + 2 batches passes 100 bytes
    for (Path f : files) {
      long size = Files.size(Paths.get(f.toUri()));
      assertTrue(size >= 100 && size < 200, f + ": " + size);
    }
  }

  @Test
  void withTwoFilesOpenAPartitionStartedAgainGoesOnInItsFileUntilTheLeastRecentIsClosed() throws IOException {
    Configuration conf = new Configuration();
    Path workDir = new Path(Files.createDirectories(tmp.resolve("lru")).toUri());
    List<String> names = new ArrayList<>();
    try (PartitionedBatchWriter w = new PartitionedBatchWriter(conf, workDir, "part-m-00000.parquet",
        OutputFormats.PARQUET, FILE_COLUMNS, List.of("p"), context(conf))) {
      w.setMaxOpenFiles(2);
      // a, b, a: both stay open; c closes b (written least recently); b again closes a
      String[] order = {"a", "b", "a", "c", "a", "b"};
      for (int i = 0; i < order.length; i++) {
        w.startPartition(new String[] {order[i]});
        w.write(oneRow(i));
        assertTrue(w.openFiles() <= 2, "open files " + w.openFiles());
      }
      assertEquals(2, w.peakOpenFiles());
      w.filesWritten().forEach(f -> names.add(f.getParent().getName() + "/" + f.getName()));
    }
    assertEquals(List.of("p=a/part-m-00000.parquet", "p=b/part-m-00000.parquet", "p=c/part-m-00000.parquet",
        "p=b/part-m-00000-1.parquet"), names);
    assertEquals(2, counters.findCounter(OutputCounters.FILES_CLOSED_EARLY).getValue());
    assertEquals(2, counters.findCounter(OutputCounters.OPEN_FILES_PEAK).getValue());
    assertEquals(3, footerRows(conf, new Path(workDir, "p=a/part-m-00000.parquet")));
    assertEquals(1, footerRows(conf, new Path(workDir, "p=b/part-m-00000-1.parquet")));
  }
}
