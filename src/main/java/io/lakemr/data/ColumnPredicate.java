package io.lakemr.data;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;

/**
 * One conjunct of a row filter that a reader can test against what it knows of a whole unit
 * before reading it: a Parquet row group's min/max statistics, or a partition directory's value.
 * A unit that cannot match is skipped; the rows of units that are read still go through the full
 * filter, so a predicate only has to be sound (never skip a unit holding a matching row), not
 * exact.
 *
 * <p>Values are {@code Long}, {@code Double} or {@code String}. A null column value never
 * matches (SQL comparisons with null are never true). Strings compare as their UTF-8 bytes,
 * unsigned, which is code-point order. Numbers of different kinds compare as doubles, as the
 * row filter does.
 *
 * @param column the column the predicate tests
 * @param op the comparison
 * @param values one value for a comparison, the low and high bounds for {@code BETWEEN}, the
 *     list for {@code IN}
 */
public record ColumnPredicate(String column, Op op, List<Object> values) {

  /** The comparisons a predicate can make. */
  public enum Op { EQ, NE, LT, LE, GT, GE, IN, BETWEEN }

  public ColumnPredicate {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(op, "op");
    values = List.copyOf(values);
    int want = op == Op.BETWEEN ? 2 : op == Op.IN ? -1 : 1;
    if ((want >= 0 && values.size() != want) || values.isEmpty()) {
      throw new IllegalArgumentException(op + " with " + values.size() + " values");
    }
    for (Object v : values) {
      if (!(v instanceof Long || v instanceof Double || v instanceof String)) {
        throw new IllegalArgumentException("predicate value " + v + " is not a long, double or string");
      }
      if ((v instanceof String) != (values.get(0) instanceof String)) {
        throw new IllegalArgumentException("predicate mixes strings and numbers: " + values);
      }
    }
  }

  /**
   * Whether a unit whose non-null values of a long-backed column all lie in {@code [min, max]}
   * could hold a matching row.
   */
  public boolean mightMatchLongs(long min, long max) {
    return onStrings() || mightMatch(Long.valueOf(min), Long.valueOf(max), false);
  }

  /**
   * Whether a unit whose non-NaN, non-null values of a floating-point column all lie in
   * {@code [min, max]} could hold a matching row. Since NaN sorts above every number and
   * statistics may leave NaN out, only predicates that NaN cannot satisfy ({@code =}, {@code <},
   * {@code <=}, {@code IN}, {@code BETWEEN}) ever rule a unit out, and NaN bounds rule out
   * nothing.
   */
  public boolean mightMatchDoubles(double min, double max) {
    if (onStrings() || Double.isNaN(min) || Double.isNaN(max)) {
      return true;
    }
    if (op == Op.GT || op == Op.GE || op == Op.NE) {
      return true;
    }
    return mightMatch(Double.valueOf(min), Double.valueOf(max), true);
  }

  /** Whether a unit whose non-null string values all lie in {@code [min, max]} (UTF-8) could match. */
  public boolean mightMatchBytes(byte[] min, byte[] max) {
    return !onStrings() || mightMatch(min, max, false);
  }

  /** Whether a value (a partition directory's, null for the default partition) matches exactly. */
  public boolean matches(String value) {
    if (value == null) {
      return false;
    }
    if (!onStrings()) {
      return true;
    }
    byte[] b = value.getBytes(StandardCharsets.UTF_8);
    return mightMatch(b, b, false);
  }

  private boolean mightMatch(Object min, Object max, boolean floating) {
    switch (op) {
      case EQ:
        return cmp(min, values.get(0)) <= 0 && cmp(max, values.get(0)) >= 0;
      case NE:
        return !(cmp(min, values.get(0)) == 0 && cmp(max, values.get(0)) == 0);
      case LT:
        return cmp(min, values.get(0)) < 0;
      case LE:
        return cmp(min, values.get(0)) <= 0;
      case GT:
        return cmp(max, values.get(0)) > 0;
      case GE:
        return cmp(max, values.get(0)) >= 0;
      case BETWEEN:
        return cmp(max, values.get(0)) >= 0 && cmp(min, values.get(1)) <= 0;
      case IN:
        for (Object v : values) {
          if (cmp(min, v) <= 0 && cmp(max, v) >= 0) {
            return true;
          }
        }
        return false;
      default:
        throw new AssertionError(op);
    }
  }

  /** Compares a bound with a predicate value of the same family (callers check the family). */
  private static int cmp(Object bound, Object value) {
    if (bound instanceof byte[] b) {
      if (!(value instanceof String s)) {
        throw new IllegalArgumentException("string bound against " + value);
      }
      return Arrays.compareUnsigned(b, s.getBytes(StandardCharsets.UTF_8));
    }
    if (value instanceof String) {
      throw new IllegalArgumentException("numeric bound against a string");
    }
    if (bound instanceof Long a && value instanceof Long b) {
      return Long.compare(a, b);
    }
    double a = ((Number) bound).doubleValue();
    double b = ((Number) value).doubleValue();
    return a < b ? -1 : a > b ? 1 : a == b ? 0 : Double.compare(a, b);
  }

  /**
   * Whether the values are strings (the predicate applies to string columns). A predicate
   * whose values are of another family than the column's rules nothing out.
   */
  public boolean onStrings() {
    return values.get(0) instanceof String;
  }

  /** A one-line form for configuration values, with no {@code ;} in it. */
  public String encode() {
    StringBuilder sb = new StringBuilder(op.name()).append(':').append(b64(column));
    for (Object v : values) {
      char kind = v instanceof Long ? 'L' : v instanceof Double ? 'D' : 'S';
      String text = v instanceof Double d ? Long.toString(Double.doubleToRawLongBits(d)) : v.toString();
      sb.append(':').append(kind).append(b64(text));
    }
    return sb.toString();
  }

  /** Reads {@link #encode()}'s form. */
  public static ColumnPredicate decode(String s) {
    String[] parts = s.split(":");
    Op op = Op.valueOf(parts[0]);
    String column = unb64(parts[1]);
    List<Object> values = new ArrayList<>();
    for (int i = 2; i < parts.length; i++) {
      String text = unb64(parts[i].substring(1));
      switch (parts[i].charAt(0)) {
        case 'L':
          values.add(Long.parseLong(text));
          break;
        case 'D':
          values.add(Double.longBitsToDouble(Long.parseLong(text)));
          break;
        default:
          values.add(text);
      }
    }
    return new ColumnPredicate(column, op, values);
  }

  /** Several predicates in one configuration value. */
  public static String encodeAll(List<ColumnPredicate> predicates) {
    StringBuilder sb = new StringBuilder();
    for (ColumnPredicate p : predicates) {
      if (sb.length() > 0) {
        sb.append(';');
      }
      sb.append(p.encode());
    }
    return sb.toString();
  }

  /** Reads {@link #encodeAll}'s form; empty for null or empty text. */
  public static List<ColumnPredicate> decodeAll(String s) {
    List<ColumnPredicate> out = new ArrayList<>();
    if (s == null || s.isEmpty()) {
      return out;
    }
    for (String one : s.split(";")) {
      out.add(decode(one));
    }
    return out;
  }

  private static String b64(String s) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String unb64(String s) {
    return new String(Base64.getUrlDecoder().decode(s), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return column + " " + op + " " + values;
  }
}
