package io.lakemr.api;

import io.lakemr.data.ColumnType;

/**
 * The type of a column's values, and the column vector that holds them in a
 * {@code VectorizedRowBatch}.
 */
public enum ValueType {
  /** True or false, held as 1 or 0 in a {@code LongColumnVector}. */
  BOOLEAN(ColumnType.BOOLEAN),
  /** A 32-bit integer, in a {@code LongColumnVector}. */
  INT(ColumnType.INT),
  /** A 64-bit integer, in a {@code LongColumnVector}. */
  LONG(ColumnType.LONG),
  /** A 32-bit floating-point number, in a {@code DoubleColumnVector}. */
  FLOAT(ColumnType.FLOAT),
  /** A 64-bit floating-point number, in a {@code DoubleColumnVector}. */
  DOUBLE(ColumnType.DOUBLE),
  /** UTF-8 text, in a {@code BytesColumnVector}. */
  STRING(ColumnType.STRING),
  /** Raw bytes, in a {@code BytesColumnVector}. */
  BYTES(ColumnType.BYTES),
  /** A calendar date as days since 1970-01-01, in a {@code LongColumnVector}. */
  DATE(ColumnType.DATE),
  /** An instant as milliseconds since 1970-01-01T00:00Z, in a {@code LongColumnVector}. */
  TIMESTAMP(ColumnType.TIMESTAMP),
  /**
   * An exact decimal number with its column's precision and scale, in a
   * {@code DecimalColumnVector}.
   */
  DECIMAL(ColumnType.DECIMAL);

  private final ColumnType internal;

  ValueType(ColumnType internal) {
    this.internal = internal;
  }

  ColumnType internal() {
    return internal;
  }

  static ValueType of(ColumnType type) {
    for (ValueType v : values()) {
      if (v.internal == type) {
        return v;
      }
    }
    throw new AssertionError(type);
  }
}
