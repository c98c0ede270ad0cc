package io.lakemr.agg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.conf.BadInputException;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.Schemas;
import io.lakemr.data.TableSchema;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.DataInputBuffer;
import org.apache.hadoop.io.DataOutputBuffer;
import org.junit.jupiter.api.Test;

/**
 * stddev/variance against a two-pass computation in BigDecimal on data with a large mean and a
 * small spread; approx_count_distinct within 3 sigma of known cardinalities; approx_quantile
 * within its rank error; and for all of them, any division of the rows into merged partials
 * gives the same result (bit for bit, but for KLL, which is randomized).
 */
class NewAggregatesTest {

  private static final List<Column> COLUMNS = List.of(new Column("d", ColumnType.DOUBLE),
      new Column("l", ColumnType.LONG), new Column("s", ColumnType.STRING));
  private static final TableSchema TABLE = new TableSchema("test", COLUMNS, Map.of());

  private static Accumulators accumulators(String aggs) {
    return AggregatePlan.create(TABLE, List.of(), List.of(), AggSpec.parseList(aggs)).newAccumulators();
  }

  /** Doubles around 1e9 with spread about 1 (and longs around 1e15), every 10th null. */
  private static VectorizedRowBatch batch(SplittableRandom r, int n) {
    VectorizedRowBatch b = Schemas.newBatch(COLUMNS, n);
    DoubleColumnVector d = (DoubleColumnVector) b.cols[0];
    LongColumnVector l = (LongColumnVector) b.cols[1];
    BytesColumnVector s = (BytesColumnVector) b.cols[2];
    for (int k = 0; k < n; k++) {
      if (r.nextInt(10) == 0) {
        d.noNulls = false;
        d.isNull[k] = true;
      } else {
        d.vector[k] = 1e9 + r.nextGaussian();
      }
      l.vector[k] = 1_000_000_000_000_000L + r.nextInt(1000);
      s.setVal(k, ("v" + r.nextInt(50_000)).getBytes(StandardCharsets.UTF_8));
    }
    b.size = n;
    return b;
  }

  private static void feed(Accumulators accs, VectorizedRowBatch b, int from, int to) {
    int n = to - from;
    int[] rows = new int[n];
    int[] groups = new int[n];
    for (int k = 0; k < n; k++) {
      rows[k] = from + k;
    }
    accs.ensureCapacity(1);
    accs.update(b, rows, groups, n);
  }

  private static Object[] finish(Accumulators accs) {
    ColumnVector[] outs = new ColumnVector[accs.size()];
    Object[] values = new Object[outs.length];
    for (int a = 0; a < outs.length; a++) {
      outs[a] = Schemas.newVector(accs.resultType(a), 1);
    }
    accs.finish(0, outs, 0, 0);
    for (int a = 0; a < outs.length; a++) {
      ColumnVector v = outs[a];
      values[a] = !v.noNulls && v.isNull[0] ? null
          : v instanceof LongColumnVector lv ? (Object) lv.vector[0] : (Object) ((DoubleColumnVector) v).vector[0];
    }
    return values;
  }

  /** The rows cut at random points into pieces, each folded, written, read back and merged in a random order. */
  private static Object[] divided(String aggs, VectorizedRowBatch b, SplittableRandom r) throws Exception {
    int n = b.size;
    List<Integer> cuts = new ArrayList<>(List.of(0, n));
    for (int c = r.nextInt(1, 8); c > 0; c--) {
      cuts.add(r.nextInt(0, n + 1));
    }
    cuts.sort(null);
    List<byte[]> partials = new ArrayList<>();
    for (int p = 0; p + 1 < cuts.size(); p++) {
      Accumulators piece = accumulators(aggs);
      feed(piece, b, cuts.get(p), cuts.get(p + 1));
      DataOutputBuffer out = new DataOutputBuffer();
      piece.write(0, out);
      partials.add(Arrays.copyOf(out.getData(), out.getLength()));
    }
    // merge in a tree of random shape: pairs merged into partials, until one is left
    while (partials.size() > 1) {
      int i = r.nextInt(partials.size());
      byte[] a = partials.remove(i);
      byte[] c = partials.remove(r.nextInt(partials.size()));
      Accumulators m = accumulators(aggs);
      m.ensureCapacity(1);
      DataInputBuffer in = new DataInputBuffer();
      in.reset(a, a.length);
      m.merge(0, in);
      in.reset(c, c.length);
      m.merge(0, in);
      DataOutputBuffer out = new DataOutputBuffer();
      m.write(0, out);
      partials.add(Arrays.copyOf(out.getData(), out.getLength()));
    }
    Accumulators last = accumulators(aggs);
    last.ensureCapacity(1);
    DataInputBuffer in = new DataInputBuffer();
    in.reset(partials.get(0), partials.get(0).length);
    last.merge(0, in);
    return finish(last);
  }

