package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.agg.AggregateCounters;
import io.lakemr.testing.Csv;
import io.lakemr.testing.JobSummaries;
import io.lakemr.testing.LocalJobs;
import io.lakemr.testing.ParquetFiles;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The new aggregates in real jobs on the local runner, with the combiner on, and off with a tiny
 * in-mapper budget (so tables flush often): results against values computed here, and the two
 * runs identical (but for the randomized KLL median, within its bound). count_distinct runs as
 * two chained jobs, together with other aggregates.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NewAggregatesJobTest {

  private static final Schema SCHEMA = SchemaBuilder.record("reading").fields()
      .requiredString("station")
      .optionalLong("sensor_id")
      .optionalDouble("value")
      .endRecord();
  private static final String AGGS = "count(*),count_distinct(sensor_id),avg(value),stddev(value),"
      + "var_pop(value),approx_count_distinct(sensor_id),approx_median(value)";
  private static final List<String> HEADER = List.of("station", "count", "count_distinct_sensor_id", "avg_value",
      "stddev_value", "var_pop_value", "approx_count_distinct_sensor_id", "approx_median_value");

  @TempDir
  static Path tmp;
  private Path input;
  private Configuration conf;
  private final Map<String, List<Double>> values = new TreeMap<>();
  private final Map<String, Set<Long>> sensors = new TreeMap<>();
  private final Map<String, Long> counts = new TreeMap<>();

  @BeforeAll
  void writeInput() throws Exception {
    conf = LocalJobs.conf(tmp);
    input = Files.createDirectories(tmp.resolve("readings"));
    SplittableRandom r = new SplittableRandom(21);
    for (int f = 0; f < 4; f++) {
      List<GenericRecord> rows = new ArrayList<>();
      for (int i = 0; i < 25_000; i++) {
        String station = "st-" + r.nextInt(6);
        Long sensor = r.nextInt(30) == 0 ? null : (long) r.nextInt(station.hashCode() % 3 == 0 ? 50 : 4_000);
        Double value = r.nextInt(25) == 0 ? null : 1e9 + r.nextGaussian() * 0.5;
        GenericRecord g = new GenericData.Record(SCHEMA);
        g.put("station", station);
        g.put("sensor_id", sensor);
        g.put("value", value);
        rows.add(g);
        counts.merge(station, 1L, Long::sum);
        if (sensor != null) {
          sensors.computeIfAbsent(station, k -> new HashSet<>()).add(sensor);
        }
        if (value != null) {
          values.computeIfAbsent(station, k -> new ArrayList<>()).add(value);
        }
      }
      ParquetFiles.write(input.resolve("part-" + f + ".parquet"), SCHEMA, rows, CompressionCodecName.SNAPPY, 128 * 1024);
    }
  }

  private List<List<String>> run(Path out, Configuration c) throws Exception {
    Commands.Result r = Commands.run(c, "aggregate", "--input", input.toString(), "--group-by", "station",
        "--agg", AGGS, "--output", out.toString(), "--output-format", "csv", "--reducers", "2");
    assertEquals(0, r.exitCode(), r.toString());
    List<List<String>> rows = new ArrayList<>(Csv.readParts(out, HEADER));
    rows.sort((a, b) -> a.get(0).compareTo(b.get(0)));
    return rows;
  }

  @Test
  void resultsMatchAndTheCombinerChangesNothing() throws Exception {
    List<List<String>> on = run(tmp.resolve("on"), conf);
    Configuration off = new Configuration(conf);
    off.setBoolean("lakemr.aggregate.combiner", false);
    off.setLong("lakemr.aggregate.map.memory.bytes", 2048);
    List<List<String>> offRows = run(tmp.resolve("off"), off);
    long flushes = JobSummaries.counter(tmp.resolve("off"), AggregateCounters.MAP_TABLE_FLUSHES);
    assertTrue(flushes > 1, "a 2 KB map table must flush more than once, flushed " + flushes);
    assertEquals(counts.size(), on.size());
    MathContext mc = new MathContext(50);
    int i = 0;
    for (String station : counts.keySet()) {
      List<String> row = on.get(i);
      List<String> other = offRows.get(i);
      i++;
      assertEquals(station, row.get(0));
      assertEquals(row.subList(0, 7), other.subList(0, 7), "combiner on and off: " + station);
      assertEquals(counts.get(station).toString(), row.get(1));
      int distinct = sensors.get(station).size();
      assertEquals(Integer.toString(distinct), row.get(2), "exact count_distinct");
      List<Double> xs = values.get(station);
      BigDecimal sum = BigDecimal.ZERO;
      for (double x : xs) {
        sum = sum.add(new BigDecimal(x));
      }
      BigDecimal mean = sum.divide(BigDecimal.valueOf(xs.size()), mc);
      BigDecimal m2 = BigDecimal.ZERO;
      for (double x : xs) {
        BigDecimal d = new BigDecimal(x).subtract(mean);
        m2 = m2.add(d.multiply(d));
      }
      double samp = m2.divide(BigDecimal.valueOf(xs.size() - 1), mc).doubleValue();
      double pop = m2.divide(BigDecimal.valueOf(xs.size()), mc).doubleValue();
      assertEquals(mean.doubleValue(), Double.parseDouble(row.get(3)), mean.doubleValue() * 1e-15);
      assertEquals(Math.sqrt(samp), Double.parseDouble(row.get(4)), Math.sqrt(samp) * 1e-9);
      assertEquals(pop, Double.parseDouble(row.get(5)), pop * 1e-9);
      long approx = Long.parseLong(row.get(6));
      assertTrue(Math.abs(approx - distinct) <= 3 * 0.0163 * distinct + 1, approx + " vs " + distinct);
      List<Double> sorted = new ArrayList<>(xs);
      sorted.sort(null);
      for (List<String> r : List.of(row, other)) {
        double median = Double.parseDouble(r.get(7));
        long atOrBelow = sorted.stream().filter(x -> x <= median).count();
        assertEquals(0.5, atOrBelow / (double) sorted.size(), 0.0133, "median rank, " + station);
      }
    }
  }

  @Test
  void countDistinctAloneGlobalAndOfAGroupColumn() throws Exception {
    Path out = tmp.resolve("global-distinct");
    Commands.Result r = Commands.run(conf, "aggregate", "--input", input.toString(), "--agg",
        "count_distinct(sensor_id),count(*)", "--output", out.toString(), "--output-format", "csv");
    assertEquals(0, r.exitCode(), r.toString());
    Set<Long> all = new HashSet<>();
    sensors.values().forEach(all::addAll);
    long rows = counts.values().stream().mapToLong(Long::longValue).sum();
    assertEquals(List.of(List.of(Integer.toString(all.size()), Long.toString(rows))),
        Csv.readParts(out, List.of("count_distinct_sensor_id", "count")));
    Path out2 = tmp.resolve("distinct-of-key");
    r = Commands.run(conf, "aggregate", "--input", input.toString(), "--group-by", "station", "--agg",
        "count_distinct(station)", "--output", out2.toString(), "--output-format", "csv");
    assertEquals(0, r.exitCode(), r.toString());
    for (List<String> row : Csv.readParts(out2, List.of("station", "count_distinct_station"))) {
      assertEquals("1", row.get(1));
    }
    assertNoScratchLeft();
  }

  private static void assertNoScratchLeft() throws Exception {
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".lakemr")).toList());
    }
  }

  @Test
  void aFailedDistinctStageFailsTheCommandAndLeavesNothing() throws Exception {
    Path bad = Files.createDirectories(tmp.resolve("corrupt"));
    List<GenericRecord> rows = new ArrayList<>();
    for (int i = 0; i < 40_000; i++) {
      GenericRecord g = new GenericData.Record(SCHEMA);
      g.put("station", "st-" + (i % 100));
      g.put("sensor_id", (long) i);
      g.put("value", (double) i);
      rows.add(g);
    }
    Path file = bad.resolve("broken.parquet");
    ParquetFiles.write(file, SCHEMA, rows, CompressionCodecName.UNCOMPRESSED, 1 << 20);
    byte[] bytes = Files.readAllBytes(file);
    for (int i = bytes.length / 3; i < bytes.length / 3 + 64; i++) {
      bytes[i] ^= 0x5A;
    }
    Files.write(file, bytes);
    Path out = tmp.resolve("never");
    Commands.Result r = Commands.run(conf, "aggregate", "--input", bad.toString(), "--group-by", "station", "--agg",
        "count(*),count_distinct(sensor_id)", "--output", out.toString());
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.err().contains("distinct stage") && r.err().contains("broken.parquet"), r.err());
    assertFalse(Files.exists(out));
    assertNoScratchLeft();
  }
}
