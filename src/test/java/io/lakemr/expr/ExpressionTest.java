package io.lakemr.expr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lakemr.conf.BadInputException;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.TableSchema;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parsing, type checking, errors with positions, null semantics and every function, one row at a time. */
class ExpressionTest {

  static final List<Column> COLUMNS = List.of(new Column("a", ColumnType.LONG), new Column("x", ColumnType.DOUBLE),
      new Column("s", ColumnType.STRING), new Column("ts", ColumnType.TIMESTAMP), new Column("b", ColumnType.BOOLEAN),
      new Column("odd name", ColumnType.LONG), new Column("i", ColumnType.INT), new Column("d", ColumnType.DATE));
  static final TableSchema TABLE = new TableSchema("t.parquet", COLUMNS, Map.of("nested", "a group, not a value"));

  /** a=7, x=2.5, s=' Héllo ', ts=2026-01-02T03:04:05.678Z, b=true, odd=10, i=3, d=2026-01-02. */
  static Object eval(String text) {
    return Rows.eval(text, COLUMNS, 7L, 2.5, " Héllo ", 1_767_323_045_678L, true, 10L, 3, 20_455L);
  }

  static Object evalNulls(String text) {
    return Rows.eval(text, COLUMNS, null, null, null, null, null, null, null, null);
  }

  static String error(String text) {
    return assertThrows(BadInputException.class, () -> Expression.parse("--where", text, TABLE)).getMessage();
  }

  @Test
  void precedence() {
    assertEquals(7L + 2 * 3, eval("a + 2 * 3"));
    assertEquals((7L + 2) * 3, eval("(a + 2) * 3"));
    assertEquals(7L - 2 - 3, eval("a - 2 - 3"));
    assertEquals(-7L * 2, eval("-a * 2"));
    assertEquals(1L, eval("a % 3 * 1"));
    assertEquals(true, eval("a > 1 OR a < 0 AND a = 100"));
    assertEquals(false, eval("(a > 1 OR a < 0) AND a = 100"));
    assertEquals(false, eval("NOT a > 1 AND true"));
    assertEquals(true, eval("NOT (a > 1 AND false)"));
    assertEquals(true, eval("a + 1 BETWEEN 8 AND 2 * 4"));
    assertEquals(true, eval("a NOT BETWEEN 8 AND 9 and a not in (1, 2)"));
    assertEquals(true, eval("`odd name` = 10 AND \"odd name\" <> 11"));
    assertEquals(true, eval("s = ' Héllo ' AND 'it''s' = concat('it', '''s')"));
    assertEquals(3.5, eval("7 / 2"));
    assertEquals(-1L, eval("-7 % 3"));
    assertEquals(Long.MIN_VALUE, eval("-9223372036854775808"));
    assertEquals(1.5e3, eval("1.5E3"));
    assertEquals(0.25, eval(".25"));
  }

