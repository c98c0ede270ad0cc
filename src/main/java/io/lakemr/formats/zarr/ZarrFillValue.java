package io.lakemr.formats.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The bytes of one element of an array's fill value, as zarr-python reads it: numbers,
 * {@code "NaN"}, {@code "Infinity"}, {@code "-Infinity"}, v3 raw-bits hex ({@code "0x7fc00000"}),
 * booleans, v2 base64 for fixed-length bytes and structured dtypes, plain strings for unicode.
 */
public final class ZarrFillValue {

  private ZarrFillValue() {
  }

  /**
   * The fill element's bytes in the type's byte order, or null for a JSON null (no fill value).
   *
   * @throws IllegalArgumentException for a fill value that does not fit the type
   */
  public static byte[] encode(JsonNode fill, ZarrDataType type) {
    if (fill == null || fill.isNull() || fill.isMissingNode()) {
      return null;
    }
    if (type.isVariableLength()) {
      return variableLength(fill, type);
    }
    ByteBuffer b = ByteBuffer.allocate(type.size()).order(type.order());
    switch (type.kind()) {
      case BOOL:
        b.put((byte) (fill.isBoolean() ? (fill.asBoolean() ? 1 : 0) : (fill.asLong() != 0 ? 1 : 0)));
        break;
      case INT:
      case UINT:
        putInteger(b, integer(fill, type), type.size());
        break;
      case FLOAT:
        putFloat(b, fill, type.size());
        break;
      case FIXED_UNICODE:
        if (fill.isTextual()) {
          byte[] s = fill.asText().getBytes(Charset.forName(type.order() == ByteOrder.BIG_ENDIAN
              ? "UTF-32BE" : "UTF-32LE"));
          b.put(s, 0, Math.min(s.length, type.size()));
        }
        break;
      default:
        putRaw(b, fill, type);
    }
    return b.array();
  }

  /** The bytes of a variable-length fill value (not a handle: the chunk reader makes those). */
  private static byte[] variableLength(JsonNode fill, ZarrDataType type) {
    if (type.kind() == ZarrDataType.Kind.VLEN_STRING && fill.isTextual()) {
      return fill.asText().getBytes(StandardCharsets.UTF_8);
    }
    if (fill.isArray()) {
      byte[] out = new byte[fill.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = (byte) fill.get(i).asInt();
      }
      return out;
    }
    if (fill.isTextual()) {
      try {
        return Base64.getDecoder().decode(fill.asText());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("fill_value " + fill + " is not base64");
      }
    }
    throw new IllegalArgumentException("fill_value " + fill + " does not fit data_type " + type.name());
  }

  private static void putRaw(ByteBuffer b, JsonNode fill, ZarrDataType type) {
    if (fill.isNumber() && fill.asLong() == 0) {
      return;
    }
    if (!fill.isTextual()) {
      throw new IllegalArgumentException("fill_value " + fill + " does not fit dtype " + type.name());
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(fill.asText());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("fill_value " + fill + " is not base64");
    }
    if (raw.length > type.size()) {
      throw new IllegalArgumentException("fill_value " + fill + " holds " + raw.length
          + " bytes, dtype " + type.name() + " has " + type.size());
    }
    b.put(raw);
  }

  private static BigInteger integer(JsonNode fill, ZarrDataType type) {
    BigInteger v;
    if (fill.isIntegralNumber()) {
      v = fill.bigIntegerValue();
    } else if (fill.isTextual() && fill.asText().startsWith("0x")) {
      v = new BigInteger(fill.asText().substring(2), 16);
    } else if (fill.isNumber() && fill.asDouble() == Math.rint(fill.asDouble())) {
      v = BigInteger.valueOf((long) fill.asDouble());
    } else if (fill.isBoolean()) {
      v = fill.asBoolean() ? BigInteger.ONE : BigInteger.ZERO;
    } else {
      throw new IllegalArgumentException("fill_value " + fill + " is not an integer");
    }
    int bits = type.size() * 8;
    BigInteger min = type.kind() == ZarrDataType.Kind.UINT ? BigInteger.ZERO : BigInteger.ONE.shiftLeft(bits - 1).negate();
    BigInteger max = type.kind() == ZarrDataType.Kind.UINT ? BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE)
        : BigInteger.ONE.shiftLeft(bits - 1).subtract(BigInteger.ONE);
    if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
      throw new IllegalArgumentException("fill_value " + fill + " is outside dtype " + type.name());
    }
    return v;
  }

  private static void putInteger(ByteBuffer b, BigInteger v, int size) {
    long x = v.longValue();
    switch (size) {
      case 1:
        b.put((byte) x);
        break;
      case 2:
        b.putShort((short) x);
        break;
      case 4:
        b.putInt((int) x);
        break;
      default:
        b.putLong(x);
    }
  }

  private static void putFloat(ByteBuffer b, JsonNode fill, int size) {
    if (fill.isTextual() && fill.asText().startsWith("0x")) {
      putInteger(b, new BigInteger(fill.asText().substring(2), 16), size);
      return;
    }
    double d;
    if (fill.isNumber()) {
      d = fill.asDouble();
    } else {
      switch (fill.asText()) {
        case "NaN":
          d = Double.NaN;
          break;
        case "Infinity":
          d = Double.POSITIVE_INFINITY;
          break;
        case "-Infinity":
          d = Double.NEGATIVE_INFINITY;
          break;
        default:
          throw new IllegalArgumentException("fill_value " + fill + " is not a number");
      }
    }
    if (size == 2) {
      b.putShort(Float16.fromFloat((float) d));
    } else if (size == 4) {
      b.putFloat((float) d);
    } else {
      b.putDouble(d);
    }
  }
}