  /** Sample and population variance by two passes in 60-digit decimal arithmetic. */
  private static double[] twoPass(double[] xs) {
    MathContext mc = new MathContext(60);
    BigDecimal sum = BigDecimal.ZERO;
    for (double x : xs) {
      sum = sum.add(new BigDecimal(x), mc);
    }
    BigDecimal mean = sum.divide(BigDecimal.valueOf(xs.length), mc);
    BigDecimal m2 = BigDecimal.ZERO;
    for (double x : xs) {
      BigDecimal d = new BigDecimal(x).subtract(mean, mc);
      m2 = m2.add(d.multiply(d, mc), mc);
    }
    return new double[] {m2.divide(BigDecimal.valueOf(xs.length - 1), mc).doubleValue(),
        m2.divide(BigDecimal.valueOf(xs.length), mc).doubleValue()};
  }

  private static void assertRelative(double expected, double actual, double rel, String what) {
    assertTrue(Math.abs(expected - actual) <= Math.abs(expected) * rel,
        what + ": expected " + expected + " got " + actual);
  }

  @Test
  void momentsMatchTwoPassOnLargeMeanSmallSpreadAnyDivision() throws Exception {
    String aggs = "stddev(d),stddev_samp(d),stddev_pop(d),variance(d),var_samp(d),var_pop(d),variance(l),var_pop(l)";
    SplittableRandom r = new SplittableRandom(3);
    for (int trial = 0; trial < 20; trial++) {
      VectorizedRowBatch b = batch(r, r.nextInt(2_000, 20_000));
      Accumulators whole = accumulators(aggs);
      feed(whole, b, 0, b.size);
      Object[] got = finish(whole);
      List<Double> ds = new ArrayList<>();
      double[] ls = new double[b.size];
      DoubleColumnVector d = (DoubleColumnVector) b.cols[0];
      for (int k = 0; k < b.size; k++) {
        if (d.noNulls || !d.isNull[k]) {
          ds.add(d.vector[k]);
        }
        ls[k] = ((LongColumnVector) b.cols[1]).vector[k];
      }
      double[] v = twoPass(ds.stream().mapToDouble(Double::doubleValue).toArray());
      double[] vl = twoPass(ls);
      double[] expected = {Math.sqrt(v[0]), Math.sqrt(v[0]), Math.sqrt(v[1]), v[0], v[0], v[1], vl[0], vl[1]};
      for (int a = 0; a < expected.length; a++) {
        assertRelative(expected[a], (Double) got[a], 1e-9, aggs.split(",")[a]);
      }
      // naive sum-of-squares would be off by orders of magnitude here; Welford is within 1e-12
      assertRelative(v[0], (Double) got[3], 1e-12, "variance(d) tight");
      for (int division = 0; division < 5; division++) {
        assertEquals(Arrays.asList(got), Arrays.asList(divided(aggs, b, r)), "division " + division);
      }
    }
  }

  @Test
  void momentsAreNullForTooFewValuesAsInSql() {
    Accumulators accs = accumulators("stddev(d),stddev_pop(d),variance(d),var_pop(d)");
    VectorizedRowBatch b = batch(new SplittableRandom(1), 1);
    accs.ensureCapacity(1);
    assertEquals(Arrays.asList(null, null, null, null), Arrays.asList(finish(accs)), "no values");
    ((DoubleColumnVector) b.cols[0]).noNulls = true;
    ((DoubleColumnVector) b.cols[0]).isNull[0] = false;
    feed(accs, b, 0, 1);
    Object[] one = finish(accs);
    assertNull(one[0]);
    assertEquals(0.0, one[1]);
    assertNull(one[2]);
    assertEquals(0.0, one[3]);
  }

