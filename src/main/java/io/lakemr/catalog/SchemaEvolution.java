package io.lakemr.catalog;

import io.lakemr.conf.BadInputException;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.Schemas;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * What a commit may change of a table's schema: it may add columns that are nullable, and widen
 * {@code int} to {@code long} and {@code float} to {@code double}. Every other change of an
 * existing column (another type, a dropped column, a nullable column made required) is refused,
 * naming the column and both types; so is a change of the partition columns.
 */
public final class SchemaEvolution {

  private SchemaEvolution() {
  }

  /**
   * Checks that {@code proposed} may follow {@code current}. A table created without columns
   * takes the columns of its first commit that has some.
   *
   * @throws BadInputException naming the column and both types
   */
  public static void check(String table, Schema current, List<String> currentPartitions, Schema proposed,
      List<String> proposedPartitions) {
    if (!currentPartitions.equals(proposedPartitions)) {
      throw new BadInputException("table " + table + ": partition columns (" + String.join(", ", proposedPartitions)
          + ") differ from the table's (" + String.join(", ", currentPartitions) + ")");
    }
    if (current.getFields().isEmpty()) {
      return;
    }
    Map<String, Schema.Field> proposedFields = new HashMap<>();
    for (Schema.Field f : proposed.getFields()) {
      proposedFields.put(f.name(), f);
    }
    for (Schema.Field old : current.getFields()) {
      Schema.Field now = proposedFields.remove(old.name());
      Column was = Column.of(old.name(), old.schema());
      if (now == null) {
        throw new BadInputException("table " + table + ": column " + old.name() + " (" + was.typeName()
            + ") would be dropped; a commit may only add columns");
      }
      Column becomes = Column.of(now.name(), now.schema());
      if (!was.equals(becomes) && !widens(was.type(), becomes.type())) {
        throw new BadInputException("table " + table + ": column " + old.name() + " would change from "
            + was.typeName() + " to " + becomes.typeName() + "; only int to long and float to double are allowed");
      }
      if (nullable(old.schema()) && !nullable(now.schema())) {
        throw new BadInputException("table " + table + ": column " + old.name() + " (" + was.typeName()
            + ") would change from nullable to required " + becomes.typeName());
      }
    }
    for (Schema.Field added : proposedFields.values()) {
      if (!nullable(added.schema())) {
        throw new BadInputException("table " + table + ": new column " + added.name() + " ("
            + Column.of(added.name(), added.schema()).typeName() + ") must be nullable");
      }
    }
  }

  private static boolean widens(ColumnType from, ColumnType to) {
    return from == ColumnType.INT && to == ColumnType.LONG || from == ColumnType.FLOAT && to == ColumnType.DOUBLE;
  }

  private static boolean nullable(Schema s) {
    if (s.getType() != Schema.Type.UNION) {
      return s.getType() == Schema.Type.NULL;
    }
    return s.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL) && Schemas.nonNull(s) != null;
  }
}
