package io.lakemr.reducers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lakemr.agg.AggSpec;
import io.lakemr.agg.AggregateCounters;
import io.lakemr.agg.AggregatePlan;
import io.lakemr.agg.PartialAggregator;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.GroupKey;
import io.lakemr.data.Schemas;
import io.lakemr.data.TableSchema;
import io.lakemr.formats.output.OutputFormats;
import io.lakemr.formats.output.PartitionedBatchWriter;
import io.lakemr.testing.Csv;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.BytesWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mrunit.mapreduce.ReduceDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reducer through MRUnit: merges partials, finishes results, writes sorted rows into one
 * file per partition directory, and starts a new partition file only when the partition changes.
 */
class AggregateReducerTest {

  private static final List<Column> COLUMNS = List.of(new Column("region", ColumnType.STRING),
      new Column("station", ColumnType.STRING), new Column("qty", ColumnType.LONG));

  @TempDir
  Path tmp;

  private static AggregatePlan plan() {
    return AggregatePlan.create(new TableSchema("t", COLUMNS, Map.of()), List.of("station", "region"),
        List.of("region"), AggSpec.parseList("count(*),sum(qty)"));
  }

  /** A reducer writing CSV into a plain directory instead of the committer's work path. */
  private final class LocalDirReducer extends AggregateReducer {
    @Override
    protected PartitionedBatchWriter openWriter(Context context) {
      AggregatePlan p = plan();
      return new PartitionedBatchWriter(context.getConfiguration(), new org.apache.hadoop.fs.Path(tmp.toUri()),
          "part-r-00000.csv", OutputFormats.CSV, p.fileColumns(), List.of("region"), context);
    }
  }

  @Test
  void writesOneFilePerPartitionInKeyOrder() throws Exception {
    AggregatePlan plan = plan();
    // the partials two mappers would send, as (key, partial) in key order
    TreeMap<GroupKey, List<BytesWritable>> shuffled = new TreeMap<>();
    String[][] rows = {{"eu", "b", "1"}, {"eu", "a", "2"}, {"us", "a", "3"}, {"eu", "b", "4"}, {null, "c", "5"},
        {"us", "a", "6"}};
    for (int half = 0; half < 2; half++) {
      VectorizedRowBatch b = Schemas.newBatch(COLUMNS, 3);
      for (int i = 0; i < 3; i++) {
        String[] r = rows[half * 3 + i];
        if (r[0] == null) {
          b.cols[0].noNulls = false;
          b.cols[0].isNull[i] = true;
        } else {
          ((BytesColumnVector) b.cols[0]).setVal(i, r[0].getBytes(StandardCharsets.UTF_8));
        }
        ((BytesColumnVector) b.cols[1]).setVal(i, r[1].getBytes(StandardCharsets.UTF_8));
        ((LongColumnVector) b.cols[2]).vector[i] = Long.parseLong(r[2]);
      }
      b.size = 3;
      PartialAggregator agg = new PartialAggregator(plan, 1L << 30);
      agg.add(b, (k, off, len, p, plen) -> { });
      agg.flush((k, off, len, p, plen) -> shuffled.computeIfAbsent(new GroupKey(Arrays.copyOfRange(k, off, off + len)),
          x -> new ArrayList<>()).add(new BytesWritable(Arrays.copyOf(p, plen))));
    }
    ReduceDriver<GroupKey, BytesWritable, NullWritable, NullWritable> d = ReduceDriver.newReduceDriver(new LocalDirReducer());
    plan.store(d.getConfiguration());
    shuffled.forEach(d::withInput);
    d.run();

    List<String> header = List.of("station", "count", "sum_qty");
    assertEquals(List.of(List.of("c", "1", "5")),
        Csv.readParts(tmp.resolve("region=__HIVE_DEFAULT_PARTITION__"), header));
    assertEquals(List.of(List.of("a", "1", "2"), List.of("b", "2", "5")), Csv.readParts(tmp.resolve("region=eu"), header));
    assertEquals(List.of(List.of("a", "2", "9")), Csv.readParts(tmp.resolve("region=us"), header));
    try (var files = Files.walk(tmp)) {
      assertEquals(3, files.filter(p -> p.getFileName().toString().equals("part-r-00000.csv")).count(),
          "one file per partition: the partition columns lead the key");
    }
    assertEquals(4, d.getCounters().findCounter(AggregateCounters.GROUPS_OUT).getValue());
  }
}
