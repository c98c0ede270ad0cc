package io.lakemr.expr;

import io.lakemr.data.ColumnType;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;

/**
 * The numeric functions. {@code abs}, {@code floor}, {@code ceil} and {@code round} keep their
 * argument's kind (a long stays a long); {@code sqrt}, {@code ln}, {@code exp} and {@code pow}
 * give doubles. {@code round} rounds half away from zero, on the decimal form of a double (so
 * {@code round(1.005, 2)} is 1.01, as Spark has it); negative digits round to tens, hundreds...
 * Arguments outside a function's domain ({@code sqrt} of a negative number, {@code ln} of zero
 * or less, {@code pow} with no real result) give null, as division by zero does.
 */
final class MathExpr extends RowwiseExpr {

  /** The functions, by argument kind. */
  enum Fn { ABS, FLOOR, CEIL, ROUND, SQRT, LN, EXP, POW }

  private final Fn fn;
  private final int digits;
  private final boolean longs;

  /** @param digits for ROUND, else 0 */
  MathExpr(Fn fn, ColumnType type, int digits, VectorExpr... args) {
    super(type, args);
    this.fn = fn;
    this.digits = digits;
    this.longs = type.vectorType() == ColumnVector.Type.LONG;
  }

  @Override
  boolean compute(ColumnVector[] in, int i, ColumnVector out) {
    if (longs) {
      long x = longAt(in[0], i);
      switch (fn) {
        case ABS:
          setLong(out, i, Math.abs(x));
          return true;
        case ROUND:
          setLong(out, i, roundLong(x, digits));
          return true;
        default: // floor, ceil of a long
          setLong(out, i, x);
          return true;
      }
    }
    double x = doubleAt(in[0], i);
    double r;
    switch (fn) {
      case ABS:
        r = Math.abs(x);
        break;
      case FLOOR:
        r = Math.floor(x);
        break;
      case CEIL:
        r = Math.ceil(x);
        break;
      case ROUND:
        r = roundDouble(x, digits);
        break;
      case SQRT:
        if (x < 0) {
          return false;
        }
        r = Math.sqrt(x);
        break;
      case LN:
        if (x <= 0) {
          return false;
        }
        r = Math.log(x);
        break;
      case EXP:
        r = Math.exp(x);
        break;
      case POW: {
        double y = doubleAt(in[1], i);
        r = Math.pow(x, y);
        if (Double.isNaN(r) && !Double.isNaN(x) && !Double.isNaN(y)) {
          return false;
        }
        break;
      }
      default:
        throw new AssertionError(fn);
    }
    setDouble(out, i, r);
    return true;
  }

  /** Half away from zero; to 10^-digits when digits is negative. */
  static long roundLong(long x, int digits) {
    if (digits >= 0) {
      return x;
    }
    if (digits < -18) {
      return 0;
    }
    long p = 1;
    for (int k = 0; k < -digits; k++) {
      p *= 10;
    }
    long q = x / p;
    long rem = x % p;
    if (Math.abs(rem) >= p - Math.abs(rem)) {
      q += x < 0 ? -1 : 1;
    }
    return q * p;
  }

  /** Half away from zero, on the decimal form. */
  static double roundDouble(double x, int digits) {
    if (Double.isNaN(x) || Double.isInfinite(x)) {
      return x;
    }
    if (digits == 0) {
      double a = Math.abs(x);
      double f = Math.floor(a);
      double r = a - f >= 0.5 ? f + 1 : f;
      return r == 0 ? 0.0 : Math.copySign(r, x); // a rounded zero is +0.0, as the decimal form has it
    }
    return BigDecimal.valueOf(x).setScale(digits, RoundingMode.HALF_UP).doubleValue();
  }
}
