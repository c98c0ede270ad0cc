package io.lakemr.formats.badrecords;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BadRecordTest {

  @Test
  void jsonLineHoldsEveryFieldAndParsesBack() throws Exception {
    BadRecord r = new BadRecord("hdfs://nn/in/a.csv", 12, 3456, "value", "'x' is not a double",
        "1,\"quoted\",\\ tab\there\nnew line \u0001 ✓");
    String json = r.toJson();
    assertEquals(-1, json.indexOf('\n'));
    JsonNode n = new ObjectMapper().readTree(json);
    assertEquals("hdfs://nn/in/a.csv", n.get("file").asText());
    assertEquals(12, n.get("line").asLong());
    assertEquals(3456, n.get("offset").asLong());
    assertEquals("value", n.get("column").asText());
    assertEquals("'x' is not a double", n.get("reason").asText());
    assertEquals(r.raw(), n.get("raw").asText());
    JsonNode unknown = new ObjectMapper().readTree(new BadRecord("f", -1, -1, null, "r", "").toJson());
    assertEquals(true, unknown.get("line").isNull());
    assertEquals(true, unknown.get("offset").isNull());
    assertEquals(true, unknown.get("column").isNull());
  }

  @Test
  void rawTextIsCutAtFourKibibytesOnACharacterBoundary() {
    byte[] bytes = ("a".repeat(4095) + "é" + "b".repeat(10)).getBytes(StandardCharsets.UTF_8);
    BadRecord r = BadRecord.of("f", 1, 0, null, "r", bytes, 0, bytes.length);
    assertEquals("a".repeat(4095), r.raw());
    byte[] invalid = {'a', (byte) 0xff, 'b'};
    assertEquals("a\uFFFDb", BadRecord.of("f", 1, 0, null, "r", invalid, 0, 3).raw());
  }

  @Test
  void describeIsOneLineNamingWhereAndWhy() {
    assertEquals("a.csv line 3 (byte 40), column v: bad", new BadRecord("a.csv", 3, 40, "v", "bad", "").describe());
    assertEquals("a.csv byte 40: bad", new BadRecord("a.csv", -1, 40, null, "bad", "").describe());
  }

  @Test
  void policiesParseCountsAndPercentages() {
    assertEquals(new BadRecordPolicy(BadRecordMode.SKIP, 10, -1), BadRecordPolicy.parse("skip", "10"));
    assertEquals(new BadRecordPolicy(BadRecordMode.QUARANTINE, Long.MAX_VALUE, 2.5),
        BadRecordPolicy.parse("QUARANTINE", "2.5%"));
    assertEquals("2.5%", BadRecordPolicy.parse("skip", "2.5%").maxText());
    assertEquals(BadRecordMode.FAIL, BadRecordPolicy.parse("fail", "").mode());
    assertEquals("bad-records mode 'drop' is not fail, skip or quarantine",
        assertThrows(IllegalArgumentException.class, () -> BadRecordPolicy.parse("drop", null)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> BadRecordPolicy.parse("skip", "-1"));
    assertThrows(IllegalArgumentException.class, () -> BadRecordPolicy.parse("skip", "101%"));
    assertThrows(IllegalArgumentException.class, () -> BadRecordPolicy.parse("skip", "lots"));
  }

  @Test
  void theJobWideLimitIsACountOrAShareOfAllRecords() {
    assertEquals(null, BadRecordLimit.exceeded(BadRecordPolicy.parse("skip", "10%"), 1, 9));
    assertEquals("2 of 11 records are bad (18.18%), more than max-bad-records 10%",
        BadRecordLimit.exceeded(BadRecordPolicy.parse("skip", "10%"), 2, 9));
    assertEquals(null, BadRecordLimit.exceeded(BadRecordPolicy.parse("quarantine", "3"), 3, 100));
    assertEquals("4 of 104 records are bad (3.85%), more than max-bad-records 3",
        BadRecordLimit.exceeded(BadRecordPolicy.parse("quarantine", "3"), 4, 100));
    assertEquals(null, BadRecordLimit.exceeded(BadRecordPolicy.parse("skip", ""), 1000, 0));
    assertEquals(null, BadRecordLimit.exceeded(BadRecordPolicy.parse("skip", "0%"), 0, 0));
  }
}
