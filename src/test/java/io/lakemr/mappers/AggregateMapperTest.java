package io.lakemr.mappers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.agg.AggSpec;
import io.lakemr.agg.AggregateCounters;
import io.lakemr.agg.AggregatePlan;
import io.lakemr.agg.PartialMerger;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.GroupKey;
import io.lakemr.data.Schemas;
import io.lakemr.data.TableSchema;
import io.lakemr.testing.BatchSerialization;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.serializer.WritableSerialization;
import org.apache.hadoop.mrunit.mapreduce.MapDriver;
import org.apache.hadoop.mrunit.types.Pair;
import org.junit.jupiter.api.Test;

/** The mapper through MRUnit: one partial per group, or more when the table flushes; never a lost row. */
class AggregateMapperTest {

  static final List<Column> COLUMNS = List.of(new Column("station", ColumnType.STRING),
      new Column("value", ColumnType.DOUBLE));

  static AggregatePlan plan() {
    return AggregatePlan.create(new TableSchema("t", COLUMNS, Map.of()), List.of("station"), List.of(),
        AggSpec.parseList("count(*),sum(value),max(value)"));
  }

  static VectorizedRowBatch batch(String[] stations, Double[] values) {
    VectorizedRowBatch b = Schemas.newBatch(COLUMNS, stations.length);
    for (int i = 0; i < stations.length; i++) {
      if (stations[i] == null) {
        b.cols[0].noNulls = false;
        b.cols[0].isNull[i] = true;
      } else {
        ((BytesColumnVector) b.cols[0]).setVal(i, stations[i].getBytes(StandardCharsets.UTF_8));
      }
      if (values[i] == null) {
        b.cols[1].noNulls = false;
        b.cols[1].isNull[i] = true;
      } else {
        ((DoubleColumnVector) b.cols[1]).vector[i] = values[i];
      }
    }
    b.size = stations.length;
    return b;
  }

  private static MapDriver<NullWritable, VectorizedRowBatch, GroupKey, BytesWritable> driver(long budget) {
    MapDriver<NullWritable, VectorizedRowBatch, GroupKey, BytesWritable> d = MapDriver.newMapDriver(new AggregateMapper());
    Configuration conf = d.getConfiguration();
    conf.setStrings("io.serializations", BatchSerialization.class.getName(), WritableSerialization.class.getName());
    plan().store(conf);
    conf.setLong(LakemrConfig.AGG_MAP_MEMORY_BYTES, budget);
    return d;
  }

  /** Group (decoded station) -> finished (count, sum, max) over all of a mapper's partials. */
  private static Map<String, List<Object>> finish(List<Pair<GroupKey, BytesWritable>> out) throws Exception {
    AggregatePlan plan = plan();
    Map<String, List<byte[]>> partials = new HashMap<>();
    for (Pair<GroupKey, BytesWritable> p : out) {
      BytesColumnVector key = new BytesColumnVector(1);
      key.initBuffer();
      plan.keyCodec().decode(p.getFirst().getBytes(), 0, new ColumnVector[] {key}, 0);
      String station = !key.noNulls && key.isNull[0] ? null : key.toString(0);
      partials.computeIfAbsent(station, k -> new ArrayList<>()).add(p.getSecond().copyBytes());
    }
    Map<String, List<Object>> result = new HashMap<>();
    for (Map.Entry<String, List<byte[]>> e : partials.entrySet()) {
      PartialMerger m = new PartialMerger(plan);
      for (byte[] b : e.getValue()) {
        m.merge(b, b.length);
      }
      LongColumnVector count = new LongColumnVector(1);
      DoubleColumnVector sum = new DoubleColumnVector(1);
      DoubleColumnVector max = new DoubleColumnVector(1);
      m.finish(new ColumnVector[] {count, sum, max}, 0, 0);
      result.put(e.getKey(), List.of(count.vector[0], sum.vector[0], max.vector[0]));
    }
    return result;
  }

  @Test
  void onePartialPerGroupWithinBudget() throws Exception {
    MapDriver<NullWritable, VectorizedRowBatch, GroupKey, BytesWritable> d = driver(1L << 30);
    d.withInput(NullWritable.get(), batch(new String[] {"a", "b", "a", null}, new Double[] {1.0, 2.0, 3.0, 4.0}));
    d.withInput(NullWritable.get(), batch(new String[] {"b", null}, new Double[] {5.0, null}));
    List<Pair<GroupKey, BytesWritable>> out = d.run();
    assertEquals(3, out.size(), "one partial per group");
    Map<String, List<Object>> r = finish(out);
    assertEquals(List.of(2L, 4.0, 3.0), r.get("a"));
    assertEquals(List.of(2L, 7.0, 5.0), r.get("b"));
    assertEquals(List.of(2L, 4.0, 4.0), r.get(null));
    assertEquals(6, d.getCounters().findCounter(AggregateCounters.ROWS_AGGREGATED).getValue());
  }

  @Test
  void overBudgetFlushesWithoutLosingRows() throws Exception {
    MapDriver<NullWritable, VectorizedRowBatch, GroupKey, BytesWritable> d = driver(1);
    d.withInput(NullWritable.get(), batch(new String[] {"a", "b", "a"}, new Double[] {1.0, 2.0, 3.0}));
    d.withInput(NullWritable.get(), batch(new String[] {"b", "a"}, new Double[] {5.0, 0.5}));
    List<Pair<GroupKey, BytesWritable>> out = d.run();
    assertEquals(4, out.size(), "each batch flushed on its own");
    assertTrue(d.getCounters().findCounter(AggregateCounters.MAP_TABLE_FLUSHES).getValue() >= 2);
    Map<String, List<Object>> r = finish(out);
    assertEquals(List.of(3L, 4.5, 3.0), r.get("a"));
    assertEquals(List.of(2L, 7.0, 5.0), r.get("b"));
  }
}