  @Test
  void errorsNameTheOptionThePositionAndTheText() {
    assertEquals("--where: unknown column 'vlaue' at position 1 in \"vlaue > 3\"", error("vlaue > 3"));
    assertEquals("--where: unknown column 'y' at position 9 in \"a > 1 + y\"", error("a > 1 + y"));
    assertEquals("--where: cannot compare a string with a long at position 3 in \"s > 1\"", error("s > 1"));
    assertEquals("--where: '+' needs a number, not a string at position 5 in \"a + s > 1\"", error("a + s > 1"));
    assertEquals("--where: syntax error: unexpected the end at position 4 in \"a >\"", error("a >"));
    assertEquals("--where: syntax error: expected ')' but found the end at position 7 in \"(a > 1\"", error("(a > 1"));
    assertEquals("--where: syntax error: unexpected '=' at position 7 in \"a = 1 = 2\"", error("a = 1 = 2"));
    assertEquals("--where: unterminated string at position 5 in \"s = 'abc\"", error("s = 'abc"));
    assertEquals("--where: unexpected character '#' at position 3 in \"a # 1\"", error("a # 1"));
    assertEquals("--where: unknown function 'fo' at position 1 in \"fo(a) > 1\"", error("fo(a) > 1"));
    assertEquals("--where: substr takes 2 or 3 arguments, not 1 at position 1 in \"substr(s) = ''\"",
        error("substr(s) = ''"));
    assertEquals("--where: window size '1y' is not a positive whole number followed by s, m, h or d"
        + " at position 18 in \"window_start(ts, '1y') > 0\"", error("window_start(ts, '1y') > 0"));
    assertEquals("--where: date needs an epoch-millisecond timestamp (timestamp or long) or a date, not a string"
        + " at position 6 in \"date(s) = ''\"", error("date(s) = ''"));
    assertEquals("--where: column 'nested' cannot be read: a group, not a value at position 1 in \"nested = 1\"",
        error("nested = 1"));
    assertEquals("--where: cannot tell the type of NULL here; write cast(NULL AS long|double|string) at position 1"
        + " in \"NULL\"", assertThrows(BadInputException.class,
            () -> Expression.parse("--where", "NULL", TABLE)).getMessage());
    assertEquals("--where: NOT needs a condition, not a long at position 5 in \"NOT a\"", error("NOT a"));
    assertEquals("--where: IN lists hold literals only at position 10 in \"a IN (1, a)\"", error("a IN (1, a)"));
    assertEquals("--where: cannot cast to 'date' (types: long, double, string) at position 11 in \"cast(a AS date) = 1\"",
        error("cast(a AS date) = 1"));
    assertEquals("--where: syntax error: unexpected 'in' (a column with this name is written `in`) at position 1"
        + " in \"in = 1\"", error("in = 1"));
    assertEquals("--where: integer 99999999999999999999 is out of the range of a long; write 99999999999999999999.0"
        + " for a double at position 5 in \"a > 99999999999999999999\"", error("a > 99999999999999999999"));
  }

  @Test
  void whereMustBeACondition() {
    BadInputException e = assertThrows(BadInputException.class,
        () -> BatchTransform.create(COLUMNS, "a + 1", List.of()));
    assertEquals("--where: the expression gives a long, not a condition (true or false) at position 1 in \"a + 1\"",
        e.getMessage());
    e = assertThrows(BadInputException.class,
        () -> BatchTransform.create(COLUMNS, null, List.of(Derivation.parse("h=hour(zz)"))));
    assertEquals("--derive h: unknown column 'zz' at position 6 in \"hour(zz)\"", e.getMessage());
    e = assertThrows(BadInputException.class,
        () -> BatchTransform.create(COLUMNS, null, List.of(Derivation.parse("a=1"))));
    assertEquals("--derive: column 'a' already exists", e.getMessage());
    assertThrows(BadInputException.class, () -> Derivation.parse("1x=a"));
    assertThrows(BadInputException.class, () -> Derivation.parse("noequals"));
  }

  @Test
  void threeValuedLogic() {
    assertNull(evalNulls("a > 1"));
    assertNull(evalNulls("a = a"));
    assertEquals(false, evalNulls("a > 1 AND false"));
    assertNull(evalNulls("a > 1 AND true"));
    assertEquals(true, evalNulls("a > 1 OR true"));
    assertNull(evalNulls("a > 1 OR false"));
    assertNull(evalNulls("NOT a > 1"));
    assertEquals(true, evalNulls("a IS NULL AND s IS NULL AND NOT (x IS NOT NULL)"));
    assertNull(evalNulls("a IN (1, 2)"));
    assertNull(eval("a IN (1, NULL)"));
    assertEquals(true, eval("a IN (7, NULL)"));
    assertNull(eval("a NOT IN (1, NULL)"));
    assertEquals(false, eval("a NOT IN (7, NULL)"));
    assertNull(eval("a = NULL"));
    assertNull(eval("a + NULL"));
    assertNull(evalNulls("a BETWEEN 1 AND 2"));
    assertEquals(false, evalNulls("a BETWEEN 1 AND 2 AND false"));
    assertEquals(5L, evalNulls("coalesce(a, i, 5)"));
    assertEquals(7L, eval("coalesce(a, 5)"));
    assertEquals(2.5, eval("coalesce(NULL, x, a)"));
    assertEquals("z", evalNulls("coalesce(s, 'z')"));
    assertNull(evalNulls("coalesce(a, i)"));
    assertNull(evalNulls("concat(s, 'x')"));
    assertNull(evalNulls("date(ts)"));
  }

