package io.lakemr.agg;

import io.lakemr.conf.BadInputException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One aggregate of {@code --agg}: a function, the column it reads ({@code null} for
 * {@code count(*)}) and, for {@code approx_quantile(col, q)}, its parameter.
 *
 * <p>Result column names: {@code count} for {@code count(*)}, else {@code fn_col}, and for
 * {@code approx_quantile} the quantile too, written without trailing zeros and with {@code _}
 * for the point: {@code approx_quantile(value, 0.9)} is {@code approx_quantile_value_0_9},
 * {@code approx_quantile(value, 0.95)} is {@code approx_quantile_value_0_95}.
 *
 * @param function the function
 * @param column the input column, or null for {@code count(*)}
 * @param parameter the quantile of {@code approx_quantile} (0 to 1), else null
 */
public record AggSpec(AggFunction function, String column, Double parameter) {

  /** An aggregate without a parameter. */
  public AggSpec(AggFunction function, String column) {
    this(function, column, null);
  }

  private static final Pattern CALL = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\(\\s*([^()]*?)\\s*\\)\\s*");

  /** The result column's name: {@code count} for {@code count(*)}, else {@code fn_col}. */
  public String resultName() {
    if (function == AggFunction.COUNT_STAR) {
      return "count";
    }
    String base = function.sqlName() + "_" + column;
    return parameter == null ? base : base + "_" + parameterText().replace('.', '_');
  }

  /** The quantile this aggregate estimates: its parameter, 0.5 for a median, else null. */
  public Double quantile() {
    return function == AggFunction.APPROX_MEDIAN ? Double.valueOf(0.5) : parameter;
  }

  private String parameterText() {
    return new BigDecimal(parameter.toString()).stripTrailingZeros().toPlainString();
  }

  @Override
  public String toString() {
    String arg = column == null ? "*" : column;
    return function.sqlName() + "(" + arg + (parameter == null ? "" : ", " + parameterText()) + ")";
  }

  /**
   * Parses an {@code --agg} list such as {@code count(*),sum(value),avg(value)}.
   *
   * @throws BadInputException naming the part that is malformed or the unknown function
   */
  public static List<AggSpec> parseList(String text) {
    if (text == null || text.isBlank()) {
      throw new BadInputException("--agg is empty: give aggregates such as 'count(*),sum(value)'");
    }
    List<AggSpec> out = new ArrayList<>();
    for (String part : splitTopLevel(text)) {
      out.add(parse(part));
    }
    return out;
  }

  static AggSpec parse(String part) {
    Matcher m = CALL.matcher(part);
    if (!m.matches()) {
      throw new BadInputException("--agg: malformed aggregate '" + part.trim()
          + "': expected function(column), for example sum(value) or count(*)");
    }
    String name = m.group(1);
    String arg = m.group(2);
    String second = null;
    int comma = arg.indexOf(',');
    if (comma >= 0) {
      second = arg.substring(comma + 1).trim();
      arg = arg.substring(0, comma).trim();
    }
    boolean star = arg.equals("*");
    AggFunction fn = AggFunction.forName(name, star);
    if (fn == null) {
      throw new BadInputException("--agg: unknown aggregate function '" + name
          + "' in '" + part.trim() + "' (known: " + AggFunction.known() + ")");
    }
    if (arg.isEmpty()) {
      throw new BadInputException("--agg: " + name + "() needs a column in '" + part.trim() + "'");
    }
    if (star && fn != AggFunction.COUNT_STAR) {
      throw new BadInputException("--agg: only count takes *, not '" + part.trim() + "'");
    }
    if (!star && !arg.matches("[^,\\s]+")) {
      throw new BadInputException("--agg: malformed column '" + arg + "' in '" + part.trim() + "'");
    }
    Double parameter = null;
    if (fn.takesParameter()) {
      if (second == null || second.isEmpty()) {
        throw new BadInputException("--agg: " + name + " needs a quantile between 0 and 1 in '"
            + part.trim() + "', for example " + name + "(value, 0.9)");
      }
      try {
        parameter = Double.valueOf(second);
      } catch (NumberFormatException e) {
        parameter = Double.NaN;
      }
      if (!(parameter >= 0 && parameter <= 1) || !second.matches("[0-9.eE+-]+")) {
        throw new BadInputException("--agg: quantile '" + second + "' in '" + part.trim()
            + "' is not a number between 0 and 1");
      }
    } else if (second != null) {
      throw new BadInputException("--agg: " + name + " takes one column, not '" + m.group(2)
          + "' in '" + part.trim() + "'");
    }
    return new AggSpec(fn, star ? null : arg, parameter);
  }

  private static List<String> splitTopLevel(String text) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(text.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(text.substring(start));
    for (String p : parts) {
      if (p.isBlank()) {
        throw new BadInputException("--agg: empty aggregate in '" + text + "'");
      }
    }
    return parts;
  }
}
