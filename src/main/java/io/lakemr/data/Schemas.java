package io.lakemr.data;

import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/** Building and reading the flat Avro record schemas that describe batches. */
public final class Schemas {

  private Schemas() {
  }

  /** A flat record schema whose fields are the given columns, each nullable. */
  public static Schema record(String name, List<Column> columns) {
    List<Schema.Field> fields = new ArrayList<>(columns.size());
    for (Column c : columns) {
      fields.add(new Schema.Field(c.name(), nullable(c.avroSchema()), null, Schema.Field.NULL_DEFAULT_VALUE));
    }
    return Schema.createRecord(name, null, "io.lakemr", false, fields);
  }

  /** The columns of a flat record schema, in order. */
  public static List<Column> columns(Schema record) {
    List<Column> out = new ArrayList<>(record.getFields().size());
    for (Schema.Field f : record.getFields()) {
      out.add(Column.of(f.name(), f.schema()));
    }
    return out;
  }

  /** Parses a schema stored as JSON in a job configuration. */
  public static Schema parse(String json) {
    return new Schema.Parser().parse(json);
  }

  /** {@code ["null", s]}. */
  public static Schema nullable(Schema s) {
    if (s.getType() == Schema.Type.UNION) {
      return s;
    }
    return Schema.createUnion(Schema.create(Schema.Type.NULL), s);
  }

  /** The non-null branch of a nullable union, or the schema itself. */
  public static Schema nonNull(Schema s) {
    if (s.getType() != Schema.Type.UNION) {
      return s;
    }
    Schema found = null;
    for (Schema branch : s.getTypes()) {
      if (branch.getType() != Schema.Type.NULL) {
        if (found != null) {
          throw new IllegalArgumentException("union of several types: " + s);
        }
        found = branch;
      }
    }
    if (found == null) {
      throw new IllegalArgumentException("union holds only null: " + s);
    }
    return found;
  }

  /**
   * A batch with one column vector per column of the schema, of the matching kind. Like
   * {@code VectorizedRowBatch}'s constructor, it sets {@code size} to the capacity: set it to 0
   * before filling rows one by one.
   */
  public static VectorizedRowBatch newBatch(List<Column> columns, int size) {
    VectorizedRowBatch batch = new VectorizedRowBatch(columns.size(), size);
    for (int i = 0; i < columns.size(); i++) {
      batch.cols[i] = newVector(columns.get(i), size);
    }
    return batch;
  }

  /** A column vector for values of the given column (a decimal's has its precision and scale). */
  public static ColumnVector newVector(Column column, int size) {
    if (column.type() == ColumnType.DECIMAL) {
      return new DecimalColumnVector(size, column.precision(), column.scale());
    }
    return newVector(column.type(), size);
  }

  /** A column vector for values of the given type, not a decimal (see {@link #newVector(Column, int)}). */
  public static ColumnVector newVector(ColumnType type, int size) {
    switch (type.vectorType()) {
      case LONG:
        return new LongColumnVector(size);
      case DOUBLE:
        return new DoubleColumnVector(size);
      case BYTES:
        BytesColumnVector v = new BytesColumnVector(size);
        v.initBuffer();
        return v;
      default:
        throw new AssertionError(type);
    }
  }
}