  @Test
  void divisionAndDomainErrorsGiveNull() {
    assertNull(eval("a / 0"));
    assertNull(eval("a % 0"));
    assertNull(eval("x / 0"));
    assertNull(eval("x % 0.0"));
    assertEquals(3.5, eval("a / 2"));
    assertEquals(1L, eval("a % 2"));
    assertEquals(0.5, eval("x % 2"));
    assertNull(eval("sqrt(-1)"));
    assertNull(eval("ln(0)"));
    assertNull(eval("pow(-8, 0.5)"));
    assertEquals(Long.MIN_VALUE, eval("9223372036854775807 + 1"), "longs wrap");
  }

  @Test
  void timeFunctionsInUtc() {
    // ts = 2026-01-02T03:04:05.678Z
    assertEquals("2026-01-02", eval("date(ts)"));
    assertEquals(2026L, eval("year(ts)"));
    assertEquals(1L, eval("month(ts)"));
    assertEquals(2L, eval("day(ts)"));
    assertEquals(3L, eval("hour(ts)"));
    assertEquals(1_767_322_800_000L, eval("window_start(ts, '1h')"));
    assertEquals(1_767_322_800_000L + 4 * 60_000, eval("window_start(ts, '2m')"));
    assertEquals(1_767_312_000_000L, eval("window_start(ts, '1d')"));
    assertEquals(1_767_323_045_000L, eval("window_start(ts, '1s')"));
    assertEquals(1_767_323_040_000L, eval("window_start(ts, ' 15 s ')"));
    assertEquals("2026-01-02", eval("date(d)"));
    assertEquals(2026L, eval("year(d)"));
    assertEquals(true, eval("d = '2026-01-02' AND d BETWEEN '2026-01-01' AND '2026-01-31'"));
    assertEquals("2026-01-02 03:04:05.678", eval("cast(ts AS string)"));
  }

  @Test
  void timeFunctionsAtBoundariesAndBeforeTheEpoch() {
    List<Column> one = List.of(new Column("t", ColumnType.LONG));
    Object[][] cases = {
        // t, date, year, month, day, hour, hourly window start, daily window start
        {0L, "1970-01-01", 1970L, 1L, 1L, 0L, 0L, 0L},
        {-1L, "1969-12-31", 1969L, 12L, 31L, 23L, -3_600_000L, -86_400_000L},
        {-3_600_000L, "1969-12-31", 1969L, 12L, 31L, 23L, -3_600_000L, -86_400_000L},
        {-3_600_001L, "1969-12-31", 1969L, 12L, 31L, 22L, -7_200_000L, -86_400_000L},
        {3_599_999L, "1970-01-01", 1970L, 1L, 1L, 0L, 0L, 0L},
        {3_600_000L, "1970-01-01", 1970L, 1L, 1L, 1L, 3_600_000L, 0L},
        {951_782_400_000L, "2000-02-29", 2000L, 2L, 29L, 0L, 951_782_400_000L, 951_782_400_000L},
        {1_767_225_599_999L, "2025-12-31", 2025L, 12L, 31L, 23L, 1_767_222_000_000L, 1_767_139_200_000L},
        {-62_135_596_800_000L, "0001-01-01", 1L, 1L, 1L, 0L, -62_135_596_800_000L, -62_135_596_800_000L},
    };
    for (Object[] c : cases) {
      String at = "t=" + c[0];
      assertEquals(c[1], Rows.eval("date(t)", one, c[0]), at);
      assertEquals(c[2], Rows.eval("year(t)", one, c[0]), at);
      assertEquals(c[3], Rows.eval("month(t)", one, c[0]), at);
      assertEquals(c[4], Rows.eval("day(t)", one, c[0]), at);
      assertEquals(c[5], Rows.eval("hour(t)", one, c[0]), at);
      assertEquals(c[6], Rows.eval("window_start(t, '1h')", one, c[0]), at);
      assertEquals(c[7], Rows.eval("window_start(t, '1d')", one, c[0]), at);
      assertEquals(c[6], Rows.eval("window_start(t, '60m')", one, c[0]), at);
    }
    assertNull(Rows.eval("window_start(t, '1h')", one, Long.MIN_VALUE), "no window start below the long range");
    assertEquals(Long.MAX_VALUE - Math.floorMod(Long.MAX_VALUE, 3_600_000L),
        Rows.eval("window_start(t, '1h')", one, Long.MAX_VALUE));
  }

