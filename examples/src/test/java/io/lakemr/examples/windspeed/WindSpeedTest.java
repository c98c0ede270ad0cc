package io.lakemr.examples.windspeed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakemr.testing.LocalJobs;
import io.lakemr.testing.Rows;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link WindSpeed} on the local job runner, as {@code bin/lakemr} runs jobs, over
 * {@code windspeed/wind.h5} (written by libhdf5 through h5py with {@code make_fixtures.py},
 * which computes {@code expected.json} from the arrays it wrote): per day the rows, the count,
 * sum and maximum of the speed equal the generator's; every row's speed and direction follow
 * from its components; each day is one file in time order.
 */
class WindSpeedTest {

  @TempDir
  Path tmp;

  /** Copies the fixture file out of the test class path. */
  static Path fixture(Path dir) throws Exception {
    Path file = Files.createDirectories(dir).resolve("wind.h5");
    try (InputStream in = WindSpeedTest.class.getResourceAsStream("/windspeed/wind.h5")) {
      Files.copy(in, file);
    }
    return file;
  }

  /** expected.json as rows {@code day, rows, count, sum, max}, by day. */
  static List<List<Object>> expectedDays() throws Exception {
    JsonNode days;
    try (InputStream in = WindSpeedTest.class.getResourceAsStream("/windspeed/expected.json")) {
      days = new ObjectMapper().readTree(in).get("days");
    }
    List<List<Object>> rows = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = days.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> d = it.next();
      JsonNode s = d.getValue();
      rows.add(List.of(d.getKey(), s.get("rows").asLong(), s.get("count").asLong(), s.get("sum").asDouble(),
          s.get("max").asDouble()));
    }
    return rows;
  }

  /** Checks a published output against expected.json and the per-row formulas. */
  static void checkOutput(Path out) throws Exception {
    String files = "read_parquet('" + out + "/*/*.parquet', hive_partitioning = true, filename = true, "
        + "file_row_number = true)";
    Rows.assertRowsEqual(expectedDays(), Rows.query("SELECT day::VARCHAR, count(*), count(speed), sum(speed), "
        + "max(speed) FROM " + files + " GROUP BY day ORDER BY day"), 1e-12);
    List<List<Object>> checks = Rows.query("SELECT "
        + "count(*) FILTER (WHERE abs(speed - sqrt(u * u + v * v)) > 1e-12 * speed), "
        + "count(*) FILTER (WHERE abs(direction - (degrees(atan2(-u, -v)) + 360) % 360) > 1e-9), "
        + "count(*) FILTER (WHERE (u IS NULL OR v IS NULL) <> (speed IS NULL)), "
        + "count(*) FILTER (WHERE isnan(u) OR isnan(v)), "
        + "count(DISTINCT filename) - count(DISTINCT day), "
        + "count(*) FILTER (WHERE CAST(time AS DATE) <> day) FROM " + files);
    assertEquals(List.of(List.of(0L, 0L, 0L, 0L, 0L, 0L)), checks,
        "bad speeds, bad directions, nulls off, NaNs left, extra files, rows in the wrong day");
    List<List<Object>> unordered = Rows.query("SELECT count(*) FROM (SELECT time, lag(time) OVER (PARTITION BY "
        + "filename ORDER BY file_row_number) AS before FROM " + files + ") WHERE time < before");
    assertEquals(0L, unordered.get(0).get(0), "each file in time order");
  }

  @Test
  void computesSpeedAndDirectionPerRowIntoDailyPartitions() throws Exception {
    Configuration conf = LocalJobs.conf(tmp);
    conf.setLong("mapreduce.input.fileinputformat.split.maxsize", 64 * 1024);
    Path in = fixture(tmp.resolve("in"));
    Path out = tmp.resolve("wind");

    assertEquals(0, ToolRunner.run(conf, new WindSpeed(), new String[] {in.toString(), out.toString()}));

    checkOutput(out);
    try (var days = Files.list(out)) {
      assertEquals(4, days.filter(d -> d.getFileName().toString().startsWith("day=")).count(),
          "four days, the third missing from the input");
    }
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
  }

  @Test
  void aWrongCallIsAUsageError() throws Exception {
    assertEquals(2, ToolRunner.run(LocalJobs.conf(tmp), new WindSpeed(), new String[] {"only-one"}));
  }
}
