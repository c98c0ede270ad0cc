package io.lakemr.formats.hdf5;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;

/** Count, exact integer or double sum, min and max of one column, fed from batches. */
final class ColumnStats {
  long count;
  BigInteger longSum = BigInteger.ZERO;
  double doubleSum;
  double doubleCompensation;
  Long longMin;
  Long longMax;
  Double doubleMin;
  Double doubleMax;
  byte[] strMin;
  byte[] strMax;
  final Set<String> distinct = new HashSet<>();

  void add(ColumnVector v, int row) {
    count++;
    if (v instanceof LongColumnVector) {
      long x = ((LongColumnVector) v).vector[row];
      longSum = longSum.add(BigInteger.valueOf(x));
      longMin = longMin == null ? x : Math.min(longMin, x);
      longMax = longMax == null ? x : Math.max(longMax, x);
    } else if (v instanceof DoubleColumnVector) {
      double x = ((DoubleColumnVector) v).vector[row];
      double y = x - doubleCompensation;
      double t = doubleSum + y;
      doubleCompensation = (t - doubleSum) - y;
      doubleSum = t;
      doubleMin = doubleMin == null ? x : Math.min(doubleMin, x);
      doubleMax = doubleMax == null ? x : Math.max(doubleMax, x);
    } else {
      BytesColumnVector b = (BytesColumnVector) v;
      byte[] s = Arrays.copyOfRange(b.vector[row], b.start[row], b.start[row] + b.length[row]);
      distinct.add(new String(s, StandardCharsets.UTF_8));
      if (strMin == null || Arrays.compareUnsigned(s, strMin) < 0) {
        strMin = s;
      }
      if (strMax == null || Arrays.compareUnsigned(s, strMax) > 0) {
        strMax = s;
      }
    }
  }

  static String string(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }
}
