package io.lakemr.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.Schemas;
import io.lakemr.formats.output.OutputFormats;
import io.lakemr.formats.output.PartitionedBatchWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows gathered by partition under a budget small enough to flush several times, written as
 * CSV through a partitioned writer keeping two files open: every row lands once in its
 * partition's directory; with two partitions their files stay open across flushes (one file
 * each), with three each flush may start further files.
 */
class MapSidePartitionsTest {

  private static final List<Column> ROW = List.of(new Column("id", ColumnType.LONG),
      new Column("p", ColumnType.STRING));
  private static final ConvertPlan PLAN = ConvertPlan.create(ROW, List.of("id"), List.of("p"), List.of());
  private static final int ROWS = 3_000;

  @TempDir
  java.nio.file.Path tmp;

  /** Writes ROWS rows, row i in partition "p" + (i % partitions), in batches of 100; returns the flushes. */
  private long write(java.nio.file.Path dir, int partitions) throws IOException {
    Configuration conf = new Configuration();
    VectorizedRowBatch batch = Schemas.newBatch(ROW, 100);
    long flushes;
    try (PartitionedBatchWriter w = new PartitionedBatchWriter(conf, new Path(dir.toUri()), "part-m-00000.csv",
        OutputFormats.CSV, List.of(ROW.get(0)), List.of("p"), null)) {
      w.setMaxOpenFiles(2);
      MapSidePartitions gathered = new MapSidePartitions(PLAN, w, 4_096);
      ColumnVector[] fileVectors = {batch.cols[0]};
      for (int start = 0; start < ROWS; start += 100) {
        batch.reset();
        for (int r = 0; r < 100; r++) {
          ((LongColumnVector) batch.cols[0]).vector[r] = start + r;
          ((BytesColumnVector) batch.cols[1]).setVal(r, ("p" + (start + r) % partitions).getBytes(StandardCharsets.UTF_8));
        }
        batch.size = 100;
        gathered.add(batch, fileVectors);
        assertTrue(w.openFiles() <= 2);
      }
      gathered.finish();
      flushes = gathered.flushes();
    }
    return flushes;
  }

  /** The ids in each partition directory's files, and the files per directory. */
  private static Map<String, List<Long>> ids(java.nio.file.Path dir, Map<String, Integer> files) throws IOException {
    Map<String, List<Long>> out = new TreeMap<>();
    try (Stream<java.nio.file.Path> s = Files.walk(dir)) {
      for (java.nio.file.Path f : s.filter(x -> x.toString().endsWith(".csv")).toList()) {
        String partition = f.getParent().getFileName().toString();
        files.merge(partition, 1, Integer::sum);
        for (String line : Files.readAllLines(f)) {
          if (!line.equals("id")) {
            out.computeIfAbsent(partition, k -> new ArrayList<>()).add(Long.parseLong(line));
          }
        }
      }
    }
    out.values().forEach(l -> l.sort(null));
    return out;
  }

  private static void assertEveryRowOnceInItsPartition(Map<String, List<Long>> ids, int partitions) {
    assertEquals(partitions, ids.size(), ids.keySet().toString());
    for (int k = 0; k < partitions; k++) {
      List<Long> expected = new ArrayList<>();
      for (long i = k; i < ROWS; i += partitions) {
        expected.add(i);
      }
      assertEquals(expected, ids.get("p=p" + k), "partition p" + k);
    }
  }

  @Test
  void partitionsWithinTheOpenFilesKeepOneFileEachAcrossFlushes() throws IOException {
    java.nio.file.Path dir = tmp.resolve("two");
    long flushes = write(dir, 2);
    assertTrue(flushes > 2, "flushes " + flushes);
    Map<String, Integer> files = new TreeMap<>();
    assertEveryRowOnceInItsPartition(ids(dir, files), 2);
    assertEquals(Map.of("p=p0", 1, "p=p1", 1), files);
  }

  @Test
  void morePartitionsThanOpenFilesGoOnInFurtherFilesAfterAFlush() throws IOException {
    java.nio.file.Path dir = tmp.resolve("three");
    long flushes = write(dir, 3);
    assertTrue(flushes > 2, "flushes " + flushes);
    Map<String, Integer> files = new TreeMap<>();
    assertEveryRowOnceInItsPartition(ids(dir, files), 3);
    assertTrue(files.values().stream().anyMatch(n -> n > 1), files.toString());
  }
}
