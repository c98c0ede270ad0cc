package io.lakemr.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lakemr.conf.BadInputException;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.Schemas;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

/** The statements {@code catalog ddl} prints, for every column type and each dialect. */
class TableDdlTest {

  private static TableSnapshot snapshot(List<String> partitions, DataFile... files) {
    TableState state = new TableState();
    state.version = 3;
    state.schema = Schemas.record("row", List.of(new Column("ok", ColumnType.BOOLEAN),
        new Column("n", ColumnType.INT), new Column("big", ColumnType.LONG), new Column("f", ColumnType.FLOAT),
        new Column("d", ColumnType.DOUBLE), new Column("s", ColumnType.STRING), new Column("b", ColumnType.BYTES),
        new Column("day", ColumnType.DATE), new Column("ts", ColumnType.TIMESTAMP), Column.decimal("price", 12, 2),
        new Column("region", ColumnType.STRING), new Column("hour", ColumnType.INT)));
    state.partitionColumns = partitions;
    for (DataFile f : files) {
      state.files.put(f.path(), f);
    }
    return new TableSnapshot(new Path("hdfs://nn:8020/lake/sensors"), state, Map.of());
  }

  private static final List<String> PARTITIONS = List.of("region", "hour");

  @Test
  void hive() {
    assertEquals(String.join("\n",
        "CREATE EXTERNAL TABLE `sensors` (",
        "  `ok` BOOLEAN,",
        "  `n` INT,",
        "  `big` BIGINT,",
        "  `f` FLOAT,",
        "  `d` DOUBLE,",
        "  `s` STRING,",
        "  `b` BINARY,",
        "  `day` DATE,",
        "  `ts` TIMESTAMP,",
        "  `price` DECIMAL(12,2)",
        ")",
        "PARTITIONED BY (`region` STRING, `hour` INT)",
        "STORED AS PARQUET",
        "LOCATION 'hdfs://nn:8020/lake/sensors';",
        "MSCK REPAIR TABLE `sensors`;",
        ""), TableDdl.statements("sensors", snapshot(PARTITIONS), TableDdl.Dialect.HIVE));
  }

  @Test
  void spark() {
    assertEquals(String.join("\n",
        "CREATE TABLE `sensors` (",
        "  `ok` BOOLEAN,",
        "  `n` INT,",
        "  `big` BIGINT,",
        "  `f` FLOAT,",
        "  `d` DOUBLE,",
        "  `s` STRING,",
        "  `b` BINARY,",
        "  `day` DATE,",
        "  `ts` TIMESTAMP,",
        "  `price` DECIMAL(12,2),",
        "  `region` STRING,",
        "  `hour` INT",
        ")",
        "USING PARQUET",
        "PARTITIONED BY (`region`, `hour`)",
        "LOCATION 'hdfs://nn:8020/lake/sensors';",
        "MSCK REPAIR TABLE `sensors`;",
        ""), TableDdl.statements("sensors", snapshot(PARTITIONS), TableDdl.Dialect.SPARK));
  }

  @Test
  void trino() {
    assertEquals(String.join("\n",
        "CREATE TABLE \"sensors\" (",
        "  \"ok\" BOOLEAN,",
        "  \"n\" INTEGER,",
        "  \"big\" BIGINT,",
        "  \"f\" REAL,",
        "  \"d\" DOUBLE,",
        "  \"s\" VARCHAR,",
        "  \"b\" VARBINARY,",
        "  \"day\" DATE,",
        "  \"ts\" TIMESTAMP(3),",
        "  \"price\" DECIMAL(12,2),",
        "  \"region\" VARCHAR,",
        "  \"hour\" INTEGER",
        ")",
        "WITH (",
        "  external_location = 'hdfs://nn:8020/lake/sensors',",
        "  format = 'PARQUET',",
        "  partitioned_by = ARRAY['region', 'hour']",
        ");",
        "-- the schema of the table: default, unless it was created in another",
        "CALL system.sync_partition_metadata('default', 'sensors', 'FULL');",
        ""), TableDdl.statements("sensors", snapshot(PARTITIONS), TableDdl.Dialect.TRINO));
  }

  @Test
  void unpartitionedTablesNeedNoPartitionRepair() {
    String hive = TableDdl.statements("t", snapshot(List.of()), TableDdl.Dialect.HIVE);
    assertEquals(String.join("\n", "STORED AS PARQUET", "LOCATION 'hdfs://nn:8020/lake/sensors';", ""),
        hive.substring(hive.indexOf("STORED AS")));
  }

  @Test
  void onlyParquetTablesAndKnownDialects() {
    TableSnapshot csv = snapshot(PARTITIONS, new DataFile("region=a/hour=1/x.csv",
        Map.of("region", "a", "hour", "1"), 1, 1));
    BadInputException e = assertThrows(BadInputException.class,
        () -> TableDdl.statements("t", csv, TableDdl.Dialect.HIVE));
    assertEquals("table t: region=a/hour=1/x.csv is not a Parquet file; the DDL declares Parquet tables only",
        e.getMessage());
    assertThrows(BadInputException.class, () -> TableDdl.Dialect.parse("oracle"));
  }
}
