package io.lakemr.data;

import java.math.BigDecimal;
import org.apache.hadoop.hive.serde2.io.HiveDecimalWritable;

/** Decimal values as written out: plain text at the column's scale, or unscaled big-endian bytes. */
public final class Decimals {

  private Decimals() {
  }

  /** Plain decimal text with exactly {@code scale} digits after the point, never an exponent: {@code -12.50}. */
  public static String text(HiveDecimalWritable value, int scale) {
    return exact(value, scale).toPlainString();
  }

  /** The unscaled value at {@code scale} as big-endian two's-complement bytes (Parquet's and Avro's decimal form). */
  public static byte[] unscaledBytes(HiveDecimalWritable value, int scale) {
    return exact(value, scale).unscaledValue().toByteArray();
  }

  private static BigDecimal exact(HiveDecimalWritable value, int scale) {
    // a value of the column has at most `scale` digits after the point: no rounding happens
    return value.getHiveDecimal().bigDecimalValue().setScale(scale);
  }
}
