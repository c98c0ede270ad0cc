package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.testing.Csv;
import io.lakemr.testing.LocalJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code generate --format hdf5} writes one HDF5 file per map task through the committer, and
 * {@code aggregate} over it gives the same numbers as over the Parquet sample of the same seed.
 */
class Hdf5GenerateJobTest {

  @TempDir
  Path tmp;

  @Test
  void hdf5SampleAggregatesLikeTheParquetSample() throws Exception {
    Configuration conf = LocalJobs.conf(tmp);
    Path h5 = tmp.resolve("h5");
    Path pq = tmp.resolve("pq");
    Commands.Result g = Commands.run(conf, "generate", "--rows", "150_001", "--files", "3", "--seed", "7",
        "--format", "hdf5", "--output", h5.toString());
    assertEquals(0, g.exitCode(), g.toString());
    assertEquals(0, Commands.run(conf, "generate", "--rows", "150_001", "--files", "2", "--seed", "7",
        "--output", pq.toString()).exitCode());
    List<String> names;
    try (Stream<Path> s = Files.list(h5)) {
      names = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertEquals(List.of("_SUCCESS", "part-m-00000.h5", "part-m-00001.h5", "part-m-00002.h5"),
        names.stream().filter(n -> !n.startsWith(".")).toList());

    String aggs = "count(*),sum(value),min(value),max(value),min(ts),max(ts),sum(sensor_id)";
    List<String> header = List.of("station", "status", "count", "sum_value", "min_value", "max_value", "min_ts",
        "max_ts", "sum_sensor_id");
    Commands.Result a = Commands.run(conf, "aggregate", "--input", h5.toString(), "--dataset", "/sensors",
        "--group-by", "station,status", "--agg", aggs, "--output", tmp.resolve("a-h5").toString(),
        "--output-format", "csv");
    assertEquals(0, a.exitCode(), a.toString());
    Commands.Result b = Commands.run(conf, "aggregate", "--input", pq.toString(), "--group-by", "station,status",
        "--agg", aggs, "--output", tmp.resolve("a-pq").toString(), "--output-format", "csv");
    assertEquals(0, b.exitCode(), b.toString());
    List<List<String>> fromHdf5 = Csv.readParts(tmp.resolve("a-h5"), header);
    List<List<String>> fromParquet = Csv.readParts(tmp.resolve("a-pq"), header);
    assertTrue(fromHdf5.size() > 2000, "station x status groups: " + fromHdf5.size());
    // sums are exact double-double sums, so even they agree to the bit
    assertEquals(fromParquet, fromHdf5);
  }
}
