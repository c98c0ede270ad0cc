package io.lakemr.formats.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.lakemr.data.ColumnType;
import io.lakemr.formats.text.ValueParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.junit.jupiter.api.Test;

/**
 * The JSON Lines fast path against Jackson itself: every line it takes must give the values
 * Jackson's streaming parser gives (doubles bit for bit), and it must leave to Jackson every
 * line it cannot read exactly as Jackson would.
 */
class JsonLineScannerTest {

  private static final List<String> NAMES = List.of("d", "l", "s", "b", "i", "t", "a_x", "f");
  private static final ColumnType[] TYPES = {ColumnType.DOUBLE, ColumnType.LONG, ColumnType.STRING,
      ColumnType.BOOLEAN, ColumnType.INT, ColumnType.TIMESTAMP, ColumnType.LONG, ColumnType.FLOAT};
  private static final JsonFactory JACKSON = new JsonFactory();

  private final long[] seen = new long[TYPES.length];
  private final JsonLineScanner scanner = new JsonLineScanner(JsonColumnTree.of(NAMES), TYPES, seen,
      new ValueParser());
  private final ColumnVector[] cols = {new DoubleColumnVector(), new LongColumnVector(), new BytesColumnVector(),
      new LongColumnVector(), new LongColumnVector(), new LongColumnVector(), new LongColumnVector(),
      new DoubleColumnVector()};
  private long attempt;

  private boolean scan(String line) {
    byte[] b = (" " + line + " ").getBytes(StandardCharsets.UTF_8);
    ((BytesColumnVector) cols[2]).initBuffer();
    return scanner.scan(b, 1, b.length - 1, cols, 3, ++attempt);
  }

  /** Scans the line, which must be taken, and checks each column against Jackson's reading of it. */
  private void assertLikeJackson(String line) throws IOException {
    assertTrue(scan(line), line);
    try (JsonParser p = JACKSON.createParser(line)) {
      assertEquals(JsonToken.START_OBJECT, p.nextToken());
      checkMembers(p, "", line);
    }
  }

  private void checkMembers(JsonParser p, String prefix, String line) throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = prefix + p.currentName();
      JsonToken v = p.nextToken();
      if (v == JsonToken.START_OBJECT) {
        checkMembers(p, name + "_", line);
        continue;
      }
      int c = NAMES.indexOf(name);
      if (c < 0) {
        continue;
      }
      assertEquals(attempt, seen[c], line);
      ColumnVector vec = cols[c];
      assertEquals(v == JsonToken.VALUE_NULL, vec.isNull[3], line);
      if (v == JsonToken.VALUE_NULL) {
        continue;
      }
      switch (TYPES[c]) {
        case DOUBLE -> assertEquals(Double.doubleToRawLongBits(p.getDoubleValue()),
            Double.doubleToRawLongBits(((DoubleColumnVector) vec).vector[3]), line);
        case FLOAT -> assertEquals(Double.doubleToRawLongBits((float) p.getDoubleValue()),
            Double.doubleToRawLongBits(((DoubleColumnVector) vec).vector[3]), line);
        case STRING -> {
          BytesColumnVector bv = (BytesColumnVector) vec;
          assertArrayEquals(p.getText().getBytes(StandardCharsets.UTF_8),
              Arrays.copyOfRange(bv.vector[3], bv.start[3], bv.start[3] + bv.length[3]), line);
        }
        case BOOLEAN -> assertEquals(v == JsonToken.VALUE_TRUE ? 1 : 0, ((LongColumnVector) vec).vector[3], line);
        case TIMESTAMP -> assertEquals(v == JsonToken.VALUE_STRING ? Instant.parse(p.getText()).toEpochMilli()
            : p.getLongValue(), ((LongColumnVector) vec).vector[3], line);
        default -> assertEquals(p.getLongValue(), ((LongColumnVector) vec).vector[3], line);
      }
    }
  }

  @Test
  void plainLinesReadAsJacksonReadsThem() throws IOException {
    assertLikeJackson("{\"d\":1.5,\"l\":-42,\"s\":\"st-0001\",\"b\":true,\"i\":7,\"t\":1769226770423}");
    assertLikeJackson(" { \"s\" : \"a b\" ,\t\"d\" : -0 , \"b\" : false , \"l\" : null , \"zz\" : \"skipped\" }");
    assertLikeJackson("{}");
    assertLikeJackson("{\"a\":{\"x\":5},\"s\":12.50,\"f\":0.1}");
    assertLikeJackson("{\"a_x\":6,\"s\":true,\"d\":123456789012345678}");
    assertLikeJackson("{\"s\":null,\"d\":null,\"b\":null,\"other\":3}");
    assertLikeJackson("{\"t\":\"2026-01-02T03:04:05.678Z\",\"d\":2}");
    for (String d : new String[] {"0", "-0", "-0.0", "0.0", "1e5", "1E-5", "-2.5e+3", "4.9e-324",
        "2.2250738585072011e-308", "2.2250738585072014E-308", "1.7976931348623157e308", "1e309", "-1e-400",
        "0.30000000000000004", "9007199254740993", "123456789012345678", "1.00000000000000000000001",
        "12345678901234567890e-3", "0.1000000000000000055511151231257827"}) {
      assertLikeJackson("{\"d\":" + d + ",\"f\":" + d + "}");
    }
  }

  @Test
  void randomNumbersMatchJacksonBitForBit() throws IOException {
    Random random = new Random(11);
    for (int i = 0; i < 20_000; i++) {
      double d = Double.longBitsToDouble(random.nextLong());
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        continue;
      }
      long l = random.nextLong() % 1_000_000_000_000_000_000L / (1L << random.nextInt(40));
      String digits = Long.toString(random.nextLong() & 0x3FFFFFFFFFFFFFL);
      int point = 1 + random.nextInt(digits.length());
      String decimal = digits.substring(0, point) + (point < digits.length() ? "." + digits.substring(point) : "");
      assertLikeJackson("{\"d\":" + d + ",\"f\":" + decimal + ",\"l\":" + l + "}");
    }
  }

  @Test
  void leavesToJacksonWhatItCannotReadExactly() {
    for (String line : new String[] {"{\"s\":\"a\\\"b\"}", "{\"s\":\"caf\u00e9\"}", "{\"d\":[1]}", "{\"d\":NaN}",
        "{\"d\":-Infinity}", "{\"d\":01}", "{\"d\":1.}", "{\"d\":.5}", "{\"d\":+1}", "{\"d\":1,}", "{\"b\":truex}",
        "{\"d\":1} x", "{\"d\":1}{", "{\"l\":1234567890123456789}", "{\"d\":\"1.5\"}", "{\"l\":1.5}", "{\"l\":1e3}",
        "{\"i\":2147483648}", "{\"b\":1}", "{\"s\":{\"x\":1}}", "{\"zz\":{\"x\":1}}", "{\"t\":\"yesterday\"}",
        "{\"d\":1", "[1]", "{\"d\":0." + "5".repeat(1000) + "}", "",
        "{\"s\":\"tab\there\"}", "{\"d\" 1}", "{d:1}", "{\"d\":1 2}", "{\"d\":-}"}) {
      assertFalse(scan(line), line);
    }
  }
}
