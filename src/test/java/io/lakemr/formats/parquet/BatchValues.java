package io.lakemr.formats.parquet;

import io.lakemr.data.Column;
import io.lakemr.data.Schemas;
import io.lakemr.formats.FileRange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/** Test helper: reads ranges with {@link ParquetBatchReader} into plain Java values per column. */
final class BatchValues {

  private BatchValues() {
  }

  /**
   * Every value of every column, column by column: Long for long vectors, Double for double
   * vectors, String (ISO-8859-1 of the bytes) for bytes vectors, null for null.
   */
  static List<List<Object>> read(Configuration conf, List<String> partitionColumns,
      List<FileRange> ranges, List<Column> columns, int batchRows,
      Map<ParquetCounters, Long> counters) throws IOException {
    List<List<Object>> out = new ArrayList<>();
    for (int c = 0; c < columns.size(); c++) {
      out.add(new ArrayList<>());
    }
    VectorizedRowBatch batch = Schemas.newBatch(columns, batchRows);
    try (ParquetBatchReader reader = new ParquetBatchReader(conf, partitionColumns, ranges,
        columns, batchRows, (k, n) -> counters.merge(k, n, Long::sum))) {
      while (reader.next(batch)) {
        if (batch.size == 0) {
          throw new AssertionError("empty batch before the end");
        }
        for (int c = 0; c < columns.size(); c++) {
          for (int r = 0; r < batch.size; r++) {
            out.get(c).add(value(batch.cols[c], r));
          }
        }
      }
      if (batch.size != 0) {
        throw new AssertionError("last batch not empty");
      }
    }
    return out;
  }

  static Object value(ColumnVector v, int row) {
    int i = v.isRepeating ? 0 : row;
    if (!v.noNulls && v.isNull[i]) {
      return null;
    }
    if (v instanceof LongColumnVector l) {
      return l.vector[i];
    }
    if (v instanceof DecimalColumnVector d) {
      return d.vector[row].getHiveDecimal().bigDecimalValue().setScale(d.scale);
    }
    if (v instanceof DoubleColumnVector d) {
      return d.vector[i];
    }
    BytesColumnVector b = (BytesColumnVector) v;
    return new String(b.vector[i], b.start[i], b.length[i], StandardCharsets.ISO_8859_1);
  }

  static String bytes(byte[] b) {
    return new String(b, StandardCharsets.ISO_8859_1);
  }
}
