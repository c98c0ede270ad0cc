package io.lakemr.formats.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakemr.data.Column;
import io.lakemr.formats.FileRange;
import io.lakemr.formats.badrecords.BadRecord;
import io.lakemr.formats.badrecords.BadRecordException;
import io.lakemr.formats.badrecords.BadRecordPolicy;
import io.lakemr.formats.badrecords.BadRecords;
import io.lakemr.formats.text.SchemaSpec;
import io.lakemr.formats.text.TextFixtures;
import io.lakemr.formats.text.TextFixtures.Collected;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonLinesBatchReaderTest {

  private static final Configuration CONF = new Configuration();

  static void readInto(Collected all, FileRange range, List<Column> columns, BadRecords bad) throws IOException {
    try (JsonLinesBatchReader r = new JsonLinesBatchReader(CONF, range, JsonOptions.DEFAULTS, columns, List.of(),
        bad)) {
      TextFixtures.collectInto(all, r::next);
    }
  }

  static Collected read(List<FileRange> ranges, List<Column> columns, BadRecords bad) throws IOException {
    Collected all = TextFixtures.empty(columns);
    for (FileRange range : ranges) {
      readInto(all, range, columns, bad);
    }
    return all;
  }

  @ParameterizedTest
  @ValueSource(strings = {"events.jsonl", "events.jsonl.gz", "events.jsonl.bz2", "events.jsonl.zst"})
  void nestedEventsMatchTheGenerator(String name) throws IOException {
    JsonNode expected = TextFixtures.expected("events.jsonl");
    List<Column> columns = SchemaSpec.parse(expected.get("schema").asText());
    TextFixtures.assertMatches(expected, read(List.of(TextFixtures.whole(name)), columns, BadRecords.failing()));
  }

  @ParameterizedTest
  @ValueSource(longs = {1009, 20_000, 100_000})
  void everyLineIsReadOnceWhateverTheCuts(long size) throws IOException {
    JsonNode expected = TextFixtures.expected("events.jsonl");
    List<Column> columns = SchemaSpec.parse(expected.get("schema").asText());
    TextFixtures.assertMatches(expected, read(TextFixtures.ranges("events.jsonl", size), columns,
        BadRecords.failing()));
  }

  @Test
  void valuesThatDoNotFitAreBadButStringsKeepJsonText() throws IOException {
    JsonNode expected = TextFixtures.expected("bad.jsonl");
    List<Column> columns = SchemaSpec.parse(expected.get("schema_text").asText());
    List<BadRecord> kept = new ArrayList<>();
    BadRecords bad = new BadRecords(BadRecordPolicy.parse("quarantine", null), kept::add, (c, n) -> { });
    Collected got = read(List.of(TextFixtures.whole("bad.jsonl")), columns, bad);
    TextFixtures.assertMatches(expected, got);
    assertEquals(expected.get("bad").asLong(), kept.size());
    assertTrue(kept.stream().anyMatch(b -> b.reason().startsWith("malformed JSON")), kept.toString());
    assertTrue(kept.stream().anyMatch(b -> "value".equals(b.column()) && b.reason().equals("'high' is not a double")));
    assertTrue(kept.stream().anyMatch(b -> "value".equals(b.column()) && b.reason().equals("an array is not a double")));
    assertTrue(got.strings.get("station").contains("{\"code\":2}"));
  }

  @Test
  void failModeNamesTheLine() throws IOException {
    List<Column> columns = SchemaSpec.parse(TextFixtures.expected("bad.jsonl").get("schema_text").asText());
    BadRecordException e = assertThrows(BadRecordException.class,
        () -> read(List.of(TextFixtures.whole("bad.jsonl")), columns, BadRecords.failing()));
    assertTrue(e.getMessage().matches(".*bad\\.jsonl line 4 \\(byte \\d+\\): malformed JSON: .*"), e.getMessage());
  }

  @Test
  void inferenceFindsNestedColumnsAndTimestamps() throws IOException {
    JsonNode expected = TextFixtures.expected("events.jsonl");
    List<Column> inferred = JsonSchemaInference.infer(CONF, List.of(TextFixtures.path("events.jsonl")),
        JsonOptions.DEFAULTS, 10_000, 4);
    assertEquals(expected.get("schema").asText(), SchemaSpec.format(inferred));
  }
}
