package io.lakemr.data;

import java.util.Locale;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;

/**
 * The value types lakemr computes with, each with the column vector that holds it in a batch.
 *
 * <p>Integral types (and booleans, dates as days, timestamps as epoch milliseconds) live in
 * a {@code LongColumnVector}; floating-point types in a {@code DoubleColumnVector}; strings
 * (UTF-8) and bytes in a {@code BytesColumnVector}; decimals in a {@code DecimalColumnVector}.
 */
public enum ColumnType {
  BOOLEAN(ColumnVector.Type.LONG),
  INT(ColumnVector.Type.LONG),
  LONG(ColumnVector.Type.LONG),
  FLOAT(ColumnVector.Type.DOUBLE),
  DOUBLE(ColumnVector.Type.DOUBLE),
  STRING(ColumnVector.Type.BYTES),
  BYTES(ColumnVector.Type.BYTES),
  /** Days since 1970-01-01. */
  DATE(ColumnVector.Type.LONG),
  /** Milliseconds since 1970-01-01T00:00Z. */
  TIMESTAMP(ColumnVector.Type.LONG),
  /**
   * An exact decimal number; its precision and scale are the {@link Column}'s. Held in a
   * {@code DecimalColumnVector} ({@code HiveDecimalWritable}s).
   */
  DECIMAL(ColumnVector.Type.DECIMAL);

  private final ColumnVector.Type vectorType;

  ColumnType(ColumnVector.Type vectorType) {
    this.vectorType = vectorType;
  }

  /** The kind of column vector holding values of this type. */
  public ColumnVector.Type vectorType() {
    return vectorType;
  }

  /** True for types held as longs that are numbers (not booleans). */
  public boolean isIntegral() {
    return this == INT || this == LONG || this == DATE || this == TIMESTAMP;
  }

  public boolean isFloating() {
    return this == FLOAT || this == DOUBLE;
  }

  /** Int, long, float or double: the types expressions compute with as longs or doubles (not decimals). */
  public boolean isNumeric() {
    return this == INT || this == LONG || this == FLOAT || this == DOUBLE;
  }

  /** Lower-case name used in messages and in {@code inspect}. */
  public String displayName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The (non-null) Avro schema of this type; for a decimal, which needs its precision and
   * scale, {@link Column#avroSchema()}.
   */
  public Schema avroSchema() {
    switch (this) {
      case BOOLEAN:
        return Schema.create(Schema.Type.BOOLEAN);
      case INT:
        return Schema.create(Schema.Type.INT);
      case LONG:
        return Schema.create(Schema.Type.LONG);
      case FLOAT:
        return Schema.create(Schema.Type.FLOAT);
      case DOUBLE:
        return Schema.create(Schema.Type.DOUBLE);
      case STRING:
        return Schema.create(Schema.Type.STRING);
      case BYTES:
        return Schema.create(Schema.Type.BYTES);
      case DATE:
        return LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
      case TIMESTAMP:
        return LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
      case DECIMAL:
        throw new IllegalStateException("a decimal's Avro schema needs its precision and scale (Column.avroSchema)");
      default:
        throw new AssertionError(this);
    }
  }

  /**
   * The type of an Avro field schema, looking through a nullable union.
   *
   * @throws IllegalArgumentException for a schema lakemr cannot compute with (records,
   *     arrays, maps, unions of several types)
   */
  public static ColumnType of(Schema schema) {
    Schema s = Schemas.nonNull(schema);
    String logical = s.getLogicalType() == null ? null : s.getLogicalType().getName();
    switch (s.getType()) {
      case BOOLEAN:
        return BOOLEAN;
      case INT:
        return "date".equals(logical) ? DATE : INT;
      case LONG:
        return "timestamp-millis".equals(logical) || "timestamp-micros".equals(logical)
            ? TIMESTAMP : LONG;
      case FLOAT:
        return FLOAT;
      case DOUBLE:
        return DOUBLE;
      case STRING:
      case ENUM:
        return STRING;
      case BYTES:
      case FIXED:
        return "decimal".equals(logical) ? DECIMAL : BYTES;
      default:
        throw new IllegalArgumentException("type " + s.getType().getName() + " is not a column type");
    }
  }
}
