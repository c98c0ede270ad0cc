package io.lakemr.expr;

import io.lakemr.expr.ReferenceEvaluator.Typed;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The functions of {@link ReferenceEvaluator}, one row at a time. */
final class ReferenceFunctions {

  private ReferenceFunctions() {
  }

  static Typed call(Node.Call c, Map<String, Object> row, ReferenceEvaluator ev) {
    List<Typed> args = new ArrayList<>();
    for (Node a : c.args()) {
      args.add(ev.eval(a, row));
    }
    if (c.name().equals("coalesce")) {
      return coalesce(args);
    }
    if (c.name().equals("concat")) {
      return concat(args);
    }
    for (Typed t : args) {
      if (t.value() == null) {
        return new Typed(resultKind(c.name(), args.get(0).kind()), null);
      }
    }
    Object x = args.get(0).value();
    switch (c.name()) {
      case "date", "year", "month", "day", "hour", "window_start":
        return time(c.name(), args, (Long) x);
      case "abs":
        return x instanceof Long l ? new Typed('L', Math.abs(l)) : new Typed('D', Math.abs((Double) x));
      case "floor":
        return x instanceof Long ? new Typed('L', x) : new Typed('D', Math.floor((Double) x));
      case "ceil":
        return x instanceof Long ? new Typed('L', x) : new Typed('D', Math.ceil((Double) x));
      case "round": {
        int digits = args.size() > 1 ? (int) (long) (Long) args.get(1).value() : 0;
        if (x instanceof Long l) {
          return new Typed('L', new BigDecimal(l).setScale(digits, RoundingMode.HALF_UP).longValue());
        }
        double d = (Double) x;
        if (Double.isNaN(d) || Double.isInfinite(d)) {
          return new Typed('D', d);
        }
        return new Typed('D', new BigDecimal(Double.toString(d)).setScale(digits, RoundingMode.HALF_UP).doubleValue());
      }
      case "sqrt": {
        double d = num(x);
        return new Typed('D', d < 0 ? null : Math.sqrt(d));
      }
      case "ln": {
        double d = num(x);
        return new Typed('D', d <= 0 ? null : Math.log(d));
      }
      case "exp":
        return new Typed('D', Math.exp(num(x)));
      case "pow": {
        double a = num(x);
        double b = num(args.get(1).value());
        double r = Math.pow(a, b);
        return new Typed('D', Double.isNaN(r) && !Double.isNaN(a) && !Double.isNaN(b) ? null : r);
      }
      case "lower":
        return new Typed('S', ((String) x).toLowerCase(Locale.ROOT));
      case "upper":
        return new Typed('S', ((String) x).toUpperCase(Locale.ROOT));
      case "trim":
        return new Typed('S', ((String) x).trim());
      case "length": {
        String s = (String) x;
        return new Typed('L', (long) s.codePointCount(0, s.length()));
      }
      case "substr":
        return new Typed('S', substr((String) x, (Long) args.get(1).value(),
            args.size() > 2 ? (Long) args.get(2).value() : null));
      default:
        throw new IllegalArgumentException("reference has no " + c.name());
    }
  }

  private static Typed coalesce(List<Typed> args) {
    char kind = args.stream().allMatch(t -> t.kind() == 'T') ? 'T' : 'L';
    for (Typed t : args) {
      if (t.kind() == 'D') {
        kind = 'D';
      } else if (t.kind() == 'S') {
        kind = 'S';
      }
    }
    for (Typed t : args) {
      if (t.value() != null) {
        return ReferenceEvaluator.cast(t, kind);
      }
    }
    return new Typed(kind, null);
  }

  private static Typed concat(List<Typed> args) {
    StringBuilder sb = new StringBuilder();
    for (Typed t : args) {
      if (t.value() == null) {
        return new Typed('S', null);
      }
      sb.append(ReferenceEvaluator.cast(t, 'S').value());
    }
    return new Typed('S', sb.toString());
  }

  private static Typed time(String name, List<Typed> args, Long x) {
    switch (name) {
      case "date":
        return new Typed('S', ReferenceEvaluator.utc(x).toLocalDate().toString());
      case "year":
        return new Typed('L', (long) ReferenceEvaluator.utc(x).getYear());
      case "month":
        return new Typed('L', (long) ReferenceEvaluator.utc(x).getMonthValue());
      case "day":
        return new Typed('L', (long) ReferenceEvaluator.utc(x).getDayOfMonth());
      case "hour":
        return new Typed('L', (long) ReferenceEvaluator.utc(x).getHour());
      case "window_start": {
        String size = (String) args.get(1).value();
        long unit = switch (size.charAt(size.length() - 1)) {
          case 's' -> 1000L;
          case 'm' -> 60_000L;
          case 'h' -> 3_600_000L;
          default -> 86_400_000L;
        };
        long w = Long.parseLong(size.substring(0, size.length() - 1)) * unit;
        return new Typed(args.get(0).kind(), Math.floorDiv(x, w) * w);
      }
      default:
        throw new IllegalArgumentException("reference has no " + name);
    }
  }

  private static double num(Object x) {
    return ((Number) x).doubleValue();
  }

  private static char resultKind(String name, char first) {
    switch (name) {
      case "date":
      case "lower":
      case "upper":
      case "trim":
      case "substr":
        return 'S';
      case "abs":
      case "floor":
      case "ceil":
      case "round":
        return first == 'T' ? 'L' : first;
      case "window_start":
        return first;
      case "sqrt":
      case "ln":
      case "exp":
      case "pow":
        return 'D';
      default:
        return 'L';
    }
  }

  /** Spark's substring: 1-based, negative from the end, 0 as 1, in code points. */
  private static String substr(String s, long pos, Long len) {
    int[] cps = s.codePoints().toArray();
    long n = cps.length;
    long start = pos > 0 ? pos - 1 : pos < 0 ? n + pos : 0;
    long end = len == null ? n : len < 0 ? start : start + len;
    start = Math.max(0, start);
    end = Math.min(n, end);
    if (start >= end) {
      return "";
    }
    return new String(cps, (int) start, (int) (end - start));
  }
}
