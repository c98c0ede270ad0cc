package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakemr.catalog.Catalog;
import io.lakemr.catalog.DataFile;
import io.lakemr.catalog.Operation;
import io.lakemr.catalog.TableLog;
import io.lakemr.catalog.TableSnapshot;
import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.testing.LocalJobs;
import io.lakemr.testing.ParquetFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lakemr catalog} end to end through the command table of {@code Main}: a Parquet
 * directory registered (schema and partitions from the files, rows from the footers), listed,
 * described, declared to Hive; a table created from a schema, refused twice, dropped with its
 * files; vacuum deleting removed and unreferenced files; and where the catalog lives.
 */
class CatalogToolTest {

  private static final Schema ROW = SchemaBuilder.record("r").fields().requiredString("station")
      .requiredLong("value").endRecord();

  @TempDir
  Path tmp;
  private Configuration conf;
  private Path sensors;

  @BeforeEach
  void setUp() throws Exception {
    conf = LocalJobs.conf(tmp);
    conf.set(LakemrConfig.CATALOG_DIR, tmp.resolve("catalog").toUri().toString());
    sensors = tmp.resolve("sensors");
    writeParquet(sensors.resolve("day=2026-11-01/part-0.parquet"), 3);
    writeParquet(sensors.resolve("day=2026-11-02/part-0.parquet"), 2);
  }

  private static void writeParquet(Path file, int rows) throws Exception {
    Files.createDirectories(file.getParent());
    List<GenericRecord> records = new ArrayList<>();
    for (int i = 0; i < rows; i++) {
      GenericRecord r = new GenericData.Record(ROW);
      r.put("station", "s" + i);
      r.put("value", (long) i);
      records.add(r);
    }
    ParquetFiles.write(file, ROW, records, CompressionCodecName.UNCOMPRESSED, 1 << 20);
  }

  private Commands.Result catalog(int exit, String... args) throws Exception {
    Commands.Result r = Commands.run(conf, "catalog", args);
    assertEquals(exit, r.exitCode(), r.toString());
    return r;
  }

  @Test
  void registerListDescribeAndDdl() throws Exception {
    String out = catalog(0, "register", "sensors", "--location", sensors.toString()).out();
    assertTrue(out.contains("2 files, 5 rows, partitioned by day"), out);
    assertTrue(catalog(0, "list").out().contains("sensors\tfile:" + sensors), "list");

    JsonNode doc = new ObjectMapper().readTree(catalog(0, "describe", "sensors", "--json").out());
    assertEquals(5, doc.path("rows").asLong());
    assertEquals(2, doc.path("files").asInt());
    assertEquals("day=2026-11-01", doc.path("partitions").get(0).path("partition").asText());
    assertEquals(3, doc.path("partitions").get(0).path("rows").asLong());
    assertEquals("register", doc.path("latestCommits").get(0).path("operation").asText());
    assertEquals("[\"station\",\"value\",\"day\"]", names(doc.path("columns")));
    String text = catalog(0, "describe", "table:" + sensors).out();
    assertTrue(text.contains("day=2026-11-02: 1 files, 2 rows"), text);
    assertTrue(text.contains("day string (partition)"), text);

    String ddl = catalog(0, "ddl", "sensors", "--dialect", "hive").out();
    assertEquals(String.join("\n",
        "CREATE EXTERNAL TABLE `sensors` (",
        "  `station` STRING,",
        "  `value` BIGINT",
        ")",
        "PARTITIONED BY (`day` STRING)",
        "STORED AS PARQUET",
        "LOCATION 'file:" + sensors + "';",
        "MSCK REPAIR TABLE `sensors`;",
        ""), ddl);

    String again = catalog(2, "register", "other", "--location", sensors.toString()).err();
    assertTrue(again.contains("is a table already"), again);
    assertFalse(catalog(0, "list").out().contains("other"), "a failed register leaves no name behind");
  }

  private static String names(JsonNode columns) {
    List<String> out = new ArrayList<>();
    columns.forEach(c -> out.add("\"" + c.path("name").asText() + "\""));
    return "[" + String.join(",", out) + "]";
  }

