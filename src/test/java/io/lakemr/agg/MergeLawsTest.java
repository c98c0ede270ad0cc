package io.lakemr.agg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.Schemas;
import io.lakemr.data.TableSchema;
import java.math.BigDecimal;
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
import org.apache.hadoop.io.DataOutputBuffer;
import org.junit.jupiter.api.Test;

/**
 * The merge laws: folding all rows into one state, or any division of them into states that are
 * written, read back and merged in any grouping, gives the same result; and the result equals an
 * independent computation.
 */
class MergeLawsTest {

  private static final List<Column> COLUMNS = List.of(new Column("i", ColumnType.LONG),
      new Column("d", ColumnType.DOUBLE), new Column("s", ColumnType.STRING), new Column("n", ColumnType.INT));
  private static final TableSchema TABLE = new TableSchema("test", COLUMNS, Map.of());
  private static final String AGGS = "count(*),count(i),sum(i),min(i),max(i),avg(i),count(d),sum(d),min(d),max(d),"
      + "avg(d),min(s),max(s),count(s),sum(n),min(n),max(n)";

  private static VectorizedRowBatch randomBatch(SplittableRandom r, int n) {
    VectorizedRowBatch b = Schemas.newBatch(COLUMNS, n);
    LongColumnVector i = (LongColumnVector) b.cols[0];
    DoubleColumnVector d = (DoubleColumnVector) b.cols[1];
    BytesColumnVector s = (BytesColumnVector) b.cols[2];
    LongColumnVector m = (LongColumnVector) b.cols[3];
    for (int k = 0; k < n; k++) {
      if (r.nextInt(5) == 0) {
        nul(i, k);
      } else {
        i.vector[k] = r.nextLong(-1_000_000_000_000L, 1_000_000_000_000L);
      }
      if (r.nextInt(5) == 0) {
        nul(d, k);
      } else {
        d.vector[k] = 1e6 + r.nextGaussian() * 1e-3;
      }
      if (r.nextInt(5) == 0) {
        nul(s, k);
      } else {
        s.setVal(k, ("s" + r.nextInt(1000)).getBytes(StandardCharsets.UTF_8));
      }
      m.vector[k] = r.nextInt();
    }
    b.size = n;
    return b;
  }

  private static void nul(ColumnVector v, int k) {
    v.noNulls = false;
    v.isNull[k] = true;
  }

  private static Object valueOf(ColumnVector v) {
    if (!v.noNulls && v.isNull[0]) {
      return null;
    }
    if (v instanceof LongColumnVector l) {
      return l.vector[0];
    }
    if (v instanceof DoubleColumnVector d) {
      return d.vector[0];
    }
    return ((BytesColumnVector) v).toString(0);
  }

  private static List<Object> finish(Accumulators accs, int group) {
    ColumnVector[] outs = new ColumnVector[accs.size()];
    for (int a = 0; a < outs.length; a++) {
      outs[a] = Schemas.newVector(accs.resultType(a), 1);
    }
    accs.finish(group, outs, 0, 0);
    List<Object> out = new ArrayList<>();
    for (ColumnVector v : outs) {
      out.add(valueOf(v));
    }
    return out;
  }

  private static void feed(Accumulators accs, VectorizedRowBatch b, int from, int to, int group) {
    int n = to - from;
    int[] rows = new int[n];
    int[] groups = new int[n];
    for (int k = 0; k < n; k++) {
      rows[k] = from + k;
      groups[k] = group;
    }
    accs.ensureCapacity(group + 1);
    accs.update(b, rows, groups, n);
  }

