package io.lakemr.drivers;

import io.lakemr.data.ByteBuf;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;

/**
 * How many sampled rows each encoded key (a group, a partition) had, and from those counts
 * an estimate of the distinct keys of the whole input, for {@code plan}.
 */
final class KeyCounts {

  private final Map<ByteBuffer, long[]> counts = new HashMap<>();
  private long rows;

  /** Counts one row of a key; the buffer may be reused afterwards. */
  void add(ByteBuf key) {
    ByteBuffer k = ByteBuffer.wrap(key.toByteArray());
    counts.computeIfAbsent(k, x -> new long[1])[0]++;
    rows++;
  }

  /** Counts one row of a key, kept as it is (not to be changed afterwards). */
  void add(byte[] key) {
    counts.computeIfAbsent(ByteBuffer.wrap(key), x -> new long[1])[0]++;
    rows++;
  }

  /** Distinct keys in the sample. */
  long distinct() {
    return counts.size();
  }

  /** Rows counted. */
  long rows() {
    return rows;
  }

  /** The largest number of sampled rows one key had. */
  long largest() {
    long max = 0;
    for (long[] c : counts.values()) {
      max = Math.max(max, c[0]);
    }
    return max;
  }

  /**
   * Distinct keys among {@code totalRows} rows of which these are a sample: the bias-corrected
   * Chao1 estimate, d + ((n - 1) / n) f1 (f1 - 1) / (2 (f2 + 1)) (f1 and f2 the keys seen once
   * and twice), at least the keys seen and at most the rows. Exact when every key recurs in the
   * sample; good within a small factor for keys spread evenly over the input; an underestimate
   * when the input is ordered by the key, as the sample is the first rows of a few splits.
   */
  long estimate(long totalRows) {
    long d = counts.size();
    if (rows == 0 || totalRows <= rows) {
      return d;
    }
    long f1 = 0;
    long f2 = 0;
    for (long[] c : counts.values()) {
      if (c[0] == 1) {
        f1++;
      } else if (c[0] == 2) {
        f2++;
      }
    }
    double unseen = (rows - 1.0) / rows * f1 * (f1 - 1.0) / (2.0 * (f2 + 1.0));
    return Math.max(d, Math.min(totalRows, Math.round(d + unseen)));
  }

  /**
   * Distinct keys expected among {@code m} rows drawn from an input of {@code total} rows
   * holding {@code distinct} keys evenly: distinct (1 - e^(-m / distinct)).
   */
  static long expectedAmong(long m, long distinct) {
    if (distinct <= 0 || m <= 0) {
      return 0;
    }
    return Math.min(m, Math.round(distinct * -Math.expm1(-(double) m / distinct)));
  }
}
