package io.lakemr.formats.hdf5;

import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.EnumDataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;
import io.lakemr.data.ColumnType;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * A scalar HDF5 element type lakemr reads into one column: integers of every width and
 * sign, floats, fixed- and variable-length strings, enums (as labels) and h5py's boolean enum.
 * Built from a jhdf {@link DataType}; {@link Hdf5ValueDecoder} turns bytes of it into a
 * column vector.
 */
final class Hdf5ValueType {

  /** How the bytes of an element are read. */
  enum Kind { INT, FLOAT, FIXED_STRING, VLEN_STRING, ENUM, BOOLEAN }

  final Kind kind;
  /** Bytes per element. */
  final int size;
  final boolean signed;
  final ByteOrder order;
  /** Fixed strings: padded with spaces (else NUL-padded or NUL-terminated). */
  final boolean spacePadded;
  /** Enums: the integer type of the codes. */
  final Hdf5ValueType base;
  /** Enums: code to UTF-8 label. */
  final Map<Long, byte[]> labels;
  private final String description;

  private Hdf5ValueType(Kind kind, int size, boolean signed, ByteOrder order, boolean spacePadded,
      Hdf5ValueType base, Map<Long, byte[]> labels, String description) {
    this.kind = kind;
    this.size = size;
    this.signed = signed;
    this.order = order;
    this.spacePadded = spacePadded;
    this.base = base;
    this.labels = labels;
    this.description = description;
  }

  /**
   * The value type of a scalar HDF5 type.
   *
   * @throws IllegalArgumentException with the reason, for a type lakemr cannot read as a column
   */
  static Hdf5ValueType of(DataType t) {
    if (t instanceof FixedPoint) {
      FixedPoint f = (FixedPoint) t;
      int size = f.getSize();
      if (size != 1 && size != 2 && size != 4 && size != 8) {
        throw new IllegalArgumentException(size + "-byte integers are not supported");
      }
      if (f.getBitOffset() != 0 || f.getBitPrecision() != size * 8) {
        throw new IllegalArgumentException("integers with bit offset " + f.getBitOffset()
            + " and precision " + f.getBitPrecision() + " are not supported");
      }
      String name = (f.isSigned() ? "int" : "uint") + size * 8
          + (f.getByteOrder() == ByteOrder.BIG_ENDIAN ? " (big-endian)" : "");
      return new Hdf5ValueType(Kind.INT, size, f.isSigned(), f.getByteOrder(), false, null, null, name);
    }
    if (t instanceof FloatingPoint) {
      FloatingPoint f = (FloatingPoint) t;
      if (f.getSize() != 4 && f.getSize() != 8) {
        throw new IllegalArgumentException(f.getSize() * 8 + "-bit floats are not supported");
      }
      String name = "float" + f.getSize() * 8
          + (f.getByteOrder() == ByteOrder.BIG_ENDIAN ? " (big-endian)" : "");
      return new Hdf5ValueType(Kind.FLOAT, f.getSize(), true, f.getByteOrder(), false, null, null, name);
    }
    if (t instanceof StringData) {
      StringData s = (StringData) t;
      boolean space = s.getPaddingType() == StringData.PaddingType.SPACE_PADDED;
      String name = "string[" + s.getSize() + "] " + s.getPaddingType().name().toLowerCase(java.util.Locale.ROOT)
          + " " + s.getCharset().name();
      return new Hdf5ValueType(Kind.FIXED_STRING, s.getSize(), false, ByteOrder.LITTLE_ENDIAN, space,
          null, null, name);
    }
    if (t instanceof VariableLength) {
      VariableLength v = (VariableLength) t;
      if (!v.isVariableLengthString()) {
        throw new IllegalArgumentException("variable-length sequences are not supported");
      }
      return new Hdf5ValueType(Kind.VLEN_STRING, v.getSize(), false, ByteOrder.LITTLE_ENDIAN, false,
          null, null, "vlen string " + v.getEncoding().name());
    }
    if (t instanceof EnumDataType) {
      EnumDataType e = (EnumDataType) t;
      Hdf5ValueType base = of(e.getBaseType());
      if (base.kind != Kind.INT) {
        throw new IllegalArgumentException("enum over " + base + " is not supported");
      }
      Map<Integer, String> mapping = e.getEnumMapping();
      if (isH5pyBool(base, mapping)) {
        return new Hdf5ValueType(Kind.BOOLEAN, base.size, base.signed, base.order, false, base, null, "bool");
      }
      Map<Long, byte[]> labels = new HashMap<>();
      for (Map.Entry<Integer, String> m : mapping.entrySet()) {
        long code = base.signed ? m.getKey() : m.getKey() & mask(base.size);
        labels.put(code, m.getValue().getBytes(StandardCharsets.UTF_8));
      }
      return new Hdf5ValueType(Kind.ENUM, base.size, base.signed, base.order, false, base, labels,
          "enum " + new TreeMap<>(mapping).values());
    }
    String cls = t.getClass().getSimpleName();
    throw new IllegalArgumentException("HDF5 type " + cls + " is not supported");
  }

  private static boolean isH5pyBool(Hdf5ValueType base, Map<Integer, String> mapping) {
    return base.size == 1 && mapping.size() == 2
        && "FALSE".equals(mapping.get(0)) && "TRUE".equals(mapping.get(1));
  }

  private static long mask(int size) {
    return size >= 8 ? -1L : (1L << (size * 8)) - 1;
  }

  /** The lakemr column type holding values of this type. */
  ColumnType columnType() {
    switch (kind) {
      case INT:
        return (signed && size <= 4) || (!signed && size <= 2) ? ColumnType.INT : ColumnType.LONG;
      case FLOAT:
        return size == 4 ? ColumnType.FLOAT : ColumnType.DOUBLE;
      case BOOLEAN:
        return ColumnType.BOOLEAN;
      case FIXED_STRING:
      case VLEN_STRING:
      case ENUM:
        return ColumnType.STRING;
      default:
        throw new AssertionError(kind);
    }
  }

  /** True for uint64, whose values above {@link Long#MAX_VALUE} are an error. */
  boolean isUint64() {
    return kind == Kind.INT && !signed && size == 8;
  }

  @Override
  public String toString() {
    return description;
  }
}
