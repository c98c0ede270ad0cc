package io.lakemr.agg;

/**
 * A mutable double-double number: an unevaluated sum {@code hi + lo} of two doubles with
 * {@code |lo| <= ulp(hi) / 2}, about 106 bits of precision (Dekker; Hida, Li and Bailey's QD).
 *
 * <p>Used as scratch by accumulators that need more than a double's precision so that
 * their results, rounded to a double at the end, do not depend on the order values and partial
 * states arrive in. Operations change this number and return it; nothing is allocated.
 */
final class DoubleDouble {

  double hi;
  double lo;

  DoubleDouble set(double h, double l) {
    hi = h;
    lo = l;
    return this;
  }

  /** The long exactly (a long needs up to 64 bits, a double holds 53). */
  DoubleDouble setLong(long v) {
    double h = (double) v;
    // v - (long) h is exact; it fits in a double because |v - h| <= ulp(h) / 2 < 2^11
    hi = h;
    lo = h == 0x1p63 ? (double) (v - Long.MAX_VALUE) - 1.0 : (double) (v - (long) h);
    return normalize();
  }

  double value() {
    return hi + lo;
  }

  DoubleDouble add(double bh, double bl) {
    if (!Double.isFinite(hi) || !Double.isFinite(bh)) {
      hi = hi + bh;
      lo = 0;
      return this;
    }
    double s = hi + bh;
    double v = s - hi;
    double e = (hi - (s - v)) + (bh - v);
    double t = lo + bl;
    double w = t - lo;
    double f = (lo - (t - w)) + (bl - w);
    e += t;
    double s2 = s + e;
    e = e - (s2 - s);
    e += f;
    hi = s2 + e;
    lo = e - (hi - s2);
    return this;
  }

  DoubleDouble add(DoubleDouble b) {
    return add(b.hi, b.lo);
  }

  DoubleDouble subtract(DoubleDouble b) {
    return add(-b.hi, -b.lo);
  }

  DoubleDouble multiply(double bh, double bl) {
    double p = hi * bh;
    if (!Double.isFinite(p)) {
      hi = p;
      lo = 0;
      return this;
    }
    double e = Math.fma(hi, bh, -p);
    e += hi * bl + lo * bh;
    hi = p + e;
    lo = e - (hi - p);
    return this;
  }

  DoubleDouble multiply(DoubleDouble b) {
    return multiply(b.hi, b.lo);
  }

  /** Divides by a double (here always a count, exact below 2^53). */
  DoubleDouble divide(double d) {
    double q1 = hi / d;
    if (!Double.isFinite(q1)) {
      hi = q1;
      lo = 0;
      return this;
    }
    // remainder this - q1 * d, exactly: q1 * d = p + e
    double p = q1 * d;
    double e = Math.fma(q1, d, -p);
    double r = ((hi - p) - e) + lo;
    double q2 = r / d;
    hi = q1 + q2;
    lo = q2 - (hi - q1);
    return this;
  }

  private DoubleDouble normalize() {
    double s = hi + lo;
    lo = lo - (s - hi);
    hi = s;
    return this;
  }
}
