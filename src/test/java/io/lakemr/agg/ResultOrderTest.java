package io.lakemr.agg;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.conf.BadInputException;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.TableSchema;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;

/** {@code --order-by} and {@code --limit} are checked on the client, each error naming its option. */
class ResultOrderTest {

  private static final TableSchema TABLE = new TableSchema("t", List.of(new Column("station", ColumnType.STRING),
      new Column("status", ColumnType.STRING), new Column("value", ColumnType.DOUBLE)), java.util.Map.of());

  private static AggregatePlan plan(List<String> partitionBy) {
    return AggregatePlan.create(TABLE, List.of("station", "status"), partitionBy,
        AggSpec.parseList("count(*),avg(value)"));
  }

  private static String error(String orderBy, long limit, List<String> partitionBy) {
    return assertThrows(BadInputException.class,
        () -> ResultOrder.create(plan(partitionBy), orderBy, limit, 1000)).getMessage();
  }

  @Test
  void parsesDirectionsInAnyCase() {
    assertEquals(List.of(new ResultOrder.Term("avg_value", true), new ResultOrder.Term("station", false),
        new ResultOrder.Term("count", false)), ResultOrder.parse(" avg_value DESC,station,count Asc "));
  }

  @Test
  void badOptionsAreRejectedNamingTheOption() {
    assertTrue(error("nope desc", 0, List.of()).startsWith("--order-by: unknown column 'nope'"));
    assertTrue(error("nope", 0, List.of()).contains("avg_value"), "lists the result columns");
    assertTrue(error("count descending", 0, List.of()).startsWith("--order-by: bad direction 'descending'"));
    assertTrue(error("count,", 0, List.of()).startsWith("--order-by: empty entry"));
    assertTrue(error("count, count desc", 0, List.of()).startsWith("--order-by: column 'count' is listed twice"));
    assertTrue(error("count desc nulls", 0, List.of()).startsWith("--order-by:"));
    assertTrue(error(null, 5, List.of()).startsWith("--limit needs --order-by"));
    assertTrue(error("count", 5, List.of("status")).startsWith("--limit cannot be combined with --partition-by"));
    assertTrue(error("count", 5000, List.of()).startsWith("--limit: 5000 is above 1000"));
    assertNull(ResultOrder.create(plan(List.of()), null, 0, 1000));
  }

  @Test
  void storesAndLoads() {
    AggregatePlan plan = plan(List.of("status"));
    ResultOrder order = ResultOrder.create(plan, "avg_value desc, station", 0, 1000);
    Configuration conf = new Configuration(false);
    order.store(conf);
    ResultOrder back = ResultOrder.load(conf, plan);
    assertEquals(order.terms(), back.terms());
    assertEquals(0, back.limit());
    assertEquals(List.of("status", "station", "count", "avg_value"),
        ResultOrder.resultColumns(plan).stream().map(Column::name).toList());
  }
}
