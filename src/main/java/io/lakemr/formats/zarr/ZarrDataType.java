package io.lakemr.formats.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakemr.data.ColumnType;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The element type of a Zarr array: v2 {@code dtype} strings ({@code <i4}, {@code |b1},
 * {@code >U3}, ...) and structured dtypes (lists of fields), v3 {@code data_type} names with the
 * byte order of the {@code bytes} codec. Types lakemr cannot read (complex, datetime, object,
 * raw bits) are refused by name with an {@link IllegalArgumentException}.
 */
public final class ZarrDataType {

  /** What a value is. */
  public enum Kind {
    BOOL, INT, UINT, FLOAT, FIXED_BYTES, FIXED_UNICODE, STRUCT,
    /** v3 {@code string}: UTF-8 of any length ({@code vlen-utf8}); decoded as 8-byte handles. */
    VLEN_STRING,
    /** v3 {@code bytes}: bytes of any length ({@code vlen-bytes}); decoded as 8-byte handles. */
    VLEN_BYTES
  }

  /** Decoded size of a variable-length element: a (offset, length) handle into the chunk. */
  public static final int HANDLE_BYTES = 8;

  /**
   * One field of a structured dtype.
   *
   * @param name the field's name
   * @param offset byte offset in the element
   * @param type the field's type
   * @param count elements of a sub-array field (1 for a scalar field)
   */
  public record Field(String name, int offset, ZarrDataType type, int count) {
  }

  private final Kind kind;
  private final int size;
  private final ByteOrder order;
  private final String name;
  private final List<Field> fields;

  private ZarrDataType(Kind kind, int size, ByteOrder order, String name, List<Field> fields) {
    this.kind = kind;
    this.size = size;
    this.order = order;
    this.name = name;
    this.fields = List.copyOf(fields);
  }

  /** A v2 dtype: a type string or a list of {@code [name, dtype]} / {@code [name, dtype, shape]}. */
  public static ZarrDataType parseV2(JsonNode dtype) {
    if (dtype == null || dtype.isNull()) {
      throw new IllegalArgumentException("no dtype");
    }
    if (dtype.isArray()) {
      return parseStruct(dtype);
    }
    String s = dtype.asText();
    if (s.length() < 3 || "<>|=".indexOf(s.charAt(0)) < 0) {
      throw new IllegalArgumentException("dtype " + s + " is not a type string");
    }
    ByteOrder order = s.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
    char c = s.charAt(1);
    int n;
    try {
      n = Integer.parseInt(s.substring(2));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("dtype " + s + " is not supported");
    }
    switch (c) {
      case 'b':
        return new ZarrDataType(Kind.BOOL, 1, order, s, List.of());
      case 'i':
      case 'u':
        if (n != 1 && n != 2 && n != 4 && n != 8) {
          throw new IllegalArgumentException("dtype " + s + " is not supported");
        }
        return new ZarrDataType(c == 'i' ? Kind.INT : Kind.UINT, n, order, s, List.of());
      case 'f':
        if (n != 2 && n != 4 && n != 8) {
          throw new IllegalArgumentException("dtype " + s + " (float" + n * 8 + ") is not supported");
        }
        return new ZarrDataType(Kind.FLOAT, n, order, s, List.of());
      case 'S':
        return new ZarrDataType(Kind.FIXED_BYTES, n, order, s, List.of());
      case 'U':
        return new ZarrDataType(Kind.FIXED_UNICODE, 4 * n, order, s, List.of());
      default:
        throw new IllegalArgumentException("dtype " + s + " (" + kindName(c) + ") is not supported");
    }
  }

  private static String kindName(char c) {
    switch (c) {
      case 'c':
        return "complex";
      case 'M':
        return "datetime64";
      case 'm':
        return "timedelta64";
      case 'O':
        return "object";
      case 'V':
        return "raw bytes";
      default:
        return "kind " + c;
    }
  }

  private static ZarrDataType parseStruct(JsonNode list) {
    List<Field> fields = new ArrayList<>();
    int offset = 0;
    for (JsonNode f : list) {
      if (!f.isArray() || f.size() < 2) {
        throw new IllegalArgumentException("structured dtype field " + f + " is not [name, dtype]");
      }
      String fname = f.get(0).asText();
      ZarrDataType t = parseV2(f.get(1));
      int count = 1;
      if (f.size() > 2) {
        for (JsonNode d : f.get(2)) {
          count = Math.multiplyExact(count, d.asInt());
        }
      }
      fields.add(new Field(fname, offset, t, count));
      offset += t.size * count;
    }
    return new ZarrDataType(Kind.STRUCT, offset, ByteOrder.LITTLE_ENDIAN, list.toString(), fields);
  }