  @Test
  void approxCountDistinctWithinThreeSigmaAndIndependentOfDivision() throws Exception {
    SplittableRandom r = new SplittableRandom(11);
    double sigma = HllAccumulator.RELATIVE_STANDARD_ERROR;
    assertEquals(0.01625, sigma, 1e-5);
    for (int distinct : new int[] {1, 100, 2_000, 20_000, 300_000}) {
      int rows = Math.max(distinct * 2, 1_000);
      List<Column> cols = List.of(new Column("l", ColumnType.LONG), new Column("s", ColumnType.STRING));
      VectorizedRowBatch b = Schemas.newBatch(cols, rows);
      LongColumnVector l = (LongColumnVector) b.cols[0];
      BytesColumnVector s = (BytesColumnVector) b.cols[1];
      for (int k = 0; k < rows; k++) {
        long v = k < distinct ? k : r.nextInt(distinct); // every value at least once
        l.vector[k] = v * 7919 + 13;
        s.setVal(k, ("key-" + v).getBytes(StandardCharsets.UTF_8));
      }
      b.size = rows;
      TableSchema t = new TableSchema("t", cols, Map.of());
      String aggs = "approx_count_distinct(l),approx_count_distinct(s)";
      Accumulators whole = AggregatePlan.create(t, List.of(), List.of(), AggSpec.parseList(aggs)).newAccumulators();
      int[] rowsIdx = new int[rows];
      for (int k = 0; k < rows; k++) {
        rowsIdx[k] = k;
      }
      whole.ensureCapacity(1);
      whole.update(b, rowsIdx, new int[rows], rows);
      ColumnVector[] outs = {new LongColumnVector(1), new LongColumnVector(1)};
      whole.finish(0, outs, 0, 0);
      for (ColumnVector o : outs) {
        long estimate = ((LongColumnVector) o).vector[0];
        assertTrue(Math.abs(estimate - distinct) <= 3 * sigma * distinct + 1,
            "estimate " + estimate + " of " + distinct + " distinct values is beyond 3 sigma");
      }
      // any division and merge order: the same estimate
      for (int trial = 0; trial < 3; trial++) {
        int cut = r.nextInt(rows);
        List<Long> results = new ArrayList<>();
        for (int order = 0; order < 2; order++) {
          Accumulators a = AggregatePlan.create(t, List.of(), List.of(), AggSpec.parseList(aggs)).newAccumulators();
          Accumulators c = AggregatePlan.create(t, List.of(), List.of(), AggSpec.parseList(aggs)).newAccumulators();
          a.ensureCapacity(1);
          c.ensureCapacity(1);
          a.update(b, Arrays.copyOfRange(rowsIdx, 0, cut), new int[cut], cut);
          c.update(b, Arrays.copyOfRange(rowsIdx, cut, rows), new int[rows - cut], rows - cut);
          Accumulators m = AggregatePlan.create(t, List.of(), List.of(), AggSpec.parseList(aggs)).newAccumulators();
          m.ensureCapacity(1);
          for (Accumulators part : order == 0 ? List.of(a, c) : List.of(c, a)) {
            DataOutputBuffer out = new DataOutputBuffer();
            part.write(0, out);
            DataInputBuffer in = new DataInputBuffer();
            in.reset(out.getData(), out.getLength());
            m.merge(0, in);
          }
          ColumnVector[] mo = {new LongColumnVector(1), new LongColumnVector(1)};
          m.finish(0, mo, 0, 0);
          results.add(((LongColumnVector) mo[0]).vector[0]);
          results.add(((LongColumnVector) mo[1]).vector[0]);
        }
        assertEquals(List.of(((LongColumnVector) outs[0]).vector[0], ((LongColumnVector) outs[1]).vector[0],
            ((LongColumnVector) outs[0]).vector[0], ((LongColumnVector) outs[1]).vector[0]), results);
      }
    }
  }

