package io.lakemr.formats.parquet;

import io.lakemr.data.ColumnType;

/**
 * How the values of a Parquet primitive column become the values of a lakemr column: the
 * physical type read, and the conversion applied on the way into the column vector.
 */
enum ParquetValueKind {
  BOOLEAN(ColumnType.BOOLEAN),
  /** INT32, plain or INT_8/16/32, UINT_8/16. */
  INT32(ColumnType.INT),
  /** INT32 annotated DATE: days since the epoch. */
  DATE(ColumnType.DATE),
  /** INT32 annotated UINT_32: read unsigned into a long. */
  UINT32(ColumnType.LONG),
  INT64(ColumnType.LONG),
  /** INT64 annotated UINT_64: a value above {@code Long.MAX_VALUE} is an error. */
  UINT64(ColumnType.LONG),
  TIMESTAMP_MILLIS(ColumnType.TIMESTAMP),
  TIMESTAMP_MICROS(ColumnType.TIMESTAMP),
  TIMESTAMP_NANOS(ColumnType.TIMESTAMP),
  /** Legacy INT96 timestamp: nanoseconds of the day, then the Julian day, little-endian. */
  INT96_TIMESTAMP(ColumnType.TIMESTAMP),
  FLOAT(ColumnType.FLOAT),
  DOUBLE(ColumnType.DOUBLE),
  STRING(ColumnType.STRING),
  BYTES(ColumnType.BYTES),
  /** INT32 annotated DECIMAL: the unscaled value. */
  DECIMAL_INT32(ColumnType.DECIMAL),
  /** INT64 annotated DECIMAL: the unscaled value. */
  DECIMAL_INT64(ColumnType.DECIMAL),
  /** BINARY or FIXED_LEN_BYTE_ARRAY annotated DECIMAL: the unscaled value, big-endian two's complement. */
  DECIMAL_BYTES(ColumnType.DECIMAL);

  private final ColumnType columnType;

  ParquetValueKind(ColumnType columnType) {
    this.columnType = columnType;
  }

  ColumnType columnType() {
    return columnType;
  }
}
