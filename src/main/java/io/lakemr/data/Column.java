package io.lakemr.data;

import java.util.Objects;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * A named, typed column of a flat table.
 *
 * @param precision for {@link ColumnType#DECIMAL}, the most digits (1 to 38); else 0
 * @param scale for {@link ColumnType#DECIMAL}, the digits after the point (0 to precision); else 0
 */
public record Column(String name, ColumnType type, int precision, int scale) {

  /** Most digits of a decimal column, as in Hive and Spark. */
  public static final int MAX_PRECISION = 38;

  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    if (type == ColumnType.DECIMAL) {
      if (precision < 1 || precision > MAX_PRECISION || scale < 0 || scale > precision) {
        throw new IllegalArgumentException("column " + name + ": decimal(" + precision + "," + scale
            + ") is not a decimal type lakemr reads (precision 1 to 38, scale 0 to precision)");
      }
    } else if (precision != 0 || scale != 0) {
      throw new IllegalArgumentException("column " + name + ": only decimals have a precision and scale");
    }
  }

  /** A column of a type that is not a decimal. */
  public Column(String name, ColumnType type) {
    this(name, type, 0, 0);
  }

  /** A {@code decimal(precision, scale)} column. */
  public static Column decimal(String name, int precision, int scale) {
    return new Column(name, ColumnType.DECIMAL, precision, scale);
  }

  /** This column's type under another name. */
  public Column named(String newName) {
    return new Column(newName, type, precision, scale);
  }

  /** {@code decimal(p,s)} for a decimal, else the type's {@link ColumnType#displayName()}. */
  public String typeName() {
    return type == ColumnType.DECIMAL ? "decimal(" + precision + "," + scale + ")" : type.displayName();
  }

  /** The (non-null) Avro schema of this column's values: a decimal is bytes with the decimal logical type. */
  public Schema avroSchema() {
    if (type == ColumnType.DECIMAL) {
      return LogicalTypes.decimal(precision, scale).addToSchema(Schema.create(Schema.Type.BYTES));
    }
    return type.avroSchema();
  }

  /** The column of an Avro field schema (looking through a nullable union). */
  public static Column of(String name, Schema schema) {
    Schema s = Schemas.nonNull(schema);
    if (s.getLogicalType() instanceof LogicalTypes.Decimal d
        && (s.getType() == Schema.Type.BYTES || s.getType() == Schema.Type.FIXED)) {
      return decimal(name, d.getPrecision(), d.getScale());
    }
    return new Column(name, ColumnType.of(s));
  }

  @Override
  public String toString() {
    return name + " " + typeName();
  }
}
