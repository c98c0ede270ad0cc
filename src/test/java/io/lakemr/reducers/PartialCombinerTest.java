package io.lakemr.reducers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lakemr.agg.AggSpec;
import io.lakemr.agg.AggregatePlan;
import io.lakemr.agg.PartialAggregator;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.GroupKey;
import io.lakemr.data.Schemas;
import io.lakemr.data.TableSchema;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.mrunit.mapreduce.ReduceDriver;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.Test;

/** The combiner through MRUnit: the partials of pieces of a group merge to the partial of the whole group. */
class PartialCombinerTest {

  private static final List<Column> COLUMNS = List.of(new Column("station", ColumnType.STRING),
      new Column("value", ColumnType.DOUBLE));

  private static AggregatePlan plan() {
    return AggregatePlan.create(new TableSchema("t", COLUMNS, Map.of()), List.of("station"), List.of(),
        AggSpec.parseList("count(*),sum(value),min(value),max(station),avg(value)"));
  }

  /** The (key, partial) pairs of a mapper that saw these rows, all of group "st-7". */
  private static List<Pair<GroupKey, BytesWritable>> partialsOf(double[] values, int from, int to) throws Exception {
    VectorizedRowBatch b = Schemas.newBatch(COLUMNS, Math.max(1, to - from));
    for (int i = from; i < to; i++) {
      ((BytesColumnVector) b.cols[0]).setVal(i - from, "st-7".getBytes(StandardCharsets.UTF_8));
      ((DoubleColumnVector) b.cols[1]).vector[i - from] = values[i];
    }
    b.size = to - from;
    List<Pair<GroupKey, BytesWritable>> out = new ArrayList<>();
    PartialAggregator agg = new PartialAggregator(plan(), 1L << 30);
    agg.add(b, (k, off, len, p, plen) -> out.add(new Pair<>(new GroupKey(Arrays.copyOfRange(k, off, off + len)),
        new BytesWritable(Arrays.copyOf(p, plen)))));
    agg.flush((k, off, len, p, plen) -> out.add(new Pair<>(new GroupKey(Arrays.copyOfRange(k, off, off + len)),
        new BytesWritable(Arrays.copyOf(p, plen)))));
    return out;
  }

  @Test
  void mergedPartialEqualsThePartialOfAllRows() throws Exception {
    SplittableRandom r = new SplittableRandom(2);
    double[] values = new double[1000];
    for (int i = 0; i < values.length; i++) {
      values[i] = 1e3 + r.nextGaussian();
    }
    Pair<GroupKey, BytesWritable> whole = partialsOf(values, 0, values.length).get(0);
    List<BytesWritable> pieces = new ArrayList<>();
    for (int from = 0; from < values.length; from += 137) {
      pieces.add(partialsOf(values, from, Math.min(values.length, from + 137)).get(0).getSecond());
    }
    ReduceDriver<GroupKey, BytesWritable, GroupKey, BytesWritable> d = ReduceDriver.newReduceDriver(new PartialCombiner());
    plan().store(d.getConfiguration());
    d.withInput(whole.getFirst(), pieces);
    List<Pair<GroupKey, BytesWritable>> out = d.run();
    assertEquals(1, out.size());
    assertEquals(whole.getFirst(), out.get(0).getFirst());
    assertArrayEquals(whole.getSecond().copyBytes(), out.get(0).getSecond().copyBytes(),
        "same partial, bit for bit, however the rows were divided");
  }
}
