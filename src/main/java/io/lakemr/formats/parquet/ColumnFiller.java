package io.lakemr.formats.parquet;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.serde2.io.HiveDecimalWritable;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.io.api.Binary;

/**
 * Decodes values of one flat Parquet column from a low-level {@link ColumnReader} straight into
 * a column vector: one value per row, nulls from definition levels, one loop per value kind.
 *
 * <p>Strings and bytes are not copied when the reader's {@link Binary} owns its bytes (every
 * dictionary entry, and plain values sliced from a page buffer): the vector points at them.
 */
final class ColumnFiller {

  /** Days between the Julian day epoch and 1970-01-01. */
  static final long JULIAN_EPOCH_DAY = 2_440_588L;
  static final long MILLIS_PER_DAY = 86_400_000L;

  private ColumnFiller() {
  }

  /** A value could not be read; {@link #row} is its index in the rows asked for. */
  static final class ValueFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int row;

    ValueFailure(int row, RuntimeException cause) {
      super(cause.getMessage(), cause);
      this.row = row;
    }
  }

  /**
   * Reads {@code n} rows into {@code v} from row 0.
   *
   * @throws ValueFailure naming the row that failed
   */
  static void fill(ColumnReader r, ParquetValueKind kind, ColumnVector v, int n, int maxDef, BinaryRefCache refs) {
    int i = 0;
    try {
      switch (kind.columnType().vectorType()) {
        case LONG:
          i = fillLongs(r, kind, (LongColumnVector) v, n, maxDef);
          break;
        case DOUBLE:
          i = fillDoubles(r, kind, (DoubleColumnVector) v, n, maxDef);
          break;
        case DECIMAL:
          i = fillDecimals(r, kind, (DecimalColumnVector) v, n, maxDef);
          break;
        default:
          i = fillBytes(r, (BytesColumnVector) v, n, maxDef, refs);
          break;
      }
    } catch (ValueFailure e) {
      throw e;
    } catch (RuntimeException e) {
      throw new ValueFailure(-1, e);
    }
  }

  private static int fillLongs(ColumnReader r, ParquetValueKind kind, LongColumnVector v, int n,
      int maxDef) {
    long[] out = v.vector;
    int i = 0;
    try {
      for (; i < n; i++) {
        if (maxDef > 0 && r.getCurrentDefinitionLevel() < maxDef) {
          v.noNulls = false;
          v.isNull[i] = true;
          out[i] = 0;
        } else {
          out[i] = readLong(r, kind);
        }
        r.consume();
      }
    } catch (RuntimeException e) {
      throw new ValueFailure(i, e);
    }
    return i;
  }

  private static long readLong(ColumnReader r, ParquetValueKind kind) {
    switch (kind) {
      case BOOLEAN:
        return r.getBoolean() ? 1 : 0;
      case INT32:
      case DATE:
        return r.getInteger();
      case UINT32:
        return Integer.toUnsignedLong(r.getInteger());
      case INT64:
        return r.getLong();
      case UINT64:
        long u = r.getLong();
        if (u < 0) {
          throw new ArithmeticException("unsigned 64-bit value " + Long.toUnsignedString(u)
              + " is above the largest long");
        }
        return u;
      case TIMESTAMP_MILLIS:
        return r.getLong();
      case TIMESTAMP_MICROS:
        return Math.floorDiv(r.getLong(), 1_000L);
      case TIMESTAMP_NANOS:
        return Math.floorDiv(r.getLong(), 1_000_000L);
      case INT96_TIMESTAMP:
        return int96ToMillis(r.getBinary());
      default:
        throw new IllegalStateException("not a long kind: " + kind);
    }
  }

  /** Epoch milliseconds of an INT96 timestamp (nanos of day, then Julian day, little-endian). */
  static long int96ToMillis(Binary b) {
    if (b.length() != 12) {
      throw new IllegalArgumentException("INT96 value of " + b.length() + " bytes");
    }
    ByteBuffer buf = b.toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
    int p = buf.position();
    long nanosOfDay = buf.getLong(p);
    long julianDay = buf.getInt(p + 8); // signed, as Spark and parquet-java's NanoTime read it
    return (julianDay - JULIAN_EPOCH_DAY) * MILLIS_PER_DAY + Math.floorDiv(nanosOfDay, 1_000_000L);
  }

  private static int fillDoubles(ColumnReader r, ParquetValueKind kind, DoubleColumnVector v,
      int n, int maxDef) {
    double[] out = v.vector;
    boolean isFloat = kind == ParquetValueKind.FLOAT;
    int i = 0;
    try {
      for (; i < n; i++) {
        if (maxDef > 0 && r.getCurrentDefinitionLevel() < maxDef) {
          v.noNulls = false;
          v.isNull[i] = true;
          out[i] = Double.NaN;
        } else {
          out[i] = isFloat ? r.getFloat() : r.getDouble();
        }
        r.consume();
      }
    } catch (RuntimeException e) {
      throw new ValueFailure(i, e);
    }
    return i;
  }

  private static int fillDecimals(ColumnReader r, ParquetValueKind kind, DecimalColumnVector v, int n, int maxDef) {
    int i = 0;
    int scale = v.scale;
    try {
      for (; i < n; i++) {
        if (maxDef > 0 && r.getCurrentDefinitionLevel() < maxDef) {
          v.noNulls = false;
          v.isNull[i] = true;
        } else {
          HiveDecimalWritable w = v.vector[i];
          switch (kind) {
            case DECIMAL_INT32 -> w.setFromLongAndScale(r.getInteger(), scale);
            case DECIMAL_INT64 -> w.setFromLongAndScale(r.getLong(), scale);
            default -> {
              byte[] unscaled = r.getBinary().getBytesUnsafe();
              w.setFromBigIntegerBytesAndScale(unscaled, 0, unscaled.length, scale);
            }
          }
          if (!w.isSet() || !w.mutateEnforcePrecisionScale(v.precision, scale)) {
            throw new IllegalArgumentException("a value does not fit decimal(" + v.precision + "," + scale + ")");
          }
        }
        r.consume();
      }
    } catch (RuntimeException e) {
      throw new ValueFailure(i, e);
    }
    return i;
  }

  private static int fillBytes(ColumnReader r, BytesColumnVector v, int n, int maxDef, BinaryRefCache refs) {
    int i = 0;
    try {
      for (; i < n; i++) {
        if (maxDef > 0 && r.getCurrentDefinitionLevel() < maxDef) {
          v.noNulls = false;
          v.isNull[i] = true;
          v.length[i] = 0;
        } else {
          refs.set(v, i, r.getBinary());
        }
        r.consume();
      }
    } catch (RuntimeException e) {
      throw new ValueFailure(i, e);
    }
    return i;
  }

}
