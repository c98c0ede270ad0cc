package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.conf.LakemrConfig;
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
 * {@code generate --format zarr} writes one Zarr v2 store per map task through the committer,
 * and {@code aggregate} over the stores gives the same numbers as over the Parquet sample of the
 * same seed.
 */
class ZarrGenerateJobTest {

  @TempDir
  Path tmp;

  @Test
  void zarrSampleAggregatesLikeTheParquetSample() throws Exception {
    Configuration conf = LocalJobs.conf(tmp);
    conf.setInt(LakemrConfig.GENERATE_ZARR_CHUNK_ROWS, 1000);
    Path zarr = tmp.resolve("zarr");
    Path pq = tmp.resolve("pq");
    Commands.Result g = Commands.run(conf, "generate", "--rows", "7_001", "--files", "3", "--seed", "11",
        "--format", "zarr", "--output", zarr.toString());
    assertEquals(0, g.exitCode(), g.toString());
    assertEquals(0, Commands.run(conf, "generate", "--rows", "7_001", "--files", "2", "--seed", "11",
        "--output", pq.toString()).exitCode());
    assertEquals(List.of("_SUCCESS", "part-m-00000.zarr", "part-m-00001.zarr", "part-m-00002.zarr"), names(zarr));
    Path store = zarr.resolve("part-m-00000.zarr");
    assertEquals(List.of(".zarray", "0", "1", "2"), names(store.resolve("station")));
    String zarray = Files.readString(store.resolve("station/.zarray"));
    assertTrue(zarray.contains("\"|S7\"") && zarray.contains("\"zlib\""), zarray);
    assertTrue(Files.readString(store.resolve(".zmetadata")).contains("sensor_id/.zarray"));

    String aggs = "count(*),sum(value),min(value),max(value),min(ts),max(ts),sum(sensor_id)";
    List<String> header = List.of("station", "status", "count", "sum_value", "min_value", "max_value", "min_ts",
        "max_ts", "sum_sensor_id");
    Commands.Result a = Commands.run(conf, "aggregate", "--input", zarr.toString(),
        "--group-by", "station,status", "--agg", aggs, "--output", tmp.resolve("a-zarr").toString(),
        "--output-format", "csv");
    assertEquals(0, a.exitCode(), a.toString());
    Commands.Result b = Commands.run(conf, "aggregate", "--input", pq.toString(), "--group-by", "station,status",
        "--agg", aggs, "--output", tmp.resolve("a-pq").toString(), "--output-format", "csv");
    assertEquals(0, b.exitCode(), b.toString());
    List<List<String>> fromZarr = Csv.readParts(tmp.resolve("a-zarr"), header);
    List<List<String>> fromParquet = Csv.readParts(tmp.resolve("a-pq"), header);
    assertTrue(fromZarr.size() > 1000, "station x status groups: " + fromZarr.size());
    assertEquals(fromParquet, fromZarr);
  }

  private static List<String> names(Path dir) throws Exception {
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".") || n.startsWith(".z"))
          .sorted().toList();
    }
  }
}