  /** A v3 {@code data_type}, stored in {@code order} (the {@code bytes} codec's endian). */
  public static ZarrDataType parseV3(JsonNode dataType, ByteOrder order) {
    if (dataType == null || !dataType.isTextual()) {
      throw new IllegalArgumentException("data_type " + dataType + " is not supported");
    }
    String s = dataType.asText();
    switch (s) {
      case "bool":
        return new ZarrDataType(Kind.BOOL, 1, order, s, List.of());
      case "int8":
      case "int16":
      case "int32":
      case "int64":
        return new ZarrDataType(Kind.INT, Integer.parseInt(s.substring(3)) / 8, order, s, List.of());
      case "uint8":
      case "uint16":
      case "uint32":
      case "uint64":
        return new ZarrDataType(Kind.UINT, Integer.parseInt(s.substring(4)) / 8, order, s, List.of());
      case "float16":
      case "float32":
      case "float64":
        return new ZarrDataType(Kind.FLOAT, Integer.parseInt(s.substring(5)) / 8, order, s, List.of());
      case "string":
        return new ZarrDataType(Kind.VLEN_STRING, HANDLE_BYTES, ByteOrder.LITTLE_ENDIAN, s, List.of());
      case "bytes":
      case "variable_length_bytes":
        return new ZarrDataType(Kind.VLEN_BYTES, HANDLE_BYTES, ByteOrder.LITTLE_ENDIAN, s, List.of());
      default:
        throw new IllegalArgumentException("data_type " + s + " is not supported");
    }
  }

  /** True for v3 variable-length strings and bytes. */
  public boolean isVariableLength() {
    return kind == Kind.VLEN_STRING || kind == Kind.VLEN_BYTES;
  }

  /** This type stored in another byte order. */
  public ZarrDataType withOrder(ByteOrder o) {
    return new ZarrDataType(kind, size, o, name, fields);
  }

  public Kind kind() {
    return kind;
  }

  /** Bytes of one element. */
  public int size() {
    return size;
  }

  public ByteOrder order() {
    return order;
  }

  /** The fields of a structured dtype, empty otherwise. */
  public List<Field> fields() {
    return fields;
  }

  /** The column type lakemr reads this (scalar) type as. */
  public ColumnType columnType() {
    switch (kind) {
      case BOOL:
        return ColumnType.BOOLEAN;
      case INT:
        return size <= 4 ? ColumnType.INT : ColumnType.LONG;
      case UINT:
        return size <= 2 ? ColumnType.INT : ColumnType.LONG;
      case FLOAT:
        return size <= 4 ? ColumnType.FLOAT : ColumnType.DOUBLE;
      case FIXED_BYTES:
      case FIXED_UNICODE:
      case VLEN_STRING:
        return ColumnType.STRING;
      case VLEN_BYTES:
        return ColumnType.BYTES;
      default:
        throw new IllegalArgumentException("a structured dtype is not a column type");
    }
  }

  /** A short description: {@code int32 le}, {@code unicode[3] be}, {@code struct {a: ...}}. */
  public String describe() {
    String o = (size > 1 && kind != Kind.VLEN_STRING && kind != Kind.VLEN_BYTES) || kind == Kind.FIXED_UNICODE ? (order == ByteOrder.BIG_ENDIAN ? " be" : " le") : "";
    switch (kind) {
      case BOOL:
        return "bool";
      case INT:
        return "int" + size * 8 + o;
      case UINT:
        return "uint" + size * 8 + o;
      case FLOAT:
        return "float" + size * 8 + o;
      case FIXED_BYTES:
        return "bytes[" + size + "]";
      case FIXED_UNICODE:
        return "unicode[" + size / 4 + "]" + o;
      case VLEN_STRING:
        return "string";
      case VLEN_BYTES:
        return "bytes";
      default:
        List<String> parts = new ArrayList<>();
        for (Field f : fields) {
          parts.add(f.name() + ": " + f.type().describe() + (f.count() > 1 ? "[" + f.count() + "]" : ""));
        }
        return "struct {" + String.join(", ", parts) + "}";
    }
  }

  /** The dtype as written in the metadata. */
  public String name() {
    return name;
  }

  @Override
  public String toString() {
    return describe().toLowerCase(Locale.ROOT);
  }
}