  @Test
  void anyDivisionMergesToTheSameResult() throws Exception {
    AggregatePlan plan = AggregatePlan.create(TABLE, List.of(), List.of(), AggSpec.parseList(AGGS));
    SplittableRandom r = new SplittableRandom(1);
    for (int trial = 0; trial < 30; trial++) {
      int n = r.nextInt(0, 600);
      VectorizedRowBatch batch = randomBatch(r, n);
      Accumulators whole = plan.newAccumulators();
      feed(whole, batch, 0, n, 0);
      List<Object> expected = finish(whole, 0);

      // divide the rows at random cut points, one state per piece, written out
      List<byte[]> partials = new ArrayList<>();
      int from = 0;
      while (from < n || partials.isEmpty()) {
        int to = Math.min(n, from + r.nextInt(0, 100));
        Accumulators piece = plan.newAccumulators();
        feed(piece, batch, from, to, 3); // a group number other than 0
        DataOutputBuffer out = new DataOutputBuffer();
        piece.write(3, out);
        partials.add(Arrays.copyOf(out.getData(), out.getLength()));
        from = to;
        if (n == 0) {
          break;
        }
      }
      // merge them in two levels, as a combiner and then a reducer would
      PartialMerger reducer = new PartialMerger(plan);
      int k = 0;
      while (k < partials.size()) {
        int end = Math.min(partials.size(), k + 1 + r.nextInt(4));
        PartialMerger combiner = new PartialMerger(plan);
        for (int j = k; j < end; j++) {
          combiner.merge(partials.get(j), partials.get(j).length);
        }
        DataOutputBuffer merged = combiner.mergedPartial();
        reducer.merge(merged.getData(), merged.getLength());
        k = end;
      }
      int aggCount = plan.aggregates().size();
      ColumnVector[] outs = new ColumnVector[aggCount];
      for (int x = 0; x < aggCount; x++) {
        outs[x] = Schemas.newVector(plan.fileColumns().get(x).type(), 1);
      }
      reducer.finish(outs, 0, 0);
      List<Object> actual = new ArrayList<>();
      for (ColumnVector v : outs) {
        actual.add(valueOf(v));
      }
      assertEquals(expected.size(), actual.size());
      for (int a = 0; a < expected.size(); a++) {
        Object e = expected.get(a);
        Object g = actual.get(a);
        if (e instanceof Double de && g instanceof Double dg) {
          assertEquals(de, dg, 0.0, "order-independent, bit for bit: " + plan.aggregates().get(a));
        } else {
          assertEquals(e, g, plan.aggregates().get(a).toString());
        }
      }
      assertIndependent(batch, n, expected);
    }
  }

  /** Checks the one-state result against a plain computation over the rows. */
  private static void assertIndependent(VectorizedRowBatch b, int n, List<Object> got) {
    LongColumnVector i = (LongColumnVector) b.cols[0];
    DoubleColumnVector d = (DoubleColumnVector) b.cols[1];
    long countI = 0;
    long sumI = 0;
    Long minI = null;
    Long maxI = null;
    long countD = 0;
    BigDecimal sumD = BigDecimal.ZERO;
    for (int k = 0; k < n; k++) {
      if (i.noNulls || !i.isNull[k]) {
        countI++;
        sumI += i.vector[k];
        minI = minI == null ? i.vector[k] : Math.min(minI, i.vector[k]);
        maxI = maxI == null ? i.vector[k] : Math.max(maxI, i.vector[k]);
      }
      if (d.noNulls || !d.isNull[k]) {
        countD++;
        sumD = sumD.add(new BigDecimal(d.vector[k]));
      }
    }
    assertEquals((long) n, got.get(0));
    assertEquals(countI, got.get(1));
    assertEquals(countI == 0 ? null : sumI, got.get(2));
    assertEquals(minI, got.get(3));
    assertEquals(maxI, got.get(4));
    if (countI > 0) {
      assertEquals((double) sumI / countI, (Double) got.get(5), Math.abs((double) sumI / countI) * 1e-12);
    }
    assertEquals(countD, got.get(6));
    if (countD > 0) {
      assertEquals(sumD.doubleValue(), (Double) got.get(7), Math.abs(sumD.doubleValue()) * 1e-15);
    }
  }

  @Test
  void integerSumOverflowFailsInsteadOfWrapping() {
    List<Column> cols = List.of(new Column("x", ColumnType.LONG));
    AggregatePlan plan = AggregatePlan.create(new TableSchema("t", cols, Map.of()), List.of(), List.of(),
        AggSpec.parseList("sum(x)"));
    VectorizedRowBatch b = Schemas.newBatch(cols, 2);
    ((LongColumnVector) b.cols[0]).vector[0] = Long.MAX_VALUE;
    ((LongColumnVector) b.cols[0]).vector[1] = 1;
    b.size = 2;
    Accumulators accs = plan.newAccumulators();
    AggregateOverflowException e = assertThrows(AggregateOverflowException.class, () -> feed(accs, b, 0, 2, 0));
    assertTrue(e.getMessage().contains("sum(x)"), e.getMessage());
  }

  @Test
  void emptyGroupGivesCountZeroAndNulls() {
    AggregatePlan plan = AggregatePlan.create(TABLE, List.of(), List.of(), AggSpec.parseList("count(*),sum(i),avg(d),min(s)"));
    Accumulators accs = plan.newAccumulators();
    accs.ensureCapacity(1);
    List<Object> r = finish(accs, 0);
    assertEquals(0L, r.get(0));
    assertEquals(null, r.get(1));
    assertEquals(null, r.get(2));
    assertEquals(null, r.get(3));
  }
}
