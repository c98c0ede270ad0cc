package io.lakemr.formats.hdf5;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.jhdf.api.DatasetCreationOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.BlockLocation;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading a table as several row ranges gives every row exactly once, in order. */
class Hdf5RangeReadTest {

  private static final int CHUNK = 65_536;
  private static final int ROWS = 1_000_003;

  @ParameterizedTest(name = "{0} {1} {2}")
  @CsvSource({
      "compound.h5, /table, rows",
      "shapes.h5, /matrix, rows",
      "shapes.h5, /cube, rows",
      "shapes.h5, /cube, cells",
      "latest.h5, /earray, rows",
      "latest.h5, /btree2, rows",
      "fill.h5, /sparse, rows",
      "columns.h5, /cols/a, rows",
      "layouts.h5, /contig, rows",
      "layouts.h5, /compact, rows",
      "filters.h5, /lzf_incompressible, rows"})
  void plannedRangesReadEveryRowOnce(String file, String dataset, String layout) throws IOException {
    try (HdfFile hdf = Hdf5Fixtures.open(file)) {
      Hdf5TableMapping m = Hdf5TableMapping.resolve(hdf, file,
          new Hdf5ReadOptions(dataset, List.of(), layout.equals("cells")));
      List<String> whole = read(hdf, m, 0, m.rowCount());
      assertEquals(m.rowCount(), whole.size());
      // small splits: one chunk row (or a few contiguous rows) each
      List<Hdf5RowRange> splits = Hdf5SplitPlanner.plan(Hdf5SplitPlanner.Input.of(m), new BlockLocation[0],
          1024, 1, 1024);
      assertTrue(splits.size() > 1 || m.records() * m.bytesPerRecord() <= 1024, splits.toString());
      List<String> pieces = new ArrayList<>();
      for (Hdf5RowRange s : splits) {
        if (m.chunkRecords() > 0) {
          assertEquals(0, s.firstRecord() % m.chunkRecords(), "chunk-aligned " + s);
        }
        pieces.addAll(read(hdf, m, s.firstRow(), s.lastRow()));
      }
      assertEquals(whole, pieces);
      // ranges that cut chunks are still right
      long third = m.rowCount() / 3;
      List<String> cut = new ArrayList<>(read(hdf, m, 0, third));
      cut.addAll(read(hdf, m, third, m.rowCount()));
      assertEquals(whole, cut);
    }
  }

  @Test
  void millionRowsChunkedBy65536SplitOnChunkBoundaries(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("big.h5");
    long[] values = new long[ROWS];
    for (int i = 0; i < ROWS; i++) {
      values[i] = i;
    }
    try (WritableHdfFile w = HdfFile.write(file)) {
      w.putDataset("big", values, DatasetCreationOptions.builder().chunkDimensions(CHUNK).deflate().build());
    }
    FileSystem fs = Hdf5Fixtures.localFs();
    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(file.toUri());
    FileStatus status = fs.getFileStatus(p);
    try (HdfFile hdf = Hdf5Files.open(fs, p)) {
      Hdf5TableMapping m = Hdf5TableMapping.resolve(hdf, p.toString(), Hdf5ReadOptions.defaults());
      assertEquals(ROWS, m.rowCount());
      assertEquals(CHUNK, m.chunkRecords());
      Hdf5SplitPlanner.Input in = Hdf5SplitPlanner.Input.of(m);
      assertEquals(16, in.extents().size(), "one extent per chunk, from the chunk index");
      BlockLocation[] blocks = fs.getFileBlockLocations(status, 0, status.getLen());
      List<Hdf5RowRange> splits = Hdf5SplitPlanner.plan(in, blocks, status.getBlockSize(), 1, 1024 * 1024);
      assertEquals(8, splits.size(), splits.toString());
      long rows = 0;
      long sum = 0;
      long sumSquares = 0;
      for (Hdf5RowRange s : splits) {
        assertEquals(0, s.firstRow() % CHUNK, "split starts on a chunk boundary: " + s);
        try (Hdf5BatchReader r = new Hdf5BatchReader(hdf, m, s.firstRow(), s.lastRow(), 1 << 20)) {
          VectorizedRowBatch b = r.createBatch(1024);
          long expect = s.firstRow();
          while (r.next(b)) {
            long[] v = ((LongColumnVector) b.cols[0]).vector;
            for (int i = 0; i < b.size; i++) {
              assertEquals(expect++, v[i]);
              sum += v[i];
              sumSquares += v[i] * v[i];
            }
            rows += b.size;
          }
          assertEquals(s.lastRow(), expect);
        }
      }
      assertEquals(ROWS, rows);
      long n = ROWS;
      assertEquals(n * (n - 1) / 2, sum);
      assertEquals((n - 1) * n * (2 * n - 1) / 6, sumSquares);
    }
  }

  /** Every row of a range as one string of its values. */
  static List<String> read(HdfFile hdf, Hdf5TableMapping m, long first, long last) throws IOException {
    List<String> rows = new ArrayList<>();
    try (Hdf5BatchReader r = new Hdf5BatchReader(hdf, m, first, last, 2048)) {
      VectorizedRowBatch b = r.createBatch(333);
      while (r.next(b)) {
        for (int i = 0; i < b.size; i++) {
          StringBuilder row = new StringBuilder();
          for (ColumnVector v : b.cols) {
            row.append(value(v, i)).append('|');
          }
          rows.add(row.toString());
        }
      }
    }
    return rows;
  }

  private static String value(ColumnVector v, int i) {
    if (v instanceof LongColumnVector) {
      return Long.toString(((LongColumnVector) v).vector[i]);
    }
    if (v instanceof DoubleColumnVector) {
      return Double.toString(((DoubleColumnVector) v).vector[i]);
    }
    BytesColumnVector b = (BytesColumnVector) v;
    return new String(b.vector[i], b.start[i], b.length[i], StandardCharsets.UTF_8);
  }
}
