package io.lakemr.formats.zarr;

/** IEEE 754 half-precision conversions (Java 17 has none). */
public final class Float16 {

  private Float16() {
  }

  /** The float value of half-precision bits. */
  public static float toFloat(short bits) {
    int h = bits & 0xFFFF;
    int sign = (h & 0x8000) << 16;
    int exp = (h >>> 10) & 0x1F;
    int mant = h & 0x3FF;
    if (exp == 0x1F) {
      return Float.intBitsToFloat(sign | 0x7F800000 | (mant << 13));
    }
    if (exp == 0) {
      float v = mant * 0x1p-24f;
      return sign != 0 ? -v : v;
    }
    return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
  }

  /** The half-precision bits nearest a float (round half to even; overflow to infinity). */
  public static short fromFloat(float f) {
    int x = Float.floatToRawIntBits(f);
    int sign = (x >>> 16) & 0x8000;
    int exp = (x >>> 23) & 0xFF;
    int mant = x & 0x7FFFFF;
    if (exp == 0xFF) {
      return (short) (sign | 0x7C00 | (mant != 0 ? 0x200 : 0));
    }
    float a = Math.abs(f);
    if (a >= 65520f) {
      return (short) (sign | 0x7C00);
    }
    if (a < 0x1p-14f) {
      int m = Math.round(a * 0x1p24f);
      return (short) (sign | m);
    }
    int e = exp - 112;
    int m = mant >>> 13;
    int rest = mant & 0x1FFF;
    if (rest > 0x1000 || (rest == 0x1000 && (m & 1) == 1)) {
      m++;
      if (m == 0x400) {
        m = 0;
        e++;
      }
    }
    return (short) (sign | (e << 10) | m);
  }
}