  @Test
  void approxQuantilesWithinTheirRankError() throws Exception {
    SplittableRandom r = new SplittableRandom(5);
    String aggs = "approx_median(d),approx_quantile(d, 0.1),approx_quantile(d, 0.9),approx_quantile(d, 0.99)";
    double[] qs = {0.5, 0.1, 0.9, 0.99};
    for (int n : new int[] {50, 5_000, 200_000}) {
      VectorizedRowBatch b = batch(r, n);
      DoubleColumnVector d = (DoubleColumnVector) b.cols[0];
      List<Double> values = new ArrayList<>();
      for (int k = 0; k < n; k++) {
        if (d.noNulls || !d.isNull[k]) {
          values.add(d.vector[k]);
        }
      }
      values.sort(null);
      for (Object[] got : List.of(wholeOf(aggs, b), divided(aggs, b, r))) {
        for (int a = 0; a < qs.length; a++) {
          double x = (Double) got[a];
          // the normalized rank of x: the share of values at or below it
          int atOrBelow = upperBound(values, x);
          double rank = atOrBelow / (double) values.size();
          double slack = n <= 50 ? 1.0 / values.size() : KllAccumulator.RANK_ERROR;
          assertTrue(Math.abs(rank - qs[a]) <= slack + 1.0 / values.size(),
              "q=" + qs[a] + " n=" + n + ": rank " + rank + " of " + x);
        }
      }
    }
    Accumulators none = accumulators(aggs);
    none.ensureCapacity(1);
    assertNull(finish(none)[0]);
  }

  private static Object[] wholeOf(String aggs, VectorizedRowBatch b) {
    Accumulators whole = accumulators(aggs);
    feed(whole, b, 0, b.size);
    return finish(whole);
  }

  private static int upperBound(List<Double> sorted, double x) {
    int lo = 0;
    int hi = sorted.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted.get(mid) <= x) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  @Test
  void sketchSizesCountInTheMemoryBudget() {
    Accumulators accs = accumulators("approx_count_distinct(s),approx_median(d)");
    long empty = accs.memoryBytes(1);
    VectorizedRowBatch b = batch(new SplittableRandom(2), 10_000);
    feed(accs, b, 0, b.size);
    assertTrue(accs.memoryBytes(1) > empty + 4_000, "sketch bytes counted: " + accs.memoryBytes(1));
    accs.clear();
    assertEquals(empty, accs.memoryBytes(1));
  }

  @Test
  void parsesSecondArgumentsAndNamesResults() {
    List<AggSpec> specs = AggSpec.parseList(
        "approx_quantile(value, 0.9),approx_quantile(value,0.950),approx_median(value),count_distinct(id),"
            + "stddev(value),var_pop(value),approx_count_distinct(id)");
    assertEquals(List.of("approx_quantile_value_0_9", "approx_quantile_value_0_95", "approx_median_value",
        "count_distinct_id", "stddev_value", "var_pop_value", "approx_count_distinct_id"),
        specs.stream().map(AggSpec::resultName).toList());
    assertEquals("approx_quantile(value, 0.95)", specs.get(1).toString());
    assertEquals(specs, AggSpec.parseList(String.join(",", specs.stream().map(AggSpec::toString).toList())),
        "what store() writes parses back the same");
    for (String bad : new String[] {"approx_quantile(value)", "approx_quantile(value, 1.5)",
        "approx_quantile(value, x)", "stddev(value, 2)", "approx_quantile(*, 0.5)"}) {
      assertThrows(BadInputException.class, () -> AggSpec.parseList(bad), bad);
    }
    assertThrows(BadInputException.class, () -> AggregatePlan.create(TABLE, List.of(), List.of(),
        AggSpec.parseList("stddev(s)")));
    assertThrows(BadInputException.class, () -> AggregatePlan.create(TABLE, List.of(), List.of(),
        AggSpec.parseList("count_distinct(s),count_distinct(l)")));
  }
}
