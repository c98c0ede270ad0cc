package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakemr.testing.DuckDb;
import io.lakemr.testing.LocalJobs;
import io.lakemr.testing.ParquetFiles;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aggregate --where} on a table written sorted ({@code convert --sort-by}) reads only the
 * pages whose column-index min and max let a row match, within row groups whose statistics as a
 * whole do not rule them out. Every count equals DuckDB's over the source, and the same with
 * pushdown off, including conjuncts the column indexes must not be trusted with (NaN).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PageIndexJobTest {

  private static final String COUNTERS = "io.lakemr.formats.parquet.ParquetCounters";

  @TempDir
  static Path tmp;
  private Configuration conf;
  private DuckDb duck;
  private Path table;

  @BeforeAll
  void convertSortedWithSmallPages() throws Exception {
    conf = LocalJobs.conf(tmp);
    duck = new DuckDb();
    Path source = tmp.resolve("source.parquet");
    // shuffled on disk; sorted by id in the table, 500 rows a page. v is NaN on every 50th row, w never
    duck.execute("CREATE TABLE src AS SELECT i::BIGINT AS id, 'n' || lpad(i::VARCHAR, 6, '0') AS name, "
        + "(i % 1000)::INTEGER AS small, CASE WHEN i % 50 = 0 THEN 'NaN'::DOUBLE ELSE i / 10.0 END AS v, "
        + "i / 4.0 AS w, 's' || (i % 3) AS s FROM range(30000) t(i) ORDER BY hash(i)");
    duck.execute("COPY src TO '" + source + "' (FORMAT parquet)");
    table = tmp.resolve("table");
    Commands.Result r = Commands.run(conf, "convert", "-D", "parquet.page.row.count.limit=500",
        "-D", "parquet.enable.dictionary=false", "--input", source.toString(), "--output", table.toString(),
        "--sort-by", "id");
    assertEquals(0, r.exitCode(), r.toString());
  }

  @AfterAll
  void close() throws Exception {
    duck.close();
  }

  /** Runs a filtered count, checks it against DuckDB's, and gives the rows skipped by column indexes. */
  private long count(String where, boolean pushdown) throws Exception {
    Path out = tmp.resolve("count-" + Math.abs((where + pushdown).hashCode()));
    Commands.Result r = Commands.run(conf, "aggregate", "-D", "lakemr.pushdown=" + pushdown, "--input",
        table.toString(), "--where", where, "--group-by", "s", "--agg", "count(*)", "--output", out.toString(),
        "--output-format", "csv");
    assertEquals(0, r.exitCode(), r.toString());
    JsonNode summary = new ObjectMapper().readTree(out.resolve(JobSummary.FILE_NAME).toFile());
    long expected = (Long) duck.query("SELECT count(*) FROM src WHERE " + where).get(0).get(0);
    assertEquals(expected, summary.path("rows").path("passed").asLong(), where + " " + summary.path("rows"));
    JsonNode counters = summary.path("counters").path("lakemr aggregate").path(COUNTERS);
    long rowsRead = counters.path("ROWS").asLong();
    long skipped = counters.path("ROWS_SKIPPED_BY_PAGE_INDEX").asLong(0);
    if (pushdown) {
      assertTrue(rowsRead + skipped <= 30_000, where + ": read " + rowsRead + " + skipped " + skipped);
    }
    return skipped;
  }

  @Test
  void theTableHasOneRowGroupOfManyPages() throws Exception {
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
        ParquetFiles.hadoopPath(table.resolve("part-r-00000.parquet")), conf))) {
      List<BlockMetaData> groups = r.getRowGroups();
      assertEquals(1, groups.size(), "row groups");
      assertTrue(r.readColumnIndex(groups.get(0).getColumns().get(0)) != null, "column index written");
    }
  }

  @Test
  void selectiveConjunctsOnSortedColumnsSkipPages() throws Exception {
    for (String where : List.of("id < 700", "id BETWEEN 12000 AND 12100", "id IN (5, 29999)", "id = 15000",
        "name >= 'n029000'", "name = 'n000042'", "id > 29000 AND s = 's1'", "w < 100", "w BETWEEN 10 AND 20",
        "w IN (1.25, 7000)")) {
      long skipped = count(where, true);
      assertTrue(skipped >= 20_000, where + " skipped only " + skipped + " rows by column indexes");
      assertEquals(0, count(where, false), "pushdown off: " + where);
    }
  }

  @Test
  void pagesAreSkippedExactlyWhereTheirMinAndMaxAllowIt() throws Exception {
    // NaN sorts above every number: a page's min and max (which leave NaN out) cannot rule out v > x
    assertEquals(0, count("v > 2990", true));
    assertEquals(0, count("v >= 2999.9", true));
    assertEquals(0, count("w > 7400", true), "not handed over for floating point, NaN or not");
    // and parquet-java writes no column index at all for a floating-point column holding NaN
    assertEquals(0, count("v < 100", true));
    assertEquals(0, count("v BETWEEN 10 AND 20", true));
    // small cycles through 0..999 along id: pages of 500 rows hold 0..499 or 500..999, half of them 7
    assertEquals(15_000, count("small = 7", true));
    // conjuncts intersect: id < 1000 keeps pages 0 and 1, small >= 500 every second page
    assertEquals(29_500, count("id < 1000 AND small >= 500", true));
  }
}
