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
  AVG;

  /** The name as written in {@code --agg}. */
  public String sqlName() {
    return this == COUNT_STAR ? "count" : name().toLowerCase(Locale.ROOT);
  }

  /** The function of a name as written in {@code --agg}, or null when there is none. */
  static AggFunction forName(String name, boolean star) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "count":
        return star ? COUNT_STAR : COUNT;
      case "sum":
        return SUM;
      case "min":
        return MIN;
      case "max":
        return MAX;
      case "avg":
      case "mean":
        return AVG;
      default:
        return null;
    }
  }
}
