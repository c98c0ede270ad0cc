package io.lakemr.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lakemr.drivers.Commands;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An HDF5 fixture written from columns is read by lakemr as the table it holds. */
class FixturesTest {

  @TempDir
  Path tmp;

  @Test
  void anHdf5FixtureReadsBackAsItsColumns() throws Exception {
    int rows = 1000;
    long[] ts = new long[rows];
    double[] value = new double[rows];
    double sum = 0;
    for (int i = 0; i < rows; i++) {
      ts[i] = 1_767_225_600_000L + i * 60_000L;
      value[i] = i % 7 * 1.5;
      sum += value[i];
    }
    Map<String, Object> columns = new LinkedHashMap<>();
    columns.put("ts", ts);
    columns.put("value", value);
    Path file = Fixtures.hdf5(tmp.resolve("in.h5"), "sensors", columns, 256);
    Configuration conf = LocalJobs.conf(tmp);
    Path out = tmp.resolve("out");
    Commands.Result r = Commands.run(conf, "aggregate", "--input", file.toString(), "--dataset", "/sensors",
        "--agg", "count(*),sum(value),max(ts)", "--output", out.toString(), "--output-format", "csv");
    assertEquals(0, r.exitCode(), r::toString);
    try (Stream<Path> s = Files.list(out)) {
      Path part = s.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
      List<String> lines = Files.readAllLines(part);
      assertEquals(rows + "," + sum + "," + ts[rows - 1], lines.get(1));
    }
  }
}
