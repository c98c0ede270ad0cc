package io.lakemr.agg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.conf.BadInputException;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.TableSchema;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

class AggregatePlanTest {

  private static final TableSchema TABLE = new TableSchema("f.parquet", List.of(
      new Column("ts", ColumnType.LONG), new Column("station", ColumnType.STRING),
      new Column("status", ColumnType.STRING), new Column("value", ColumnType.DOUBLE),
      new Column("v32", ColumnType.FLOAT)), Map.of("tags", "nested column (list), which lakemr cannot read"));

  private static BadInputException bad(String groupBy, String partitionBy, String aggs) {
    return assertThrows(BadInputException.class, () -> AggregatePlan.create(TABLE,
        groupBy.isEmpty() ? List.of() : List.of(groupBy.split(",")),
        partitionBy.isEmpty() ? List.of() : List.of(partitionBy.split(",")), AggSpec.parseList(aggs)));
  }

  @Test
  void resultColumnsAndKeyOrder() {
    AggregatePlan p = AggregatePlan.create(TABLE, List.of("station", "status"), List.of("status"),
        AggSpec.parseList("count(*), sum(value),min(v32),max(station),avg(value),count(value)"));
    assertEquals(List.of("status", "station"), p.keyColumns().stream().map(Column::name).toList());
    assertEquals(List.of("station", "count", "sum_value", "min_v32", "max_station", "avg_value", "count_value"),
        p.fileColumns().stream().map(Column::name).toList());
    assertEquals(ColumnType.FLOAT, p.fileColumns().get(3).type());
    assertEquals(ColumnType.STRING, p.fileColumns().get(4).type());
    assertEquals(List.of("station", "status", "value", "v32"), p.readColumns().stream().map(Column::name).toList());
    Configuration conf = new Configuration(false);
    p.store(conf);
    AggregatePlan back = AggregatePlan.load(conf);
    assertEquals(p.keyColumns(), back.keyColumns());
    assertEquals(p.fileColumns(), back.fileColumns());
    assertEquals(1, back.partitionCount());
  }

  @Test
  void errorsNameTheOptionAndColumn() {
    assertTrue(bad("nope", "", "count(*)").getMessage().startsWith("--group-by: unknown column 'nope'"));
    assertTrue(bad("station", "", "sum(nope)").getMessage().contains("--agg: unknown column 'nope' in sum(nope)"));
    assertTrue(bad("station", "status", "count(*)").getMessage().contains("--partition-by: column 'status'"));
    assertTrue(bad("station", "nope", "count(*)").getMessage().contains("--partition-by: unknown column 'nope'"));
    assertTrue(bad("", "", "sum(station)").getMessage().contains("numeric"));
    assertTrue(bad("tags", "", "count(*)").getMessage().contains("nested column"));
    assertTrue(bad("", "", "sum(value),sum(value)").getMessage().contains("sum_value"));
    assertTrue(bad("station,station", "", "count(*)").getMessage().contains("twice"));
  }

  @Test
  void malformedAggregates() {
    for (String s : new String[] {"", "count", "sum(value", "median(value)", "sum()", "sum(*)", "count(*),",
        "sum(a b)"}) {
      assertThrows(BadInputException.class, () -> AggSpec.parseList(s), s);
    }
    BadInputException e = assertThrows(BadInputException.class, () -> AggSpec.parseList("median(value)"));
    assertTrue(e.getMessage().contains("unknown aggregate function 'median'"), e.getMessage());
  }
}
