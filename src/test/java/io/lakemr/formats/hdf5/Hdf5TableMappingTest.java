package io.lakemr.formats.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.lakemr.conf.BadInputException;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

/** Column names, types and layouts lakemr gives HDF5 datasets, and the errors it gives. */
class Hdf5TableMappingTest {

  private static Hdf5TableMapping map(HdfFile f, String name, String dataset, List<String> columns, boolean cells) {
    return Hdf5TableMapping.resolve(f, name, new Hdf5ReadOptions(dataset, columns, cells));
  }

  private static String columns(Hdf5TableMapping m) {
    return m.schema().columns().stream().map(Column::toString).collect(Collectors.joining(", "));
  }

  @Test
  void compoundFieldsAreFlattened() throws IOException {
    try (HdfFile f = Hdf5Fixtures.open("compound.h5")) {
      Hdf5TableMapping m = map(f, "compound.h5", "/table", List.of(), false);
      assertEquals(Hdf5Layout.COMPOUND, m.layout());
      assertEquals("station string, status string, note string, city string, value double, count int, "
          + "vec_0 float, vec_1 float, vec_2 float, pos_x double, pos_y int, flag boolean", columns(m));
      assertEquals(List.of("/table"), m.datasetPaths());
      assertEquals(1000, m.chunkRecords());
      assertEquals(List.of("shuffle", "deflate"), m.filters());
    }
  }

  @Test
  void integerWidthsMapToIntOrLong() throws IOException {
    try (HdfFile f = Hdf5Fixtures.open("types.h5")) {
      String[][] expect = {{"/int8le", "int"}, {"/uint8be", "int"}, {"/int16be", "int"}, {"/uint16le", "int"},
          {"/int32le", "int"}, {"/uint32be", "long"}, {"/int64be", "long"}, {"/uint64le", "long"},
          {"/float32be", "float"}, {"/float64le", "double"}, {"/enum", "string"}, {"/bool", "boolean"},
          {"/fixed_strings", "string"}, {"/vlen_strings", "string"}};
      for (String[] e : expect) {
        Hdf5TableMapping m = map(f, "types.h5", e[0], List.of(), false);
        assertEquals(Hdf5Layout.SERIES, m.layout());
        assertEquals(e[0].substring(1) + " " + e[1], columns(m), e[0]);
      }
    }
  }

  @Test
  void arraysMapByRank() throws IOException {
    try (HdfFile f = Hdf5Fixtures.open("shapes.h5")) {
      Hdf5TableMapping matrix = map(f, "shapes.h5", "/matrix", List.of(), false);
      assertEquals(Hdf5Layout.MATRIX, matrix.layout());
      assertEquals("matrix_0 int, matrix_1 int, matrix_2 int, matrix_3 int, matrix_4 int", columns(matrix));
      Hdf5TableMapping cube = map(f, "shapes.h5", "/cube", List.of(), false);
      assertEquals(Hdf5Layout.ROWS, cube.layout());
      assertEquals(120, cube.rowCount());
      assertEquals(6, cube.rowsPerRecord());
      Hdf5TableMapping cells = map(f, "shapes.h5", "/cube", List.of(), true);
      assertEquals(Hdf5Layout.CELLS, cells.layout());
      assertEquals("i0 long, i1 long, i2 long, cube float", columns(cells));
      assertEquals(480, cells.rowCount());
      Hdf5TableMapping leaf = map(f, "shapes.h5", "/nested/deeper/leaf", List.of("leaf"), false);
      assertEquals("leaf int", columns(leaf));
    }
  }

  @Test
  void columnSelectionKeepsTheOrderAsked() throws IOException {
    try (HdfFile f = Hdf5Fixtures.open("columns.h5")) {
      Hdf5TableMapping m = map(f, "columns.h5", "/cols", List.of("c", "a"), false);
      assertEquals(Hdf5Layout.COLUMN_GROUP, m.layout());
      assertEquals("c int, a long", columns(m));
      assertEquals(List.of("/cols/c", "/cols/a"), m.datasetPaths());
      assertEquals(512, m.chunkRecords(), "aligned to the first chunked column");
      assertEquals(9, m.bytesPerRecord());
      BadInputException e = assertThrows(BadInputException.class,
          () -> map(f, "columns.h5", "/cols", List.of("a", "zz"), false));
      assertEquals("columns.h5: group /cols: column zz does not exist; columns: a, b, c, odd", e.getMessage());
      BadInputException cells = assertThrows(BadInputException.class,
          () -> map(f, "columns.h5", "/cols", List.of(), true));
      assertTrue(cells.getMessage().startsWith("columns.h5: group /cols: --layout cells"), cells.getMessage());
    }
  }

  @Test
  void chunkAddressesComeFromTheChunkIndex() throws IOException {
    for (String ds : List.of("/single", "/implicit", "/farray", "/earray", "/btree2")) {
      try (HdfFile f = Hdf5Fixtures.open("latest.h5")) {
        Hdf5TableMapping m = map(f, "latest.h5", ds, List.of(), false);
        List<Hdf5ByteExtent> extents = m.byteExtents();
        long chunks = (m.records() + m.chunkRecords() - 1) / m.chunkRecords();
        assertEquals(chunks, extents.size(), ds);
        for (Hdf5ByteExtent e : extents) {
          assertEquals(0, e.firstRecord() % m.chunkRecords(), ds);
          assertTrue(e.address() > 0 && e.address() + e.length() <= f.size(), ds + " " + e);
        }
      }
    }
  }

  @Test
  void channelFillsBuffersUpToTheEndOfTheFile() throws IOException {
    FileSystem fs = Hdf5Fixtures.localFs();
    Path p = Hdf5Fixtures.path("not_hdf5.h5");
    long len = fs.getFileStatus(p).getLen();
    try (Hdf5Channel ch = new Hdf5Channel(fs.open(p), len)) {
      ByteBuffer all = ByteBuffer.allocate((int) len + 100);
      assertEquals(len, ch.read(all));
      assertEquals(len, ch.position());
      assertEquals(-1, ch.read(ByteBuffer.allocate(10)));
      ch.position(8);
      ByteBuffer direct = ByteBuffer.allocateDirect(5);
      assertEquals(5, ch.read(direct));
      byte[] got = new byte[5];
      direct.flip().get(got);
      assertArrayEquals("value".getBytes(), got);
    }
  }

  @Test
  void typesAreColumnTypes() throws IOException {
    try (HdfFile f = Hdf5Fixtures.open("types.h5")) {
      assertEquals(ColumnType.LONG, map(f, "types.h5", "/uint64_big", List.of(), false).schema().columns().get(0).type());
    }
  }
}
