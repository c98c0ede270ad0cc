package io.lakemr.formats.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.data.ColumnType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ValueParserTest {

  private final ValueParser p = new ValueParser();

  private static byte[] b(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private boolean ts(String s) {
    byte[] x = b(s);
    return p.parseTimestamp(x, 0, x.length);
  }

  @Test
  void longsAtTheEdgesOfTheRange() {
    for (String s : new String[] {"0", "-0", "+7", "9223372036854775807", "-9223372036854775808", "007"}) {
      assertTrue(p.parseLong(b(s), 0, s.length()), s);
      assertEquals(Long.parseLong(s), p.longValue, s);
    }
    for (String s : new String[] {"", "-", "9223372036854775808", "-9223372036854775809", "1.0", "1e3", " 1", "x"}) {
      assertFalse(p.parseLong(b(s), 0, s.length()), s);
    }
    assertFalse(p.parseInt(b("2147483648"), 0, 10));
  }

  @Test
  void doublesAreCorrectlyRounded() {
    Random random = new Random(7);
    for (int i = 0; i < 20_000; i++) {
      double d = Double.longBitsToDouble(random.nextLong());
      if (Double.isNaN(d)) {
        continue;
      }
      String s = Double.toString(d);
      assertTrue(p.parseDouble(b(s), 0, s.length()), s);
      assertEquals(d, p.doubleValue, s);
    }
    for (int i = 0; i < 20_000; i++) {
      String digits = Long.toString(random.nextLong() & (i % 3 == 0 ? 0x7FFFFFFFFFFFL : 0x3FFFFFFFFFFFFFL));
      int point = random.nextInt(digits.length() + 1);
      String s = (i % 2 == 0 ? "-" : "") + digits.substring(0, point) + "." + digits.substring(point);
      assertTrue(p.parseDouble(b(s), 0, s.length()), s);
      assertEquals(Double.parseDouble(s), p.doubleValue, s);
    }
    for (String s : new String[] {"1", "-2.5", "1e-5", "6.02E23", "NaN", "-Infinity", "0.1"}) {
      assertTrue(p.parseDouble(b(s), 0, s.length()), s);
      assertEquals(Double.parseDouble(s), p.doubleValue, s);
    }
    for (String s : new String[] {"", "1d", "0x1p3", "1,5", "abc", "1.2.3", "--1"}) {
      assertFalse(p.parseDouble(b(s), 0, s.length()), s);
    }
  }

  @Test
  void isoTimestampsWithAndWithoutOffsets() {
    String[][] cases = {
        {"2026-01-02T03:04:05.678Z", "2026-01-02T03:04:05.678Z"},
        {"2026-01-02T03:04:05.678+02:00", "2026-01-02T01:04:05.678Z"},
        {"2026-01-02 03:04:05-0530", "2026-01-02T08:34:05Z"},
        {"2026-01-02T03:04", "2026-01-02T03:04:00Z"},
        {"2026-01-02T03:04:05.123456789", "2026-01-02T03:04:05.123Z"},
        {"2026-01-02T03:04:05.1+05", "2026-01-01T22:04:05.100Z"},
        {"1969-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z"},
        {"2024-02-29", "2024-02-29T00:00:00Z"},
        {"0001-01-01T00:00:00Z", "0001-01-01T00:00:00Z"},
    };
    for (String[] c : cases) {
      assertTrue(ts(c[0]), c[0]);
      assertEquals(Instant.parse(c[1]).toEpochMilli(), p.longValue, c[0]);
    }
    for (String s : new String[] {"2026-02-29", "2026-13-01", "2026-01-02T24:00", "2026-01-02T03:04:05.", "2026-01-02X",
        "2026-01-02T03:04:05+1", "26-01-02", "2026-01-02T03:04:05Zz"}) {
      assertFalse(ts(s), s);
    }
  }

  @Test
  void datesAreDaysSinceTheEpoch() {
    for (LocalDate d = LocalDate.of(1899, 12, 25); d.isBefore(LocalDate.of(2101, 1, 5)); d = d.plusDays(13)) {
      String s = d.toString();
      assertTrue(p.parseDate(b(s), 0, 10), s);
      assertEquals(d.toEpochDay(), p.longValue, s);
    }
  }

  @Test
  void aCustomTimestampPattern() {
    ValueParser custom = new ValueParser(DateTimeFormatter.ofPattern("dd/MM/yyyy HH:mm[:ss][ XXX]"));
    byte[] x = b("02/01/2026 03:04:05 +01:00");
    assertTrue(custom.parseTimestamp(x, 0, x.length));
    assertEquals(Instant.parse("2026-01-02T02:04:05Z").toEpochMilli(), custom.longValue);
    byte[] y = b("02/01/2026 03:04");
    assertTrue(custom.parseTimestamp(y, 0, y.length));
    assertEquals(Instant.parse("2026-01-02T03:04:00Z").toEpochMilli(), custom.longValue);
    assertFalse(custom.parseTimestamp(b("2026-01-02"), 0, 10));
  }

  @Test
  void kindsWidenLongToDoubleToString() {
    int longs = kind("12") | kind("-3");
    assertEquals(ColumnType.LONG, ValueParser.typeOf(longs));
    assertEquals(ColumnType.DOUBLE, ValueParser.typeOf(longs | kind("1.5")));
    assertEquals(ColumnType.DOUBLE, ValueParser.typeOf(kind("99999999999999999999")));
    assertEquals(ColumnType.STRING, ValueParser.typeOf(longs | kind("x")));
    assertEquals(ColumnType.BOOLEAN, ValueParser.typeOf(kind("TRUE") | kind("false")));
    assertEquals(ColumnType.STRING, ValueParser.typeOf(kind("true") | kind("1")));
    assertEquals(ColumnType.DATE, ValueParser.typeOf(kind("2026-01-01")));
    assertEquals(ColumnType.TIMESTAMP, ValueParser.typeOf(kind("2026-01-01") | kind("2026-01-01T00:00Z")));
    assertEquals(ColumnType.STRING, ValueParser.typeOf(0));
  }

  private int kind(String s) {
    return p.kind(b(s), 0, b(s).length);
  }

  @Test
  void utf8Validation() {
    assertTrue(Utf8.isValid(b("plain ünïcödé 日本 🎉"), 0, b("plain ünïcödé 日本 🎉").length));
    byte[][] bad = {{(byte) 0xff}, {(byte) 0xc0, (byte) 0x80}, {(byte) 0xe2, (byte) 0x82}, {(byte) 0xed, (byte) 0xa0,
        (byte) 0x80}, {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}, {'a', (byte) 0x80}};
    for (byte[] x : bad) {
      assertFalse(Utf8.isValid(x, 0, x.length));
    }
  }
}
