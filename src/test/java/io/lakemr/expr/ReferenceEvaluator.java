package io.lakemr.expr;

import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A plain per-row interpreter of expression trees over Java values (Long, Double, String, Boolean,
 * null), written separately from the vectorized operators to check them. It covers the
 * expressions {@link VectorizedEvaluationTest} generates.
 */
final class ReferenceEvaluator {

  /** A value with its static kind: L (long), T (timestamp, a long), D (double), S (string), B (boolean). */
  record Typed(char kind, Object value) {
  }

  private final Map<String, Column> columns;

  ReferenceEvaluator(List<Column> columns) {
    this.columns = new HashMap<>();
    for (Column c : columns) {
      this.columns.put(c.name(), c);
    }
  }

  static char kindOf(ColumnType t) {
    switch (t) {
      case DOUBLE:
      case FLOAT:
        return 'D';
      case STRING:
        return 'S';
      case BOOLEAN:
        return 'B';
      case TIMESTAMP:
        return 'T';
      default:
        return 'L';
    }
  }

  Typed eval(Node n, Map<String, Object> row) {
    if (n instanceof Node.Literal l) {
      Object v = l.value();
      char k = v instanceof Long ? 'L' : v instanceof Double ? 'D' : v instanceof String ? 'S' : 'B';
      return new Typed(k, v);
    }
    if (n instanceof Node.ColumnRef c) {
      Column col = columns.get(c.name());
      Object v = row.get(c.name());
      if (v instanceof Integer i) {
        v = (long) i;
      }
      return new Typed(kindOf(col.type()), v);
    }
    if (n instanceof Node.Unary u) {
      Typed x = eval(u.operand(), row);
      if (u.op().equals("NOT")) {
        return new Typed('B', x.value == null ? null : !(Boolean) x.value);
      }
      if (x.value == null) {
        return new Typed(x.kind, null);
      }
      return x.kind != 'D' ? new Typed('L', 0L - (Long) x.value) : new Typed('D', 0.0 - (Double) x.value);
    }
    if (n instanceof Node.Binary b) {
      return binary(b, row);
    }
    if (n instanceof Node.IsNull i) {
      return new Typed('B', (eval(i.operand(), row).value == null) != i.negated());
    }
    if (n instanceof Node.Between bt) {
      Typed x = eval(bt.operand(), row);
      Boolean ge = cmpBool(">=", x, eval(bt.low(), row));
      Boolean le = cmpBool("<=", x, eval(bt.high(), row));
      Boolean in = and(ge, le);
      return new Typed('B', in == null ? null : in != bt.negated());
    }
    if (n instanceof Node.In in) {
      Typed x = eval(in.operand(), row);
      if (x.value == null) {
        return new Typed('B', null);
      }
      boolean sawNull = false;
      for (Node item : in.list()) {
        Typed v = eval(item, row);
        if (v.value == null) {
          sawNull = true;
        } else if (compare(x, v) == 0) {
          return new Typed('B', !in.negated());
        }
      }
      return new Typed('B', sawNull ? null : in.negated());
    }
    if (n instanceof Node.Cast c) {
      return cast(eval(c.operand(), row), c.type().equals("long") ? 'L' : c.type().equals("double") ? 'D' : 'S');
    }
    return ReferenceFunctions.call((Node.Call) n, row, this);
  }

  private Typed binary(Node.Binary b, Map<String, Object> row) {
    Typed l = eval(b.left(), row);
    Typed r = eval(b.right(), row);
    switch (b.op()) {
      case "AND":
        return new Typed('B', and((Boolean) l.value, (Boolean) r.value));
      case "OR": {
        Boolean x = (Boolean) l.value;
        Boolean y = (Boolean) r.value;
        Boolean v = Boolean.TRUE.equals(x) || Boolean.TRUE.equals(y) ? Boolean.TRUE
            : x == null || y == null ? null : Boolean.FALSE;
        return new Typed('B', v);
      }
      case "+":
      case "-":
      case "*":
      case "/":
      case "%":
        return arithmetic(b.op(), l, r);
      default:
        return new Typed('B', cmpBool(b.op(), l, r));
    }
  }

  static Boolean and(Boolean x, Boolean y) {
    if (Boolean.FALSE.equals(x) || Boolean.FALSE.equals(y)) {
      return false;
    }
    return x == null || y == null ? null : true;
  }

