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
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code convert --bloom-filter} writes a bloom filter into every row group of the columns named,
 * and {@code aggregate --where} skips the row groups whose filters rule its {@code =} and
 * {@code IN} values out, where min/max statistics cannot (the keys are spread over every row
 * group). Every count equals DuckDB's over the source, and the same with pushdown off.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BloomFilterJobTest {

  private static final String COUNTERS = "io.lakemr.formats.parquet.ParquetCounters";

  @TempDir
  static Path tmp;
  private Configuration conf;
  private DuckDb duck;
  private Path table;

  @BeforeAll
  void convertWithBloomFilters() throws Exception {
    conf = LocalJobs.conf(tmp);
    duck = new DuckDb();
    Path source = tmp.resolve("source.parquet");
    // keys in random order: each row group holds a few of the 200,000 possible, from all over the range
    duck.execute("CREATE TABLE src AS SELECT (hash(i) % 1000000)::BIGINT AS id, 'k' || (hash(i * 7) % 200000) AS key, "
        + "CASE WHEN i < 8000 AND i % 2 = 0 THEN CAST('-0.0' AS DOUBLE) ELSE (hash(i * 3) % 1000000)::DOUBLE / 7 + 1 END AS d, "
        + "'s' || (i % 3) AS s FROM range(40000) t(i)");
    duck.execute("COPY src TO '" + source + "' (FORMAT parquet)");
    table = tmp.resolve("table");
    // no dictionaries: parquet-java writes no bloom filter for a chunk a dictionary holds whole
    Commands.Result r = Commands.run(conf, "convert", "-D", "parquet.block.size=65536", "-D",
        "parquet.enable.dictionary=false", "--input", source.toString(),
        "--output", table.toString(), "--bloom-filter", "id,key,d");
    assertEquals(0, r.exitCode(), r.toString());
  }

  @AfterAll
  void close() throws Exception {
    duck.close();
  }

  @Test
  void everyRowGroupHasTheFiltersAskedFor() throws Exception {
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(
        ParquetFiles.hadoopPath(table.resolve("part-m-00000.parquet")), conf))) {
      List<BlockMetaData> groups = r.getRowGroups();
      assertTrue(groups.size() >= 4, "row groups: " + groups.size());
      for (BlockMetaData g : groups) {
        for (ColumnChunkMetaData c : g.getColumns()) {
          String name = c.getPath().toDotString();
          boolean has = r.getBloomFilterDataReader(g).readBloomFilter(c) != null;
          assertEquals(List.of("id", "key", "d").contains(name), has, name);
        }
      }
    }
  }

  /** Runs a filtered count; checks it against DuckDB's; gives the row groups skipped by bloom filters. */
  private long count(String where, boolean pushdown) throws Exception {
    Path out = tmp.resolve("count-" + Math.abs((where + pushdown).hashCode()));
    Commands.Result r = Commands.run(conf, "aggregate", "-D", "lakemr.pushdown=" + pushdown, "--input",
        table.toString(), "--where", where, "--group-by", "s", "--agg", "count(*)", "--output", out.toString(),
        "--output-format", "csv");
    assertEquals(0, r.exitCode(), r.toString());
    JsonNode summary = new ObjectMapper().readTree(out.resolve(JobSummary.FILE_NAME).toFile());
    long expected = (Long) duck.query("SELECT count(*) FROM src WHERE " + where).get(0).get(0);
    assertEquals(expected, summary.path("rows").path("passed").asLong(), where + " " + summary.path("rows"));
    return summary.path("counters").path("lakemr aggregate").path(COUNTERS).path("ROW_GROUPS_SKIPPED_BY_BLOOM_FILTER")
        .asLong(0);
  }

  @Test
  void equalityAndInSkipRowGroupsByTheirBloomFilters() throws Exception {
    String one = "key = '" + duck.query("SELECT key FROM src LIMIT 1 OFFSET 777").get(0).get(0) + "'";
    String id = "id = " + duck.query("SELECT id FROM src LIMIT 1 OFFSET 31000").get(0).get(0);
    for (String where : List.of(one, id, "key IN ('k5', 'k17', 'k1234567')", "key = 'k1999999'")) {
      assertTrue(count(where, true) > 0, where + " skipped no row group by bloom filter");
      assertEquals(0, count(where, false), "pushdown off");
    }
  }

  @Test
  void zeroMatchesNegativeZeroThoughTheFiltersHoldOnlyItsBits() throws Exception {
    // only -0.0 is stored: a lookup of 0.0's hash would rule out every row group holding it
    assertEquals(4000L, duck.query("SELECT count(*) FROM src WHERE signbit(d)").get(0).get(0), "-0.0 stored");
    assertEquals(0, count("d = 0", true), "no bloom lookup for zero");
    assertEquals(0, count("d IN (0, -1)", true));
  }
}
