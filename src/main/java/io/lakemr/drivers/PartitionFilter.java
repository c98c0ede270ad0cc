package io.lakemr.drivers;

import io.lakemr.conf.BadInputException;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.Schemas;
import io.lakemr.data.TableSchema;
import io.lakemr.expr.BatchTransform;
import io.lakemr.expr.Expression;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * A {@code --where} that chooses whole partitions ({@code compact}, {@code catalog
 * delete-partitions}): it may name partition columns only, and is tested with a partition's
 * values as its directories hold them (text; null for the default partition).
 */
final class PartitionFilter {

  private final List<String> partitionColumns;
  private final BatchTransform transform;

  private PartitionFilter(List<String> partitionColumns, BatchTransform transform) {
    this.partitionColumns = partitionColumns;
    this.transform = transform;
  }

  /**
   * Refuses a filter naming anything but partition columns, by the column's name.
   *
   * @param table the table, as the user named it
   * @param why what the command does with whole partitions, for the message
   * @throws BadInputException naming the first other column (exit 2)
   */
  static void checkColumns(String where, TableSchema schema, String table, List<String> partitionColumns,
      String why) {
    for (String column : Expression.parse("--where", where, schema).columns()) {
      if (!partitionColumns.contains(column)) {
        throw new BadInputException("--where: column '" + column + "' is not a partition column of " + table
            + "; " + why + " (" + String.join(", ", partitionColumns) + ")");
      }
    }
  }

  /**
   * The filter of a table's partitions, checked by {@link #checkColumns}.
   *
   * @param columns the table's columns (partition columns among them)
   */
  static PartitionFilter parse(String where, List<Column> columns, String table, List<String> partitionColumns,
      String why) {
    List<Column> asRead = new ArrayList<>();
    for (Column c : columns) {
      asRead.add(partitionColumns.contains(c.name()) ? new Column(c.name(), ColumnType.STRING) : c);
    }
    checkColumns(where, new TableSchema(table, asRead, Map.of()), table, partitionColumns, why);
    return new PartitionFilter(partitionColumns, BatchTransform.create(text(partitionColumns), where, List.of()));
  }

  /** Whether a partition's values (column to value) satisfy the filter (true, not false or null). */
  boolean matches(Map<String, String> partition) {
    VectorizedRowBatch batch = Schemas.newBatch(text(partitionColumns), 1);
    for (int i = 0; i < partitionColumns.size(); i++) {
      BytesColumnVector v = (BytesColumnVector) batch.cols[i];
      v.initBuffer();
      String value = partition.get(partitionColumns.get(i));
      if (value == null) {
        v.noNulls = false;
        v.isNull[0] = true;
      } else {
        v.setVal(0, value.getBytes(StandardCharsets.UTF_8));
      }
    }
    batch.size = 1;
    return transform.apply(batch).size == 1;
  }

  /** The partition columns as readers give them: text. */
  private static List<Column> text(List<String> partitionColumns) {
    List<Column> out = new ArrayList<>();
    partitionColumns.forEach(p -> out.add(new Column(p, ColumnType.STRING)));
    return out;
  }
}
