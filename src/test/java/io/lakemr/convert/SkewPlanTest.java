package io.lakemr.convert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.ByteBuf;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.GroupKey;
import io.lakemr.data.Schemas;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.junit.jupiter.api.Test;

/**
 * {@link SkewPlan} from sampled shares, and {@link ConvertPartitioner}'s routing with it: rows of
 * a spread partition over its run of reducers, evenly and the same row always to the same one;
 * other partitions whole to their hash's reducer, as without a plan.
 */
class SkewPlanTest {

  private static final int REDUCERS = 4;
  private static final List<Column> ROW = List.of(new Column("day", ColumnType.STRING),
      new Column("id", ColumnType.LONG));

  private final ConvertPlan plan = ConvertPlan.create(ROW, List.of("id"), List.of("day"), List.of());

  /** The key prefix of a partition value, as the mapper encodes it, in base64. */
  private String prefix(String day) {
    return Base64.getEncoder().encodeToString(key(day, 0).copyBytes());
  }

  private VectorizedRowBatch row(String day, long id) {
    VectorizedRowBatch b = Schemas.newBatch(ROW, 1);
    ((BytesColumnVector) b.cols[0]).setVal(0, day.getBytes(StandardCharsets.UTF_8));
    ((LongColumnVector) b.cols[1]).vector[0] = id;
    b.size = 1;
    return b;
  }

  private GroupKey key(String day, long id) {
    ByteBuf buf = new ByteBuf(32);
    plan.keyEncoder().encode(row(day, id).cols, plan.keyIndexes(), 0, buf);
    return new GroupKey(Arrays.copyOf(buf.array(), buf.length()));
  }

  private BytesWritable value(String day, long id) {
    ByteBuf buf = new ByteBuf(32);
    VectorizedRowBatch b = row(day, id);
    plan.rowCodec().encode(new ColumnVector[] {b.cols[1]}, 0, buf);
    return new BytesWritable(Arrays.copyOf(buf.array(), buf.length()));
  }

  private ConvertPartitioner partitioner(SkewPlan skew) throws Exception {
    Job job = Job.getInstance(new Configuration(false));
    plan.configure(job);
    job.getConfiguration().setInt(MRJobConfig.NUM_REDUCES, REDUCERS);
    skew.store(job.getConfiguration());
    ConvertPartitioner p = new ConvertPartitioner();
    p.setConf(job.getConfiguration());
    return p;
  }

  private Map<String, Double> skewedSample() {
    Map<String, Double> weights = new LinkedHashMap<>();
    weights.put(prefix("big"), 900.0);
    for (int d = 0; d < 10; d++) {
      weights.put(prefix("small-" + d), 10.0);
    }
    return weights;
  }

  @Test
  void aPartitionPastItsShareGetsReducersInProportion() {
    SkewPlan skew = SkewPlan.estimate(skewedSample(), REDUCERS, 1.5);
    assertEquals(1, skew.heavy().size(), skew.heavy().toString());
    SkewPlan.Heavy h = skew.heavy().get(0);
    assertEquals(prefix("big"), h.prefixBase64());
    assertEquals(0.9, h.share(), 1e-9);
    assertEquals(4, h.count()); // ceil(0.9 * 4)
    assertEquals(0, SkewPlan.estimate(skewedSample(), 1, 1.5).heavy().size(), "one reducer: nothing to spread");
    Map<String, Double> even = new LinkedHashMap<>();
    for (int d = 0; d < 8; d++) {
      even.put(prefix("d" + d), 1.0);
    }
    assertEquals(0, SkewPlan.estimate(even, REDUCERS, 1.5).heavy().size(), "even shares: nothing to spread");
  }

  @Test
  void twoLargePartitionsGetRunsThatDoNotOverlap() {
    Map<String, Double> weights = new LinkedHashMap<>();
    weights.put(prefix("a"), 45.0);
    weights.put(prefix("b"), 45.0);
    weights.put(prefix("c"), 10.0);
    SkewPlan skew = SkewPlan.estimate(weights, REDUCERS, 1.5);
    assertEquals(2, skew.heavy().size());
    Set<Integer> used = new HashSet<>();
    for (SkewPlan.Heavy h : skew.heavy()) {
      assertEquals(2, h.count());
      for (int j = 0; j < h.count(); j++) {
        assertTrue(used.add((h.first() + j) % REDUCERS), "reducer used twice: " + skew.heavy());
      }
    }
  }

  @Test
  void rowsOfASpreadPartitionGoToEveryReducerOfItsRunAndOthersStayWhole() throws Exception {
    SkewPlan skew = SkewPlan.estimate(skewedSample(), REDUCERS, 1.5);
    ConvertPartitioner spread = partitioner(skew);
    ConvertPartitioner again = partitioner(SkewPlan.load(partitioner(skew).getConf(), REDUCERS));
    ConvertPartitioner plain = partitioner(SkewPlan.NONE);
    int[] perReducer = new int[REDUCERS];
    Set<Integer> plainReducers = new HashSet<>();
    int rows = 4000;
    for (long id = 0; id < rows; id++) {
      int r = spread.getPartition(key("big", id), value("big", id), REDUCERS);
      perReducer[r]++;
      assertEquals(r, again.getPartition(key("big", id), value("big", id), REDUCERS), "the same row, the same reducer");
      plainReducers.add(plain.getPartition(key("big", id), value("big", id), REDUCERS));
    }
    assertEquals(1, plainReducers.size(), "without a plan a partition goes to one reducer");
    for (int n : perReducer) {
      assertTrue(n > rows / REDUCERS * 0.8 && n < rows / REDUCERS * 1.2, Arrays.toString(perReducer));
    }
    for (int d = 0; d < 10; d++) {
      List<Integer> got = new ArrayList<>();
      for (long id = 0; id < 50; id++) {
        int r = spread.getPartition(key("small-" + d, id), value("small-" + d, id), REDUCERS);
        got.add(r);
        assertEquals(plain.getPartition(key("small-" + d, id), value("small-" + d, id), REDUCERS), r);
      }
      assertEquals(1, new HashSet<>(got).size(), "small-" + d + " goes whole to one reducer");
    }
  }

  @Test
  void storedPlansReadBackAndMalformedOnesAreNamed() {
    Configuration conf = new Configuration(false);
    SkewPlan skew = SkewPlan.estimate(skewedSample(), REDUCERS, 1.5);
    skew.store(conf);
    SkewPlan back = SkewPlan.load(conf, REDUCERS);
    assertEquals(skew.heavy().size(), back.heavy().size());
    assertEquals(skew.heavy().get(0).prefixBase64(), back.heavy().get(0).prefixBase64());
    assertEquals(skew.heavy().get(0).first(), back.heavy().get(0).first());
    SkewPlan.NONE.store(conf);
    assertEquals(0, SkewPlan.load(conf, REDUCERS).heavy().size());
    conf.set(LakemrConfig.CONVERT_SKEW_PARTITIONS, "AAA:7:2:0.5");
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SkewPlan.load(conf, REDUCERS));
    assertTrue(e.getMessage().startsWith(LakemrConfig.CONVERT_SKEW_PARTITIONS), e.getMessage());
  }
}
