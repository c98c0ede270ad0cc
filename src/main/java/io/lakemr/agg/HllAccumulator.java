package io.lakemr.agg;

import io.lakemr.data.ColumnType;
import java.nio.ByteBuffer;
import org.apache.datasketches.hll.HllSketch;
import org.apache.datasketches.hll.TgtHllType;
import org.apache.datasketches.hll.Union;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;

/**
 * {@code approx_count_distinct(col)}: the number of distinct non-null values, estimated with an
 * HLL sketch of Apache DataSketches ({@code HLL_8}, lgK = {@value #LG_K}, 4,096 registers of
 * one byte; at most 4 KiB per group, much less for groups with few values).
 *
 * <p>Error bound: a relative standard error of {@code 1.04 / sqrt(2^lgK)} = 1.63% (so within
 * 3.3% for 95% and 4.9% for 99.7% of estimates); below about 3,000 distinct values the sketch
 * keeps hashes in a list or set and the estimate is within a fraction of a percent. The
 * result is the sketch's composite estimate, a function of its registers alone, so it does not
 * depend on the order values arrive in, how the input was split or whether a combiner ran
 * (the HIP estimator, a little tighter for one unmerged stream, does).
 *
 * <p>Values are hashed as DataSketches hashes them: longs (and int, date, timestamp, boolean
 * values) as longs, doubles as doubles (-0.0 as 0.0, every NaN as one), strings and bytes as
 * their bytes (UTF-8 for strings). The result is a long; 0 for a group without values.
 */
final class HllAccumulator extends SketchAccumulator<Union> {

  /** log2 of the number of registers. */
  static final int LG_K = 12;

  /** The relative standard error of an estimate: {@code 1.04 / sqrt(2^LG_K)}. */
  static final double RELATIVE_STANDARD_ERROR = 1.04 / Math.sqrt(1 << LG_K);

  HllAccumulator(int input) {
    super(input);
  }

  @Override
  public ColumnType resultType() {
    return ColumnType.LONG;
  }

  @Override
  Union newSketch() {
    return new Union(LG_K);
  }

  @Override
  int sizeOf(Union sketch) {
    return sketch.getUpdatableSerializationBytes();
  }

  @Override
  void updateLong(Union sketch, long value) {
    sketch.update(value);
  }

  @Override
  void updateDouble(Union sketch, double value) {
    sketch.update(value);
  }

  @Override
  void updateBytes(Union sketch, byte[] bytes, int start, int length) {
    if (length == 0) {
      sketch.update(new byte[] {0}); // DataSketches ignores empty input; an empty string is a value
    } else {
      sketch.update(ByteBuffer.wrap(bytes, start, length));
    }
  }

  @Override
  byte[] serialize(Union sketch) {
    return sketch.getResult(TgtHllType.HLL_8).toCompactByteArray();
  }

  @Override
  void mergeSerialized(Union into, byte[] serialized) {
    into.update(HllSketch.heapify(serialized));
  }

  @Override
  void finish(Union sketch, ColumnVector out, int row) {
    out.isNull[row] = false;
    ((LongColumnVector) out).vector[row] =
        sketch == null || sketch.isEmpty() ? 0 : Math.round(sketch.getCompositeEstimate());
  }
}
