package io.lakemr.expr;

import java.util.SplittableRandom;

/** Random well-typed expression texts over the columns of {@link VectorizedEvaluationTest}. */
final class ExpressionGenerator {

  private static final String[] STRING_LITERALS = {"''", "'a'", "'ab'", "'B'", "' pad '", "'Héllo'", "'it''s'",
      "'12'", "'4.7'", "'NaN'"};

  private final SplittableRandom random;

  ExpressionGenerator(SplittableRandom random) {
    this.random = random;
  }

  private String pick(String... options) {
    return options[random.nextInt(options.length)];
  }

  /** An expression of a kind: L long, D double, S string, B boolean. */
  String expression(char kind, int depth) {
    switch (kind) {
      case 'L':
        return longs(depth);
      case 'D':
        return doubles(depth);
      case 'S':
        return strings(depth);
      default:
        return bools(depth);
    }
  }

  private String number(int depth) {
    return random.nextBoolean() ? longs(depth) : doubles(depth);
  }

  String longs(int depth) {
    if (depth <= 0 || random.nextInt(4) == 0) {
      return pick("a", "i", "a", String.valueOf(random.nextInt(-5, 6)), "9223372036854775807");
    }
    int d = depth - 1;
    switch (random.nextInt(13)) {
      case 0:
        return "(" + longs(d) + " " + pick("+", "-", "*", "%") + " " + longs(d) + ")";
      case 1:
        return "-" + longs(d);
      case 2:
        return pick("abs", "floor", "ceil") + "(" + longs(d) + ")";
      case 3:
        return "round(" + longs(d) + ", " + random.nextInt(-3, 2) + ")";
      case 4:
        return "length(" + strings(d) + ")";
      case 5:
        return pick("year", "month", "day", "hour") + "(ts)";
      case 6:
        return "window_start(ts, '" + random.nextInt(1, 90) + pick("s", "m", "h", "d") + "')";
      case 7:
        return "coalesce(" + longs(d) + ", " + longs(d) + ")";
      case 8:
        return "cast(" + pick(strings(d), doubles(d), "b") + " AS long)";
      case 9:
        return "(" + longs(d) + " % 0)";
      default:
        return "(" + longs(d) + " " + pick("+", "-", "*") + " " + longs(d) + ")";
    }
  }

  String doubles(int depth) {
    if (depth <= 0 || random.nextInt(4) == 0) {
      return pick("x", "x", "0.5", "-2.25", "1e3", "0.0");
    }
    int d = depth - 1;
    switch (random.nextInt(10)) {
      case 0:
        return "(" + number(d) + " / " + number(d) + ")";
      case 1:
        return "(" + doubles(d) + " " + pick("+", "-", "*", "%") + " " + number(d) + ")";
      case 2:
        return pick("abs", "floor", "ceil", "round") + "(" + doubles(d) + ")";
      case 3:
        return "round(" + doubles(d) + ", " + random.nextInt(-2, 4) + ")";
      case 4:
        return pick("sqrt", "ln", "exp") + "(" + number(d) + ")";
      case 5:
        return "pow(" + number(d) + ", " + pick("2", "0.5", "-1", "i") + ")";
      case 6:
        return "coalesce(" + doubles(d) + ", " + number(d) + ")";
      case 7:
        return "cast(" + pick(strings(d), longs(d)) + " AS double)";
      default:
        return "-" + doubles(d);
    }
  }

  String strings(int depth) {
    if (depth <= 0 || random.nextInt(4) == 0) {
      return pick("s", "s", STRING_LITERALS[random.nextInt(STRING_LITERALS.length)]);
    }
    int d = depth - 1;
    switch (random.nextInt(9)) {
      case 0:
        return pick("lower", "upper", "trim") + "(" + strings(d) + ")";
      case 1:
        return "substr(" + strings(d) + ", " + longs(d) + ")";
      case 2:
        return "substr(" + strings(d) + ", " + pick("1", "2", "-2", "0", "i") + ", " + pick("1", "3", "-1", "a") + ")";
      case 3:
        return "concat(" + strings(d) + ", " + pick(strings(d), longs(d), doubles(d)) + ")";
      case 4:
        return "date(ts)";
      case 5:
        return "cast(" + pick(longs(d), doubles(d)) + " AS string)";
      case 6:
        return "coalesce(" + strings(d) + ", " + strings(d) + ")";
      default:
        return "s";
    }
  }

  String bools(int depth) {
    if (depth <= 0 || random.nextInt(5) == 0) {
      return pick("b", "a > 0", "s = 'a'", "x < 0", "true", "ts IS NULL");
    }
    int d = depth - 1;
    String cmp = pick("=", "!=", "<>", "<", "<=", ">", ">=");
    switch (random.nextInt(11)) {
      case 0:
        return "(" + number(d) + " " + cmp + " " + number(d) + ")";
      case 1:
        return "(" + strings(d) + " " + cmp + " " + strings(d) + ")";
      case 2:
        return "(" + bools(d) + " AND " + bools(d) + ")";
      case 3:
        return "(" + bools(d) + " OR " + bools(d) + ")";
      case 4:
        return "NOT " + bools(d);
      case 5:
        return "((" + expression("LDSB".charAt(random.nextInt(4)), d) + ")" + pick(" IS NULL", " IS NOT NULL") + ")";
      case 6:
        return "(" + longs(d) + pick(" IN ", " NOT IN ") + "(1, -2, 3" + pick("", ", NULL") + "))";
      case 7:
        return "(" + doubles(d) + pick(" IN ", " NOT IN ") + "(0.5, 2, -0.0" + pick("", ", NULL") + "))";
      case 8:
        return "(" + strings(d) + pick(" IN ", " NOT IN ") + "('a', 'Héllo', ''" + pick("", ", NULL") + "))";
      case 9:
        return "(" + number(d) + pick(" BETWEEN ", " NOT BETWEEN ") + "-1 AND 2.5)";
      default:
        return "(b = (" + bools(d) + "))";
    }
  }
}
