package io.lakemr.formats.output;

import static io.lakemr.formats.output.TestBatches.setBytes;
import static io.lakemr.formats.output.TestBatches.setDouble;
import static io.lakemr.formats.output.TestBatches.setLong;
import static io.lakemr.formats.output.TestBatches.setString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.Schemas;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ParquetBatchWriterTest {

  static final List<Column> COLUMNS = List.of(
      new Column("b", ColumnType.BOOLEAN), new Column("i", ColumnType.INT),
      new Column("l", ColumnType.LONG), new Column("f", ColumnType.FLOAT),
      new Column("d", ColumnType.DOUBLE), new Column("s", ColumnType.STRING),
      new Column("by", ColumnType.BYTES), new Column("dt", ColumnType.DATE),
      new Column("ts", ColumnType.TIMESTAMP));

  @TempDir
  java.nio.file.Path tmp;

  /** Rows as the test expects to read them back: Boolean, Integer, Long, Float, Double, String, byte[], Integer days, Long millis. */
  private final List<Object[]> expected = new ArrayList<>();

  private static void fill(VectorizedRowBatch b, int row, Object[] v) {
    setLong(b, 0, row, v[0] == null ? null : ((Boolean) v[0]) ? 1L : 0L);
    setLong(b, 1, row, v[1] == null ? null : ((Integer) v[1]).longValue());
    setLong(b, 2, row, (Long) v[2]);
    setDouble(b, 3, row, v[3] == null ? null : ((Float) v[3]).doubleValue());
    setDouble(b, 4, row, (Double) v[4]);
    setString(b, 5, row, (String) v[5]);
    setBytes(b, 6, row, (byte[]) v[6]);
    setLong(b, 7, row, v[7] == null ? null : ((Integer) v[7]).longValue());
    setLong(b, 8, row, (Long) v[8]);
  }

  /** Batch 1: five rows of which 0, 2 and 4 are selected; s repeats "rep", l repeats null. */
  private VectorizedRowBatch firstBatch() {
    VectorizedRowBatch b = Schemas.newBatch(COLUMNS, 8);
    Object[][] rows = {
        {true, 1, null, 1.5f, 2.25, "x", new byte[] {1, 2}, 20454, 1_767_225_600_123L},
        {false, 2, null, 0f, 0.0, "dropped", new byte[] {9}, 1, 2L},
        {null, Integer.MIN_VALUE, null, null, Double.NaN, "x", null, null, null},
        {true, 4, null, 4f, 4.0, "dropped", new byte[0], 4, 4L},
        {false, Integer.MAX_VALUE, null, Float.NEGATIVE_INFINITY, null, "x", new byte[0], -1, -1L},
    };
    for (int r = 0; r < rows.length; r++) {
      fill(b, r, rows[r]);
    }
    setString(b, 5, 0, "rep");
    b.cols[5].isRepeating = true;
    setLong(b, 2, 0, null);
    b.cols[2].isRepeating = true;
    b.selectedInUse = true;
    b.selected[0] = 0;
    b.selected[1] = 2;
    b.selected[2] = 4;
    b.size = 3;
    for (int r : new int[] {0, 2, 4}) {
      Object[] e = rows[r].clone();
      e[5] = "rep";
      expected.add(e);
    }
    return b;
  }

  private VectorizedRowBatch secondBatch() {
    VectorizedRowBatch b = Schemas.newBatch(COLUMNS, 4);
    Object[][] rows = {
        {true, -7, Long.MIN_VALUE, Float.NaN, -0.0, "h\u00e9llo \u65e5\u672c \uD83D\uDE00", new byte[] {(byte) 0xFF}, 0, 0L},
        {null, null, null, null, null, null, null, null, null},
        {false, 0, Long.MAX_VALUE, 1e-30f, Double.MAX_VALUE, "", new byte[0], -719_528, -62_167_219_200_000L},
    };
    for (int r = 0; r < rows.length; r++) {
      fill(b, r, rows[r]);
      expected.add(rows[r]);
    }
    b.size = rows.length;
    return b;
  }

  private Path write(Configuration conf) throws IOException {
    Path p = new Path(tmp.resolve("t.parquet").toUri());
    try (BatchWriter w = OutputFormats.PARQUET.open(conf, p, COLUMNS)) {
      w.write(firstBatch());
      w.write(secondBatch());
      assertEquals(6, w.rowsWritten());
    }
    return p;
  }

  @Test
  void roundTripsEveryTypeThroughAvroParquetReader() throws IOException {
    Configuration conf = new Configuration();
    Path p = write(conf);
    List<GenericRecord> got = new ArrayList<>();
    try (ParquetReader<GenericRecord> r = AvroParquetReader.<GenericRecord>builder(
        HadoopInputFile.fromPath(p, conf)).withConf(conf).build()) {
      for (GenericRecord rec = r.read(); rec != null; rec = r.read()) {
        got.add(rec);
      }
    }
    assertEquals(expected.size(), got.size());
    assertEquals(Schemas.record(BatchWriteSupport.RECORD_NAME, COLUMNS), got.get(0).getSchema());
    for (int r = 0; r < got.size(); r++) {
      Object[] e = expected.get(r);
      GenericRecord g = got.get(r);
      for (int c = 0; c < COLUMNS.size(); c++) {
        String what = "row " + r + " column " + COLUMNS.get(c).name();
        Object v = g.get(c);
        if (e[c] == null) {
          assertNull(v, what);
        } else if (e[c] instanceof byte[]) {
          ByteBuffer bb = ((ByteBuffer) v).duplicate();
          byte[] a = new byte[bb.remaining()];
          bb.get(a);
          assertArrayEquals((byte[]) e[c], a, what);
        } else if (e[c] instanceof String) {
          assertEquals(e[c], v.toString(), what);
        } else if (v instanceof LocalDate) {
          assertEquals(((Integer) e[c]).longValue(), ((LocalDate) v).toEpochDay(), what);
        } else if (v instanceof Instant) {
          assertEquals(e[c], ((Instant) v).toEpochMilli(), what);
        } else {
          assertEquals(e[c], v, what); // Float/Double equals treats NaN as NaN and -0.0 apart
        }
      }
    }
  }

  @Test
  void footerHasLogicalTypesAvroSchemaAndSnappy() throws IOException {
    Configuration conf = new Configuration();
    Path p = write(conf);
    ParquetMetadata footer;
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(p, conf))) {
      footer = r.getFooter();
    }
    MessageType schema = footer.getFileMetaData().getSchema();
    for (Type t : schema.getFields()) {
      assertEquals(Type.Repetition.OPTIONAL, t.getRepetition(), t.getName());
    }
    assertPrimitive(schema, "b", PrimitiveTypeName.BOOLEAN, null);
    assertPrimitive(schema, "i", PrimitiveTypeName.INT32, null);
    assertPrimitive(schema, "l", PrimitiveTypeName.INT64, null);
    assertPrimitive(schema, "f", PrimitiveTypeName.FLOAT, null);
    assertPrimitive(schema, "d", PrimitiveTypeName.DOUBLE, null);
    assertPrimitive(schema, "s", PrimitiveTypeName.BINARY, LogicalTypeAnnotation.stringType());
    assertPrimitive(schema, "by", PrimitiveTypeName.BINARY, null);
    assertPrimitive(schema, "dt", PrimitiveTypeName.INT32, LogicalTypeAnnotation.dateType());
    assertPrimitive(schema, "ts", PrimitiveTypeName.INT64,
        LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MILLIS));
    assertEquals(Schemas.record(BatchWriteSupport.RECORD_NAME, COLUMNS).toString(),
        footer.getFileMetaData().getKeyValueMetaData().get("parquet.avro.schema"));
    long rows = 0;
    for (BlockMetaData block : footer.getBlocks()) {
      rows += block.getRowCount();
      for (ColumnChunkMetaData chunk : block.getColumns()) {
        assertEquals(CompressionCodecName.SNAPPY, chunk.getCodec(), chunk.getPath().toString());
      }
    }
    assertEquals(6, rows);
  }

  @Test
  void codecComesFromConfiguration() throws IOException {
    Configuration conf = new Configuration();
    conf.set(LakemrConfig.OUTPUT_PARQUET_CODEC, "gzip");
    Path p = write(conf);
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(p, conf))) {
      for (BlockMetaData block : r.getFooter().getBlocks()) {
        for (ColumnChunkMetaData chunk : block.getColumns()) {
          assertEquals(CompressionCodecName.GZIP, chunk.getCodec());
        }
      }
    }
  }

  @Test
  void duckDbReadsTheFile() throws Exception {
    Path p = write(new Configuration());
    String file = p.toUri().getPath();
    Connection conn;
    try {
      conn = DriverManager.getConnection("jdbc:duckdb:");
    } catch (SQLException | UnsatisfiedLinkError e) {
      Assumptions.abort("DuckDB cannot run here: " + e);
      return;
    }
    try (conn; Statement st = conn.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*), count(s), sum(i), "
            + "min(dt)::VARCHAR, max(ts)::VARCHAR, typeof(any_value(ts)), typeof(any_value(dt)), "
            + "string_agg(s, '|' ORDER BY s) FROM read_parquet('" + file + "')")) {
      assertTrue(rs.next());
      assertEquals(6, rs.getLong(1));
      assertEquals(5, rs.getLong(2));
      assertEquals(1L + Integer.MIN_VALUE + Integer.MAX_VALUE - 7 + 0, rs.getLong(3));
      assertEquals("0001-01-01 (BC)", rs.getString(4)); // DuckDB spells year 0 so
      assertTrue(rs.getString(5).startsWith("2026-01-01 00:00:00.123"), rs.getString(5));
      assertEquals("TIMESTAMP WITH TIME ZONE", rs.getString(6));
      assertEquals("DATE", rs.getString(7));
      assertEquals("|h\u00e9llo \u65e5\u672c \uD83D\uDE00|rep|rep|rep",
          new String(rs.getString(8).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
  }

  private static void assertPrimitive(MessageType schema, String name, PrimitiveTypeName type,
      LogicalTypeAnnotation logical) {
    Type t = schema.getType(name);
    assertEquals(type, t.asPrimitiveType().getPrimitiveTypeName(), name);
    assertEquals(logical, t.getLogicalTypeAnnotation(), name);
  }
}