  @Test
  void numericFunctions() {
    assertEquals(7L, eval("abs(-a)"));
    assertEquals(2.5, eval("abs(-x)"));
    assertEquals(2.0, eval("floor(x)"));
    assertEquals(3.0, eval("ceil(x)"));
    assertEquals(-3.0, eval("floor(-x)"));
    assertEquals(7L, eval("floor(a)"));
    assertEquals(3.0, eval("round(x)"));
    assertEquals(-3.0, eval("round(-x)"));
    assertEquals(2.0, eval("round(2.4999999999999996)"));
    assertEquals(1.01, eval("round(1.005, 2)"));
    assertEquals(1250.0, eval("round(1245.1, -1)"));
    assertEquals(10L, eval("round(a, -1)"));
    assertEquals(-10L, eval("round(-a + 2, -1)"));
    assertEquals(0L, eval("round(a - 3, -1)"));
    assertEquals(3.0, eval("sqrt(9)"));
    assertEquals(0.0, eval("ln(1)"));
    assertEquals(Math.E, eval("exp(1)"));
    assertEquals(1024.0, eval("pow(2, 10)"));
    assertEquals(7L, eval("cast(x * 3 AS long)"));
    assertEquals(-7L, eval("cast(-x * 3 AS long)"));
    assertEquals(12L, eval("cast(' 12 ' AS long)"));
    assertEquals(12L, eval("cast('12.9' AS long)"));
    assertNull(eval("cast('1d' AS double)"));
    assertNull(eval("cast('twelve' AS long)"));
    assertNull(eval("cast(1e300 AS long)"));
    assertEquals(-350.0, eval("cast('-3.5e2' AS double)"));
    assertEquals(7.0, eval("cast(a AS double)"));
    assertEquals("7", eval("cast(a AS string)"));
    assertEquals("2.5", eval("cast(x AS string)"));
    assertEquals("true", eval("cast(b AS string)"));
    assertEquals(1L, eval("cast(b AS long)"));
    assertEquals(3L, eval("cast(i AS long)"));
  }

  @Test
  void stringFunctions() {
    assertEquals(" héllo ", eval("lower(s)"));
    assertEquals(" HÉLLO ", eval("upper(s)"));
    assertEquals("ABC", eval("upper('abc')"));
    assertEquals("Héllo", eval("trim(s)"));
    assertEquals("", eval("trim('   ')"));
    assertEquals(7L, eval("length(s)"));
    assertEquals(0L, eval("length('')"));
    assertEquals("Hé", eval("substr(s, 2, 2)"));
    assertEquals("éllo ", eval("substr(s, 3)"));
    assertEquals("lo", eval("substr(s, -3, 2)"));
    assertEquals(" H", eval("substr(s, 0, 2)"));
    assertEquals("", eval("substr(s, 2, -1)"));
    assertEquals("", eval("substr(s, 100)"));
    assertEquals(" ", eval("substr(s, -100, 94)"));
    assertEquals("a7-2.5", eval("concat('a', a, '-', x)"));
    assertEquals(true, eval("s < 'a' AND 'é' > 'z' AND 'ab' > 'a'"));
  }

  @Test
  void columnsUsedAndTypes() {
    Expression e = Expression.parse("--where", "a > 1 AND date(ts) IN ('x') OR `odd name` IS NULL", TABLE);
    assertEquals(List.of("a", "ts", "odd name"), List.copyOf(e.columns()));
    assertEquals(ColumnType.BOOLEAN, e.type());
    assertEquals(ColumnType.TIMESTAMP, Expression.parse("--derive w", "window_start(ts, '1h')", TABLE).type());
    assertEquals(ColumnType.LONG, Expression.parse("--derive w", "window_start(a, '1h')", TABLE).type());
    assertEquals(ColumnType.LONG, Expression.parse("--derive w", "i + i", TABLE).type());
    assertEquals(ColumnType.DOUBLE, Expression.parse("--derive w", "i / i", TABLE).type());
    assertEquals(ColumnType.STRING, Expression.parse("--derive w", "date(ts)", TABLE).type());
    assertEquals(Arrays.asList("a", "x"), List.copyOf(Expression.parse("--w", "coalesce(a, x)", TABLE).columns()));
  }

  @Test
  void nanAndZerosCompareAsSparkAndDuckDbOrderThem() {
    assertEquals(true, eval("cast('NaN' AS double) = cast('NaN' AS double)"));
    assertEquals(true, eval("cast('NaN' AS double) > 1e308"));
    assertEquals(true, eval("-0.0 = 0.0"));
  }
}
