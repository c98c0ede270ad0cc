package io.lakemr.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.formats.output.OutputFormats;
import io.lakemr.formats.output.PartitionedBatchWriter;
import io.lakemr.testing.DuckDb;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The output writer over a real partitioned Parquet writer, read back by DuckDB: every value
 * type, nulls, rows and batches mixed, a partition seen again going to a further file; and the
 * errors naming the column.
 */
class OutputWriterTest {

  private static final TableColumns COLUMNS = new TableColumns(List.of(
      TableColumn.of("id", ValueType.INT),
      TableColumn.of("name", ValueType.STRING),
      TableColumn.decimal("amount", 10, 2),
      TableColumn.of("ok", ValueType.BOOLEAN),
      TableColumn.of("seen", ValueType.TIMESTAMP),
      TableColumn.of("score", ValueType.DOUBLE),
      TableColumn.of("day", ValueType.DATE)));

  @TempDir
  Path tmp;

  private OutputWriter open() {
    List<TableColumn> files = COLUMNS.list().subList(0, 6);
    PartitionedBatchWriter out = new PartitionedBatchWriter(new Configuration(), new org.apache.hadoop.fs.Path(
        tmp.toUri()), "part-r-00000.parquet", OutputFormats.PARQUET, new TableColumns(files).internal(),
        List.of("day"), null);
    return new OutputWriter(COLUMNS, List.of("day"), out);
  }

  @Test
  void rowsAndBatchesGoToTheirPartitions() throws Exception {
    try (OutputWriter w = open()) {
      w.setLong(0, 1).setString(1, "a").setDecimal(2, new BigDecimal("12.345")).setBoolean(3, true)
          .setLong(4, 1_767_225_600_000L).setDouble(5, 0.5).setLong(6, 20_454).write();
      w.setLong(0, 2).setLong(6, 20_454).write(); // the rest null
      VectorizedRowBatch b = w.newBatch();
      for (int i = 0; i < 3; i++) {
        ((LongColumnVector) b.cols[0]).vector[i] = 10 + i;
        ((BytesColumnVector) b.cols[1]).setVal(i, ("b" + i).getBytes());
        b.cols[2].isNull[i] = true;
        ((LongColumnVector) b.cols[3]).vector[i] = 0;
        ((LongColumnVector) b.cols[4]).vector[i] = 0;
        ((DoubleColumnVector) b.cols[5]).vector[i] = i;
        ((LongColumnVector) b.cols[6]).vector[i] = i == 1 ? 20_454 : 20_455;
      }
      b.cols[2].noNulls = false;
      b.size = 3;
      w.write(b);
      w.setLong(0, 3).setNull(1).setLong(6, 20_455).write();
    }
    try (Stream<Path> files = Files.walk(tmp)) {
      assertEquals(List.of("day=2026-01-01/part-r-00000-1.parquet", "day=2026-01-01/part-r-00000.parquet",
          "day=2026-01-02/part-r-00000-1.parquet", "day=2026-01-02/part-r-00000.parquet"),
          files.filter(p -> p.toString().endsWith(".parquet")).map(p -> tmp.relativize(p).toString()).sorted().toList());
    }
    try (DuckDb duck = new DuckDb()) {
      List<List<Object>> rows = duck.query("SELECT id, name, amount::VARCHAR, ok, epoch_ms(seen), score, day::VARCHAR "
          + "FROM read_parquet('" + tmp + "/*/*.parquet', hive_partitioning = true) ORDER BY id");
      assertEquals("[[1, a, 12.35, true, 1767225600000, 0.5, 2026-01-01], "
          + "[2, null, null, null, null, null, 2026-01-01], "
          + "[3, null, null, null, null, null, 2026-01-02], "
          + "[10, b0, null, false, 0, 0.0, 2026-01-02], "
          + "[11, b1, null, false, 0, 1.0, 2026-01-01], "
          + "[12, b2, null, false, 0, 2.0, 2026-01-02]]", rows.toString());
    }
  }

  @Test
  void aValueOfTheWrongKindNamesTheColumn() throws Exception {
    try (OutputWriter w = open()) {
      assertTrue(assertThrows(IllegalArgumentException.class, () -> w.setDouble(0, 1.5)).getMessage()
          .contains("id int"));
      assertTrue(assertThrows(IllegalArgumentException.class, () -> w.setLong(0, 1L << 40)).getMessage()
          .contains("id int"));
      assertTrue(assertThrows(IllegalArgumentException.class, () -> w.setDecimal(2, new BigDecimal("123456789")))
          .getMessage().contains("amount decimal(10,2)"));
      assertTrue(assertThrows(IllegalArgumentException.class, () -> w.setString(5, "x")).getMessage()
          .contains("score double"));
      VectorizedRowBatch wrong = w.newBatch();
      wrong.cols[5] = new LongColumnVector();
      assertTrue(assertThrows(IllegalArgumentException.class, () -> w.write(wrong)).getMessage()
          .contains("score double"));
    }
    OutputWriter closed = open();
    closed.close();
    assertThrows(IllegalStateException.class, () -> closed.setLong(0, 1));
  }
}
