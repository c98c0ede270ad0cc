package io.lakemr.formats.zarr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakemr.data.ColumnType;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Metadata parsing: dtypes, fill values, chunk keys and codec chains, from JSON text. */
class ZarrMetadataTest {

  private static JsonNode json(String s) {
    return ZarrMetadata.json(s.getBytes(StandardCharsets.UTF_8));
  }

  private static JsonNode value(String s) {
    return json("{\"v\":" + s + "}").get("v");
  }

  private static String v3(String dataType, String fill, String codecs, String encoding) {
    return "{\"zarr_format\":3,\"node_type\":\"array\",\"shape\":[10,4],\"data_type\":\"" + dataType + "\","
        + "\"chunk_grid\":{\"name\":\"regular\",\"configuration\":{\"chunk_shape\":[4,4]}},"
        + "\"chunk_key_encoding\":" + encoding + ",\"fill_value\":" + fill + ",\"codecs\":" + codecs + "}";
  }

  @Test
  void dtypes() {
    assertEquals(ColumnType.LONG, ZarrDataType.parseV2(value("\"<u4\"")).columnType());
    assertEquals(ColumnType.INT, ZarrDataType.parseV2(value("\">u2\"")).columnType());
    assertEquals(ByteOrder.BIG_ENDIAN, ZarrDataType.parseV2(value("\">f2\"")).order());
    assertEquals(12, ZarrDataType.parseV2(value("\"<U3\"")).size());
    assertEquals(ColumnType.BOOLEAN, ZarrDataType.parseV2(value("\"|b1\"")).columnType());
    ZarrDataType s = ZarrDataType.parseV2(value("[[\"a\",\"<i4\"],[\"b\",\"<f8\",[2,3]],[\"c\",[[\"d\",\"|u1\"]]]]"));
    assertEquals(4 + 48 + 1, s.size());
    assertEquals(52, s.fields().get(2).offset());
    for (String bad : new String[] {"\"<c8\"", "\"<M8[ns]\"", "\"|O\"", "\"|V8\"", "\"<f16\""}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ZarrDataType.parseV2(value(bad)));
      assertTrue(e.getMessage().contains(bad.replace("\"", "")), e.getMessage());
    }
    assertThrows(IllegalArgumentException.class, () -> ZarrDataType.parseV3(value("\"complex64\""), ByteOrder.LITTLE_ENDIAN));
  }

  @Test
  void fillValues() {
    ZarrDataType f8 = ZarrDataType.parseV2(value("\">f8\""));
    assertTrue(Double.isNaN(ByteBuffer.wrap(ZarrFillValue.encode(value("\"NaN\""), f8)).getDouble()));
    assertEquals(Double.NEGATIVE_INFINITY, ByteBuffer.wrap(ZarrFillValue.encode(value("\"-Infinity\""), f8)).getDouble());
    ZarrDataType f4 = ZarrDataType.parseV3(value("\"float32\""), ByteOrder.BIG_ENDIAN);
    assertEquals(0x7fc00001, ByteBuffer.wrap(ZarrFillValue.encode(value("\"0x7fc00001\""), f4)).getInt());
    ZarrDataType f2 = ZarrDataType.parseV2(value("\">f2\""));
    assertEquals(1.5f, Float16.toFloat(ByteBuffer.wrap(ZarrFillValue.encode(value("1.5"), f2)).getShort()));
    assertEquals(Float.POSITIVE_INFINITY, Float16.toFloat(ByteBuffer.wrap(ZarrFillValue.encode(value("\"Infinity\""), f2)).getShort()));
    ZarrDataType u8 = ZarrDataType.parseV2(value("\"<u8\""));
    assertEquals(-1L, ByteBuffer.wrap(ZarrFillValue.encode(value("18446744073709551615"), u8))
        .order(ByteOrder.LITTLE_ENDIAN).getLong());
    assertThrows(IllegalArgumentException.class, () -> ZarrFillValue.encode(value("300"), ZarrDataType.parseV2(value("\"|u1\""))));
    assertArrayEquals(new byte[] {'a', 'b', 0}, ZarrFillValue.encode(value("\"YWI=\""), ZarrDataType.parseV2(value("\"|S3\""))));
    assertArrayEquals(new byte[] {'x', 0, 0, 0, 0, 0, 0, 0}, ZarrFillValue.encode(value("\"x\""), ZarrDataType.parseV2(value("\"<U2\""))));
    assertNull(ZarrFillValue.encode(value("null"), u8));
  }

  @Test
  void float16Conversions() {
    for (float f : new float[] {0f, -0f, 1f, -2.5f, 65504f, 6.1035156e-05f, 5.9604645e-08f, 0.333251953125f}) {
      assertEquals(f, Float16.toFloat(Float16.fromFloat(f)), "" + f);
    }
    assertTrue(Float.isNaN(Float16.toFloat(Float16.fromFloat(Float.NaN))));
  }

  @Test
  void chunkKeys() {
    ZarrArrayMeta dflt = ZarrMetadata.v3("a", json(v3("int32", "0", "[{\"name\":\"bytes\"}]",
        "{\"name\":\"default\"}")));
    assertEquals("c/2/0", dflt.chunkKey(new long[] {2, 0}));
    assertArrayEquals(new long[] {2, 0}, dflt.parseChunkKey("c/2/0"));
    assertNull(dflt.parseChunkKey("c/3/0"));
    assertNull(dflt.parseChunkKey("zarr.json"));
    ZarrArrayMeta v2keys = ZarrMetadata.v3("a", json(v3("int32", "0", "[{\"name\":\"bytes\"}]",
        "{\"name\":\"v2\",\"configuration\":{\"separator\":\".\"}}")));
    assertEquals("1.0", v2keys.chunkKey(new long[] {1, 0}));
    assertArrayEquals(new long[] {1, 0}, v2keys.parseChunkKey("1.0"));
    assertNull(v2keys.parseChunkKey("1/0"));
  }

  @Test
  void codecChains() {
    ZarrArrayMeta t = ZarrMetadata.v3("t", json(v3("uint16", "0", "[{\"name\":\"transpose\",\"configuration\":"
        + "{\"order\":[1,0]}},{\"name\":\"bytes\",\"configuration\":{\"endian\":\"big\"}},{\"name\":\"zstd\","
        + "\"configuration\":{\"level\":1}},{\"name\":\"crc32c\"}]", "{\"name\":\"default\"}")));
    assertArrayEquals(new int[] {1, 0}, t.chain().transpose());
    assertEquals(ByteOrder.BIG_ENDIAN, t.dtype().order());
    assertEquals("[transpose[1, 0], zstd(level 1), crc32c]", t.chain().describe().toString());
    for (String[] bad : new String[][] {
        {"[{\"name\":\"bytes\"},{\"name\":\"numcodecs.delta\"}]", "codec numcodecs.delta is not supported"},
        {"[{\"name\":\"vlen-utf8\"}]", "data_type int32 cannot be encoded by vlen-utf8"},
        {"[{\"name\":\"zstd\"}]", "codec zstd is not supported"},
        {"[{\"name\":\"transpose\",\"configuration\":{\"order\":[0,0]}},{\"name\":\"bytes\"}]", "not a permutation"}}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> ZarrMetadata.v3("x", json(v3("int32", "0", bad[0], "{\"name\":\"default\"}"))));
      assertTrue(e.getMessage().contains(bad[1]), e.getMessage());
    }
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ZarrMetadata.v2("x",
        json("{\"zarr_format\":2,\"shape\":[4],\"chunks\":[2],\"dtype\":\"<i4\",\"compressor\":{\"id\":\"lzma\"},"
            + "\"fill_value\":0,\"order\":\"C\",\"filters\":null}"), null));
    assertTrue(e.getMessage().contains("codec lzma is not supported"), e.getMessage());
  }
}