  @Test
  void createHistoryDropAndMistakes() throws Exception {
    Path events = tmp.resolve("events");
    catalog(0, "create", "events", "--location", events.toString(), "--schema",
        "day:string,ts:timestamp,value:double", "--partition-by", "day");
    TableSnapshot s = Catalog.openTable(conf, "table:" + events.toUri()).snapshot();
    assertEquals(List.of("day"), s.partitionColumns());
    assertEquals("ts", s.columns().get(0).name());
    assertEquals("day", s.columns().get(2).name());
    assertTrue(catalog(0, "history", "events").out().contains("create"));

    assertTrue(catalog(2, "create", "events", "--location", tmp.resolve("e2").toString(), "--schema", "a:int")
        .err().contains("has a table events already"));
    assertTrue(catalog(2, "create", "e3", "--location", tmp.resolve("e3").toString(), "--schema", "a:int",
        "--partition-by", "b").err().contains("--partition-by: b is not a column of --schema"));
    assertTrue(catalog(2, "create", "e4", "--location", sensors.toString(), "--schema", "a:int")
        .err().contains("catalog register"));
    assertTrue(catalog(2, "describe", "nosuch").err().contains("no table nosuch in the catalog"));
    assertTrue(catalog(2, "frob").err().contains("unknown subcommand 'frob'"));
    assertTrue(catalog(2, "create", "bad/name", "--location", tmp.resolve("x").toString(), "--schema", "a:int")
        .err().contains("is not a table name"));

    catalog(0, "create", "later", "--location", tmp.resolve("later").toString(), "--partition-by", "day");
    assertTrue(catalog(0, "describe", "later").out().contains("columns: none yet"));
    assertTrue(catalog(2, "ddl", "later", "--dialect", "hive").err().contains("has no columns yet"));

    catalog(0, "drop", "events", "--purge");
    assertFalse(Files.exists(events));
    assertFalse(catalog(0, "list").out().contains("events"));
  }

  @Test
  void vacuumDeletesRemovedAndUnreferencedFilesPastTheRetention() throws Exception {
    catalog(0, "register", "sensors", "--location", sensors.toString());
    TableLog log = Catalog.openTable(conf, "table:sensors");
    writeParquet(sensors.resolve("day=2026-11-01/part-1.parquet"), 3);
    TableSnapshot base = log.snapshot();
    DataFile rewritten = new DataFile("day=2026-11-01/part-1.parquet", Map.of("day", "2026-11-01"), 3,
        Files.size(sensors.resolve("day=2026-11-01/part-1.parquet")));
    log.commit(base.newCommit(Operation.COMPACT).remove("day=2026-11-01/part-0.parquet").add(rewritten));
    assertTrue(Files.exists(sensors.resolve("_lakemr_removed/2/day=2026-11-01/part-0.parquet")));
    Path orphan = sensors.resolve("day=2026-11-02/part-9.parquet");
    writeParquet(orphan, 1);
    Path young = sensors.resolve("day=2026-11-02/part-8.parquet");
    writeParquet(young, 1);
    Files.setLastModifiedTime(orphan, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));

    String kept = catalog(0, "vacuum", "sensors").out();
    assertTrue(kept.contains("deleted 0 removed files and 0 unreferenced files"), kept);
    Thread.sleep(20);
    catalog(0, "vacuum", "sensors", "--older-than", "30m");
    assertFalse(Files.exists(orphan));
    assertTrue(Files.exists(young));
    String all = catalog(0, "vacuum", "sensors", "--older-than", "0s").out();
    assertTrue(all.contains("deleted 1 removed files and 1 unreferenced files"), all);
    assertFalse(Files.exists(sensors.resolve("_lakemr_removed/2")));
    assertFalse(Files.exists(young));
    assertEquals(2, log.snapshot().files().size());
    assertTrue(catalog(2, "vacuum", "sensors", "--older-than", "soon").err().contains("--older-than"));
  }

  @Test
  void theCatalogLivesInTheWorkDirectoryLocallyAndMustBeSetOnAClusterFileSystem() throws Exception {
    Configuration local = LocalJobs.conf(tmp);
    assertTrue(Catalog.directory(local).toString().endsWith("/catalog"));
    Configuration cluster = LocalJobs.conf(tmp);
    cluster.set("fs.defaultFS", "hdfs://namenode:8020");
    BadInputException e = assertThrows(BadInputException.class,
        () -> Catalog.resolve(cluster, "table:sensors"));
    assertTrue(e.getMessage().startsWith("set lakemr.catalog.dir"), e.getMessage());
    cluster.set(LakemrConfig.CATALOG_DIR, tmp.resolve("catalog").toUri().toString());
    catalog(0, "register", "sensors", "--location", sensors.toString());
    assertEquals("file:" + sensors, Catalog.resolve(cluster, "table:sensors").toString());
    assertEquals("file:" + sensors, Catalog.resolve(conf, "table:" + sensors.toUri()).toString());
  }
}
