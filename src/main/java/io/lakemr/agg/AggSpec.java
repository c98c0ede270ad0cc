package io.lakemr.agg;

import io.lakemr.conf.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One aggregate of {@code --agg}: a function and the column it reads ({@code null} for
 * {@code count(*)}).
 *
 * @param function the function
 * @param column the input column, or null for {@code count(*)}
 */
public record AggSpec(AggFunction function, String column) {

  private static final Pattern CALL = Pattern.compile("\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*\\(\\s*([^()]*?)\\s*\\)\\s*");

  /** The result column's name: {@code count} for {@code count(*)}, else {@code fn_col}. */
  public String resultName() {
    return function == AggFunction.COUNT_STAR ? "count" : function.sqlName() + "_" + column;
  }

  @Override
  public String toString() {
    return function.sqlName() + "(" + (column == null ? "*" : column) + ")";
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
    boolean star = arg.equals("*");
    AggFunction fn = AggFunction.forName(name, star);
    if (fn == null) {
      throw new BadInputException("--agg: unknown aggregate function '" + name
          + "' in '" + part.trim() + "' (known: count, sum, min, max, avg)");
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
    return new AggSpec(fn, star ? null : arg);
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
