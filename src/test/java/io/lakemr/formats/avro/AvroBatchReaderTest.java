package io.lakemr.formats.avro;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakemr.data.Column;
import io.lakemr.data.TableSchema;
import io.lakemr.formats.FileRange;
import io.lakemr.formats.text.NestedColumns;
import io.lakemr.formats.text.SchemaSpec;
import io.lakemr.formats.text.TextFixtures;
import io.lakemr.formats.text.TextFixtures.Collected;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AvroBatchReaderTest {

  private static final Configuration CONF = new Configuration();

  static Collected read(List<FileRange> ranges, Schema readerSchema, List<Column> columns) throws IOException {
    Collected all = TextFixtures.empty(columns);
    for (FileRange range : ranges) {
      try (AvroBatchReader r = new AvroBatchReader(CONF, range, readerSchema, columns, List.of(), (c, n) -> { })) {
        TextFixtures.collectInto(all, r::next);
      }
    }
    return all;
  }

  @Test
  void schemaFlattensNestedRecordsAndListsWhatCannotBeRead() throws IOException {
    JsonNode expected = TextFixtures.expected("readings.avro");
    Schema schema = new Schema.Parser().parse(TextFixtures.file("readings.avsc"));
    TableSchema table = NestedColumns.flatten("readings.avsc", schema);
    assertEquals(expected.get("schema").asText(), SchemaSpec.format(table.columns()));
    assertEquals(List.of("tags"), List.copyOf(table.unreadable().keySet()));
  }

  @ParameterizedTest
  @ValueSource(longs = {0, 997, 8192, 50_000})
  void everyRecordIsReadOnceWhateverTheCuts(long size) throws IOException {
    JsonNode expected = TextFixtures.expected("readings.avro");
    List<Column> columns = SchemaSpec.parse(expected.get("schema").asText());
    List<FileRange> ranges = size == 0 ? List.of(TextFixtures.whole("readings.avro"))
        : TextFixtures.ranges("readings.avro", size);
    TextFixtures.assertMatches(expected, read(ranges, null, columns));
  }

  @Test
  void aReaderSchemaIsResolvedAgainstTheFilesSchema() throws IOException {
    String json = "{\"type\":\"record\",\"name\":\"Reading\",\"namespace\":\"fixtures\",\"fields\":["
        + "{\"name\":\"station\",\"type\":\"string\"},"
        + "{\"name\":\"sensor_id\",\"type\":\"double\"},"
        + "{\"name\":\"extra\",\"type\":[\"null\",\"string\"],\"default\":null}]}";
    Schema reader = new Schema.Parser().parse(json);
    List<Column> columns = SchemaSpec.parse("station:string,sensor_id:double,extra:string");
    Collected got = read(List.of(TextFixtures.whole("readings.avro")), reader, columns);
    JsonNode expected = TextFixtures.expected("readings.avro");
    assertEquals(expected.get("rows").asLong(), got.rows);
    assertEquals(expected.get("rows").asLong(), got.nulls.get("extra")[0]);
    assertEquals(expected.get("columns").get("sensor_id").get("sum").asDouble(), got.sums.get("sensor_id").doubleValue());
  }

  @Test
  void anUnreadableColumnNamesItsReason() {
    IOException e = assertThrows(IOException.class, () -> read(List.of(TextFixtures.whole("readings.avro")), null,
        SchemaSpec.parse("tags:string")));
    assertTrue(e.getMessage().contains("column tags cannot be read: type array is not a column type"), e.getMessage());
  }
}
