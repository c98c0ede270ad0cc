package io.lakemr.formats.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import java.util.List;
import org.junit.jupiter.api.Test;

class SchemaSpecTest {

  @Test
  void parsesEveryTypeAndFormatsItBack() {
    String text = "ts:timestamp,station:string,status:string,value:double,sensor_id:long,ok:boolean,n:int,"
        + "f:float,d:date";
    List<Column> columns = SchemaSpec.parse(text);
    assertEquals(9, columns.size());
    assertEquals(new Column("ts", ColumnType.TIMESTAMP), columns.get(0));
    assertEquals(new Column("d", ColumnType.DATE), columns.get(8));
    assertEquals(text, SchemaSpec.format(columns));
    assertEquals(columns, SchemaSpec.parse(" ts : TIMESTAMP, station:string ,status:string,value:double,"
        + "sensor_id:long,ok:boolean,n:int,f:float,d:date"));
  }

  @Test
  void awkwardNamesAreBackquoted() {
    List<Column> columns = List.of(new Column("a,b", ColumnType.LONG), new Column("x:y", ColumnType.STRING),
        new Column("q`z", ColumnType.DOUBLE), new Column(" pad ", ColumnType.DATE), new Column("`b", ColumnType.INT));
    String text = SchemaSpec.format(columns);
    assertEquals("`a,b`:long,`x:y`:string,q`z:double,` pad `:date,```b`:int", text);
    assertEquals(columns, SchemaSpec.parse(text));
  }

  @Test
  void errorsNameTheColumn() {
    assertEquals("schema: column v has type 'decimal', not one of boolean, int, long, float, double, string, date, "
        + "timestamp", assertThrows(IllegalArgumentException.class, () -> SchemaSpec.parse("v:decimal")).getMessage());
    assertEquals("schema: column a is declared twice",
        assertThrows(IllegalArgumentException.class, () -> SchemaSpec.parse("a:long,a:int")).getMessage());
    assertEquals("schema: column 'b' has no ':type' (in 'a:long,b')",
        assertThrows(IllegalArgumentException.class, () -> SchemaSpec.parse("a:long,b")).getMessage());
  }
}
