package io.lakemr.agg;

import java.util.Locale;

/** The aggregate functions {@code --agg} accepts. */
public enum AggFunction {
  /** {@code count(*)}: rows, nulls included. */
  COUNT_STAR,
  /** {@code count(col)}: non-null values. */
  COUNT,
  SUM,
  MIN,
  MAX,
  AVG,
  /** Sample standard deviation (divides by n - 1); null below two values. */
  STDDEV,
  /** The same as {@link #STDDEV}, under its SQL name. */
  STDDEV_SAMP,
  /** Population standard deviation (divides by n); null without values. */
  STDDEV_POP,
  /** Sample variance (divides by n - 1); null below two values. */
  VARIANCE,
  /** The same as {@link #VARIANCE}, under its SQL name. */
  VAR_SAMP,
  /** Population variance (divides by n); null without values. */
  VAR_POP,
  /** Distinct non-null values, estimated with an HLL sketch. */
  APPROX_COUNT_DISTINCT,
  /** The value at a quantile, estimated with a KLL sketch: {@code approx_quantile(col, q)}. */
  APPROX_QUANTILE,
  /** {@code approx_quantile(col, 0.5)}. */
  APPROX_MEDIAN,
  /** Distinct non-null values, exactly, through a second shuffle stage. */
  COUNT_DISTINCT;

  /** The name as written in {@code --agg}. */
  public String sqlName() {
    return this == COUNT_STAR ? "count" : name().toLowerCase(Locale.ROOT);
  }

  /** True for the functions that take a second, numeric argument. */
  public boolean takesParameter() {
    return this == APPROX_QUANTILE;
  }

  /** True for the standard deviation and variance functions. */
  public boolean isMoment() {
    return this == STDDEV || this == STDDEV_SAMP || this == STDDEV_POP
        || this == VARIANCE || this == VAR_SAMP || this == VAR_POP;
  }

  /** The names {@code --agg} knows, for messages. */
  static String known() {
    StringBuilder sb = new StringBuilder();
    for (AggFunction f : values()) {
      if (f == COUNT_STAR) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(f.sqlName());
    }
    return sb.toString();
  }

  /** The function of a name as written in {@code --agg}, or null when there is none. */
  static AggFunction forName(String name, boolean star) {
    String n = name.toLowerCase(Locale.ROOT);
    switch (n) {
      case "count":
        return star ? COUNT_STAR : COUNT;
      case "mean":
        return AVG;
      default:
        for (AggFunction f : values()) {
          if (f != COUNT_STAR && f != COUNT && f.sqlName().equals(n)) {
            return f;
          }
        }
        return null;
    }
  }
}
