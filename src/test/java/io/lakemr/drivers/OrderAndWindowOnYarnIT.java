package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.testing.DuckDb;
import io.lakemr.testing.LakemrCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * On the MiniDFSCluster + MiniMRYarnCluster, with two reducers and no uber mode: a windowed,
 * partitioned aggregation equals DuckDB's answer; and {@code --order-by avg_value DESC} gives
 * part files that, read in name order, are sorted across both reducers and equal DuckDB's
 * {@code ORDER BY}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OrderAndWindowOnYarnIT {

  @RegisterExtension
  static final LakemrCluster CLUSTER = new LakemrCluster();

  @TempDir
  static Path tmp;
  private DuckDb duck;
  private Configuration conf;
  private FileSystem hdfs;

  @BeforeAll
  void writeInput() throws Exception {
    conf = CLUSTER.conf();
    hdfs = FileSystem.get(conf);
    duck = new DuckDb();
    duck.writeSensors(tmp.resolve("partitioned"), 30_000);
    Path flat = tmp.resolve("flat.parquet");
    duck.execute("COPY (SELECT * EXCLUDE (date) FROM sensors) TO '" + flat + "' (FORMAT parquet, ROW_GROUP_SIZE 4096)");
    hdfs.copyFromLocalFile(new org.apache.hadoop.fs.Path(flat.toUri()),
        new org.apache.hadoop.fs.Path("/lake/flat/sensors.parquet"));
  }

  @AfterAll
  void close() throws Exception {
    duck.close();
  }

  private Path runOnYarn(String output, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("-D", "mapreduce.job.ubertask.enable=false", "--input", "/lake/flat",
        "--output", output));
    all.addAll(List.of(args));
    Commands.Result r = Commands.run(conf, "aggregate", all.toArray(new String[0]));
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.err().contains("submitted as job_") && !r.err().contains("job_local"), r.err());
    for (FileStatus f : hdfs.listStatus(new org.apache.hadoop.fs.Path("/lake"))) {
      assertFalse(f.getPath().getName().startsWith(".lakemr"), "left behind: " + f.getPath());
    }
    Path back = tmp.resolve(output.replace('/', '_'));
    hdfs.copyToLocalFile(new org.apache.hadoop.fs.Path(output), new org.apache.hadoop.fs.Path(back.toUri()));
    return back;
  }

  private static void assertClose(Object expected, Object actual, String what) {
    if (expected == null || actual == null) {
      assertEquals(expected, actual, what);
      return;
    }
    double e = ((Number) expected).doubleValue();
    assertEquals(e, ((Number) actual).doubleValue(), Math.abs(e) * 1e-9, what);
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void windowedPartitionedJobWithTwoReducers() throws Exception {
    Path back = runOnYarn("/lake/hourly", "--derive", "date=date(ts)", "--window", "ts:1h", "--group-by",
        "date,status", "--partition-by", "date", "--agg", "count(*),avg(value),min(value),max(value)",
        "--reducers", "2");
    TreeSet<String> names = new TreeSet<>();
    try (var files = Files.walk(back)) {
      files.filter(p -> p.getFileName().toString().endsWith(".parquet"))
          .forEach(p -> names.add(p.getFileName().toString()));
    }
    assertEquals(new TreeSet<>(List.of("part-r-00000.parquet", "part-r-00001.parquet")), names,
        "both reducers wrote files");
    List<List<Object>> expected = duck.query("SELECT strftime(make_timestamp(ts * 1000), '%Y-%m-%d'), "
        + "(ts // 3600000) * 3600000, status, count(*), avg(value), min(value), max(value) FROM sensors "
        + "GROUP BY ALL ORDER BY ALL");
    List<List<Object>> actual = duck.query("SELECT CAST(date AS VARCHAR), window_start, status, count, avg_value, "
        + "min_value, max_value FROM read_parquet('" + back + "/**/*.parquet', hive_partitioning = true) ORDER BY ALL");
    assertTrue(expected.size() > 30 * 24, "groups: " + expected.size());
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      List<Object> e = expected.get(i);
      List<Object> a = actual.get(i);
      assertEquals(e.subList(0, 3).toString(), a.subList(0, 3).toString(), "group " + i);
      assertEquals(((Number) e.get(3)).longValue(), ((Number) a.get(3)).longValue(), e + " count");
      for (int c = 4; c < 7; c++) {
        assertClose(e.get(c), a.get(c), e + " column " + c);
      }
    }
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void globallySortedAcrossTwoReducers() throws Exception {
    Path back = runOnYarn("/lake/by_avg", "--group-by", "station", "--agg", "count(*),avg(value)",
        "--order-by", "avg_value DESC", "--reducers", "2");
    List<List<Object>> actual = new ArrayList<>();
    for (String part : new String[] {"part-r-00000.parquet", "part-r-00001.parquet"}) {
      List<List<Object>> rows = duck.query("SELECT station, count, avg_value FROM read_parquet('"
          + back.resolve(part) + "')");
      assertTrue(rows.size() > 100, part + " holds about half the rows: " + rows.size());
      actual.addAll(rows);
    }
    for (int i = 1; i < actual.size(); i++) {
      Double prev = (Double) actual.get(i - 1).get(2);
      Double cur = (Double) actual.get(i).get(2);
      boolean ordered = cur == null || prev != null && (prev > cur
          || prev.equals(cur) && actual.get(i - 1).get(0).toString().compareTo(actual.get(i).get(0).toString()) < 0);
      assertTrue(ordered, "rows " + (i - 1) + " and " + i + " out of order: " + actual.get(i - 1) + ", "
          + actual.get(i));
    }
    List<List<Object>> expected = duck.query("SELECT station, count(*), avg(value) FROM sensors GROUP BY ALL "
        + "ORDER BY 3 DESC NULLS LAST, station");
    assertEquals(expected.size(), actual.size());
    for (int i = 0; i < expected.size(); i++) {
      assertClose(expected.get(i).get(2), actual.get(i).get(2), "avg at rank " + i);
    }
  }
}
