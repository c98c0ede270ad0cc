package io.lakemr.formats.parquet;

import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.DecimalLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.OriginalType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;

/**
 * Maps a top-level Parquet field to the lakemr value kind it is read as, or to the reason
 * lakemr cannot read it (nested, repeated, decimal over 38 digits, time, interval, float16, a name Avro
 * refuses).
 */
final class ParquetTypes {

  private ParquetTypes() {
  }

  /** A field's kind, or (kind null) the reason it cannot be read. */
  record Mapping(ParquetValueKind kind, String unreadableReason) {

    static Mapping of(ParquetValueKind kind) {
      return new Mapping(kind, null);
    }

    static Mapping unreadable(String reason) {
      return new Mapping(null, reason);
    }

    boolean readable() {
      return kind != null;
    }
  }

  /** How a top-level field of a file schema is read. */
  static Mapping map(Type field) {
    if (!field.isPrimitive()) {
      LogicalTypeAnnotation logical = field.getLogicalTypeAnnotation();
      String what = logical == null ? "group" : logical.toString().toLowerCase(Locale.ROOT);
      return Mapping.unreadable("nested column (" + what + "), which lakemr cannot read");
    }
    if (field.isRepetition(Type.Repetition.REPEATED)) {
      return Mapping.unreadable("repeated column, which lakemr cannot read");
    }
    String badName = avroNameProblem(field.getName());
    if (badName != null) {
      return Mapping.unreadable(badName);
    }
    return mapPrimitive(field.asPrimitiveType());
  }

  /** The reason a column name cannot be an Avro field name, or null when it can. */
  static String avroNameProblem(String name) {
    try {
      new Schema.Field(name, Schema.create(Schema.Type.NULL), null, null);
      return null;
    } catch (RuntimeException e) {
      return "column name '" + name + "' is not a valid Avro field name (letters, digits and _,"
          + " not starting with a digit), which lakemr needs";
    }
  }

  private static Mapping mapPrimitive(PrimitiveType type) {
    LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
    if (logical instanceof DecimalLogicalTypeAnnotation d) {
      return mapDecimal(type, d);
    }
    if (logical instanceof LogicalTypeAnnotation.TimeLogicalTypeAnnotation t) {
      return Mapping.unreadable("time of day (" + t.getUnit().name().toLowerCase(Locale.ROOT)
          + ") is not supported yet");
    }
    if (logical instanceof LogicalTypeAnnotation.IntervalLogicalTypeAnnotation
        || type.getOriginalType() == OriginalType.INTERVAL) {
      return Mapping.unreadable("interval is not supported yet");
    }
    if (logical instanceof LogicalTypeAnnotation.Float16LogicalTypeAnnotation) {
      return Mapping.unreadable("float16 is not supported yet");
    }
    switch (type.getPrimitiveTypeName()) {
      case BOOLEAN:
        return Mapping.of(ParquetValueKind.BOOLEAN);
      case INT32:
        return mapInt32(logical);
      case INT64:
        return mapInt64(logical);
      case INT96:
        return Mapping.of(ParquetValueKind.INT96_TIMESTAMP);
      case FLOAT:
        return Mapping.of(ParquetValueKind.FLOAT);
      case DOUBLE:
        return Mapping.of(ParquetValueKind.DOUBLE);
      case BINARY:
      case FIXED_LEN_BYTE_ARRAY:
        return Mapping.of(isText(logical) ? ParquetValueKind.STRING : ParquetValueKind.BYTES);
      default:
        return Mapping.unreadable("physical type " + type.getPrimitiveTypeName()
            + " is not supported");
    }
  }

  private static Mapping mapInt32(LogicalTypeAnnotation logical) {
    if (logical == null) {
      return Mapping.of(ParquetValueKind.INT32);
    }
    if (logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation) {
      return Mapping.of(ParquetValueKind.DATE);
    }
    if (logical instanceof IntLogicalTypeAnnotation i) {
      if (!i.isSigned() && i.getBitWidth() == 32) {
        return Mapping.of(ParquetValueKind.UINT32);
      }
      if (i.getBitWidth() <= 32) {
        return Mapping.of(ParquetValueKind.INT32);
      }
    }
    return Mapping.unreadable("int32 annotated " + logical + " is not supported");
  }

  private static Mapping mapInt64(LogicalTypeAnnotation logical) {
    if (logical == null) {
      return Mapping.of(ParquetValueKind.INT64);
    }
    if (logical instanceof IntLogicalTypeAnnotation i) {
      return Mapping.of(i.isSigned() ? ParquetValueKind.INT64 : ParquetValueKind.UINT64);
    }
    if (logical instanceof TimestampLogicalTypeAnnotation t) {
      switch (t.getUnit()) {
        case MILLIS:
          return Mapping.of(ParquetValueKind.TIMESTAMP_MILLIS);
        case MICROS:
          return Mapping.of(ParquetValueKind.TIMESTAMP_MICROS);
        case NANOS:
          return Mapping.of(ParquetValueKind.TIMESTAMP_NANOS);
        default:
          break;
      }
    }
    return Mapping.unreadable("int64 annotated " + logical + " is not supported");
  }

  private static Mapping mapDecimal(PrimitiveType type, DecimalLogicalTypeAnnotation d) {
    if (d.getPrecision() < 1 || d.getPrecision() > Column.MAX_PRECISION || d.getScale() < 0
        || d.getScale() > d.getPrecision()) {
      return Mapping.unreadable("decimal(" + d.getPrecision() + "," + d.getScale()
          + ") is outside what lakemr reads (precision 1 to 38, scale 0 to precision)");
    }
    switch (type.getPrimitiveTypeName()) {
      case INT32:
        return Mapping.of(ParquetValueKind.DECIMAL_INT32);
      case INT64:
        return Mapping.of(ParquetValueKind.DECIMAL_INT64);
      case BINARY:
      case FIXED_LEN_BYTE_ARRAY:
        return Mapping.of(ParquetValueKind.DECIMAL_BYTES);
      default:
        return Mapping.unreadable("decimal stored as " + type.getPrimitiveTypeName() + " is not supported");
    }
  }

  /** The column a readable field is read into: a decimal has the field's precision and scale. */
  static Column column(Type field, ParquetValueKind kind) {
    if (kind.columnType() == ColumnType.DECIMAL) {
      DecimalLogicalTypeAnnotation d = (DecimalLogicalTypeAnnotation) field.getLogicalTypeAnnotation();
      return Column.decimal(field.getName(), d.getPrecision(), d.getScale());
    }
    return new Column(field.getName(), kind.columnType());
  }

  static boolean isText(LogicalTypeAnnotation logical) {
    return logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
        || logical instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation
        || logical instanceof LogicalTypeAnnotation.JsonLogicalTypeAnnotation;
  }
}