  private static Typed arithmetic(String op, Typed l, Typed r) {
    boolean longs = isLong(l) && isLong(r) && !op.equals("/");
    if (l.value == null || r.value == null) {
      return new Typed(longs ? 'L' : 'D', null);
    }
    if (longs) {
      long x = (Long) l.value;
      long y = (Long) r.value;
      switch (op) {
        case "+":
          return new Typed('L', x + y);
        case "-":
          return new Typed('L', x - y);
        case "*":
          return new Typed('L', x * y);
        default:
          return new Typed('L', y == 0 ? null : x % y);
      }
    }
    double x = ((Number) l.value).doubleValue();
    double y = ((Number) r.value).doubleValue();
    switch (op) {
      case "+":
        return new Typed('D', x + y);
      case "-":
        return new Typed('D', x - y);
      case "*":
        return new Typed('D', x * y);
      case "/":
        return new Typed('D', y == 0 ? null : x / y);
      default:
        return new Typed('D', y == 0 ? null : x % y);
    }
  }

  static Boolean cmpBool(String op, Typed l, Typed r) {
    if (l.value == null || r.value == null) {
      return null;
    }
    int c = compare(l, r);
    switch (op) {
      case "=":
        return c == 0;
      case "!=":
        return c != 0;
      case "<":
        return c < 0;
      case "<=":
        return c <= 0;
      case ">":
        return c > 0;
      default:
        return c >= 0;
    }
  }

  /** Strings by code points; numbers as longs or, mixed, as doubles with NaN greatest and -0.0 = 0.0. */
  static int compare(Typed l, Typed r) {
    if (l.kind == 'S') {
      int[] a = ((String) l.value).codePoints().toArray();
      int[] b = ((String) r.value).codePoints().toArray();
      return Arrays.compare(a, b);
    }
    if (l.kind == 'B') {
      return Boolean.compare((Boolean) l.value, (Boolean) r.value);
    }
    if (isLong(l) && isLong(r)) {
      return Long.compare((Long) l.value, (Long) r.value);
    }
    double a = ((Number) l.value).doubleValue();
    double b = ((Number) r.value).doubleValue();
    if (Double.isNaN(a) || Double.isNaN(b)) {
      return Double.isNaN(a) && Double.isNaN(b) ? 0 : Double.isNaN(a) ? 1 : -1;
    }
    return a == b ? 0 : a < b ? -1 : 1;
  }

  static boolean isLong(Typed t) {
    return t.kind == 'L' || t.kind == 'T';
  }

  static Typed cast(Typed x, char to) {
    if (x.value == null) {
      return new Typed(to, null);
    }
    Object v = x.value;
    switch (to) {
      case 'T':
        return new Typed('T', v);
      case 'S':
        if (x.kind == 'T') {
          return new Typed('S', DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss.SSS")
              .format(utc((Long) v)));
        }
        return new Typed('S', v.toString());
      case 'D':
        if (v instanceof String s) {
          String t = s.trim();
          return new Typed('D', t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|NaN|[+-]?Infinity")
              ? Double.valueOf(t) : null);
        }
        return new Typed('D', v instanceof Boolean bool ? (bool ? 1.0 : 0.0) : ((Number) v).doubleValue());
      default:
        if (v instanceof String s) {
          String t = s.trim();
          if (t.matches("[+-]?\\d{1,18}")) {
            return new Typed('L', Long.parseLong(t));
          }
          Typed d = cast(x, 'D');
          return d.value == null ? new Typed('L', null) : cast(d, 'L');
        }
        if (v instanceof Double d) {
          boolean fits = !d.isNaN() && !d.isInfinite() && new BigDecimal(d).abs().compareTo(new BigDecimal("9223372036854775807")) <= 0
              && d != 0x1p63;
          return new Typed('L', fits ? new BigDecimal(d).setScale(0, RoundingMode.DOWN).longValueExact() : null);
        }
        return new Typed('L', v instanceof Boolean bool ? (bool ? 1L : 0L) : (Long) v);
    }
  }

  static ZonedDateTime utc(long millis) {
    return Instant.ofEpochMilli(millis).atZone(ZoneOffset.UTC);
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
