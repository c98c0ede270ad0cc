package io.lakemr.examples.topreadings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.testing.Fixtures;
import io.lakemr.testing.LocalJobs;
import io.lakemr.testing.Rows;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link TopReadings} on the local job runner, as {@code bin/lakemr} runs jobs, over the sample
 * table from {@code generate}: the output holds, for every station and day, the highest readings
 * in rank order, exactly the rows DuckDB's window function picks from the same input.
 */
class TopReadingsTest {

  /** The answer: the first N readings of each station's day, by value descending, then time. */
  static String expectedSql(String input, int n) {
    return "SELECT day, station, rank, ts, value FROM (SELECT CAST(epoch_ms(ts) AS DATE) AS day, station, ts, value, "
        + "row_number() OVER (PARTITION BY station, CAST(epoch_ms(ts) AS DATE) ORDER BY value DESC, ts) AS rank "
        + "FROM read_parquet('" + input + "/*.parquet')) WHERE rank <= " + n + " ORDER BY day, station, rank";
  }

  static final String OUTPUT_COLUMNS = "day, station, rank, ts, value";
  static final String OUTPUT_ORDER = "day, station, rank";

  @TempDir
  Path tmp;

  @Test
  void keepsTheTopTenReadingsOfEachStationAndDay() throws Exception {
    Configuration conf = LocalJobs.conf(tmp);
    String in = tmp.resolve("sensors").toString();
    Fixtures.sensors(conf, in, 400_000, 3, 11);
    Path out = tmp.resolve("top");

    assertEquals(0, ToolRunner.run(conf, new TopReadings(), new String[] {in, out.toString()}));

    List<List<Object>> expected = Rows.query(expectedSql(in, 10));
    List<List<Object>> cut = Rows.query("SELECT count(*) FROM (SELECT station, CAST(epoch_ms(ts) AS DATE) FROM "
        + "read_parquet('" + in + "/*.parquet') GROUP BY ALL HAVING count(*) > 10)");
    assertTrue(((Number) cut.get(0).get(0)).longValue() > 1000, "many station days have more than ten readings");
    assertTrue(expected.size() > 100_000, "rows: " + expected.size());
    Rows.assertRowsEqual(expected, Rows.parquet(out, OUTPUT_COLUMNS, OUTPUT_ORDER), 0.0);
  }

  @Test
  void theCountIsAnOptionAndAWrongCallIsAUsageError() throws Exception {
    Configuration conf = LocalJobs.conf(tmp);
    String in = tmp.resolve("small").toString();
    Fixtures.sensors(conf, in, 20_000, 1, 3);
    Path out = tmp.resolve("top1");

    assertEquals(0, ToolRunner.run(conf, new TopReadings(), new String[] {"-D", TopReadings.COUNT + "=1", in,
        out.toString()}));
    Rows.assertRowsEqual(Rows.query(expectedSql(in, 1)), Rows.parquet(out, OUTPUT_COLUMNS, OUTPUT_ORDER), 0.0);
    assertEquals(2, ToolRunner.run(conf, new TopReadings(), new String[] {in}));
  }
}
