package io.lakemr.expr;

import io.lakemr.conf.BadInputException;

/**
 * A derived column as given to {@code --derive NAME=EXPR}: its name (letters, digits and
 * {@code _}, not starting with a digit, as Avro and Hive column names must be), its expression,
 * and the option that asked for it, as errors name it ({@code --derive NAME} or {@code --window}).
 */
public record Derivation(String name, String expression, String option) {

  /** A derivation given as {@code --derive NAME=EXPR}. */
  public Derivation(String name, String expression) {
    this(name, expression, "--derive " + name);
  }

  /** The column {@code --window} derives and adds to the group. */
  public static final String WINDOW_COLUMN = "window_start";

  /** Splits {@code NAME=EXPR} at the first {@code =}. */
  public static Derivation parse(String option) {
    int eq = option.indexOf('=');
    if (eq < 0) {
      throw new BadInputException("--derive: '" + option + "' is not NAME=EXPRESSION");
    }
    String name = option.substring(0, eq).trim();
    if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
      throw new BadInputException("--derive: column name '" + name + "' in '" + option
          + "' must be letters, digits and _, not starting with a digit");
    }
    String expression = option.substring(eq + 1).trim();
    if (expression.isEmpty()) {
      throw new BadInputException("--derive: no expression after '" + name + "='");
    }
    return new Derivation(name, expression);
  }

  /**
   * The derivation {@code --window COL:SIZE} stands for: {@code window_start} from
   * {@code window_start(COL, 'SIZE')}.
   */
  public static Derivation window(String option) {
    int colon = option.lastIndexOf(':');
    if (colon <= 0 || colon == option.length() - 1) {
      throw new BadInputException("--window: '" + option + "' is not COLUMN:SIZE (e.g. ts:1h)");
    }
    String column = option.substring(0, colon).trim().replace("`", "``");
    String size = option.substring(colon + 1).trim().replace("'", "''");
    return new Derivation(WINDOW_COLUMN, "window_start(`" + column + "`, '" + size + "')", "--window");
  }

  /** {@code NAME=EXPR}, as given. */
  @Override
  public String toString() {
    return name + "=" + expression;
  }
}
