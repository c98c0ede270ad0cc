package io.lakemr.agg;

import io.lakemr.data.ColumnType;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.memory.Memory;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;

/**
 * {@code approx_quantile(col, q)} and {@code approx_median(col)}: a value of the column whose
 * rank is close to q, estimated with a KLL sketch of doubles from Apache DataSketches
 * (k = {@value #K}; a few KiB per group, growing with the logarithm of its values).
 *
 * <p>Error bound: the normalized rank of the returned value (the share of the group's values
 * at or below it) is within ε = {@value #RANK_ERROR} of q, with 99% confidence
 * ({@code KllSketch.getNormalizedRankError(200, false)}). The result is always one of the
 * group's values (no interpolation); with fewer than about k values the sketch holds them all
 * and the result is exact: the smallest value whose rank is at least q.
 *
 * <p>KLL compacts its buffers with random choices, so, unlike every other aggregate, the
 * result may differ (within the bound) between runs and with the input split or the combiner.
 * Values are taken as doubles (longs beyond 2^53 are rounded); NaN values are skipped, as are
 * nulls. The result is a double; null for a group without values.
 */
final class KllAccumulator extends SketchAccumulator<KllDoublesSketch> {

  /** The sketch's size parameter. */
  static final int K = 200;

  /** The normalized rank error for {@link #K}, single-sided, 99% confidence. */
  static final double RANK_ERROR = 0.0133;

  private final double quantile;

  KllAccumulator(int input, double quantile) {
    super(input);
    this.quantile = quantile;
  }

  @Override
  public ColumnType resultType() {
    return ColumnType.DOUBLE;
  }

  @Override
  KllDoublesSketch newSketch() {
    return KllDoublesSketch.newHeapInstance(K);
  }

  @Override
  int sizeOf(KllDoublesSketch sketch) {
    return sketch.getSerializedSizeBytes();
  }

  @Override
  void updateLong(KllDoublesSketch sketch, long value) {
    sketch.update((double) value);
  }

  @Override
  void updateDouble(KllDoublesSketch sketch, double value) {
    if (!Double.isNaN(value)) {
      sketch.update(value);
    }
  }

  @Override
  void updateBytes(KllDoublesSketch sketch, byte[] bytes, int start, int length) {
    throw new IllegalStateException("approx_quantile of a string column"); // refused by AggregatePlan
  }

  @Override
  byte[] serialize(KllDoublesSketch sketch) {
    return sketch.toByteArray();
  }

  @Override
  void mergeSerialized(KllDoublesSketch into, byte[] serialized) {
    into.merge(KllDoublesSketch.heapify(Memory.wrap(serialized)));
  }

  @Override
  void finish(KllDoublesSketch sketch, ColumnVector out, int row) {
    if (sketch == null || sketch.isEmpty()) {
      setNull(out, row);
      return;
    }
    out.isNull[row] = false;
    ((DoubleColumnVector) out).vector[row] =
        sketch.getQuantile(quantile, QuantileSearchCriteria.INCLUSIVE);
  }
}
