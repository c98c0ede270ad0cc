package io.lakemr.formats.csv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.formats.FileRange;
import io.lakemr.formats.badrecords.BadRecord;
import io.lakemr.formats.badrecords.BadRecordException;
import io.lakemr.formats.badrecords.BadRecordMode;
import io.lakemr.formats.badrecords.BadRecordPolicy;
import io.lakemr.formats.badrecords.BadRecords;
import io.lakemr.formats.badrecords.RecordCounters;
import io.lakemr.formats.text.SchemaSpec;
import io.lakemr.formats.text.TextFixtures;
import io.lakemr.formats.text.TextFixtures.Collected;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsvBatchReaderTest {

  private static final Configuration CONF = new Configuration();

  @TempDir
  File tmp;

  static Collected read(FileRange range, CsvOptions options, List<Column> columns, BadRecords bad) throws IOException {
    try (CsvBatchReader r = new CsvBatchReader(CONF, range, options, columns, columns, List.of(), bad)) {
      return TextFixtures.collect(columns, r::next);
    }
  }

  static Collected readRanges(List<FileRange> ranges, CsvOptions options, List<Column> columns, BadRecords bad)
      throws IOException {
    Collected all = TextFixtures.empty(columns);
    for (FileRange range : ranges) {
      try (CsvBatchReader r = new CsvBatchReader(CONF, range, options, columns, columns, List.of(), bad)) {
        TextFixtures.collectInto(all, r::next);
      }
    }
    return all;
  }

  @ParameterizedTest
  @ValueSource(strings = {"sensors.csv", "sensors.csv.gz", "sensors.csv.bz2", "sensors.csv.zst"})
  void sensorTableMatchesTheGenerator(String name) throws IOException {
    JsonNode expected = TextFixtures.expected("sensors.csv");
    List<Column> columns = SchemaSpec.parse(expected.get("schema").asText());
    TextFixtures.assertMatches(expected, read(TextFixtures.whole(name), CsvOptions.DEFAULTS, columns,
        BadRecords.failing()));
  }

  @ParameterizedTest
  @ValueSource(longs = {2039, 65_536, 100_000, 333_333})
  void everyRowIsReadOnceWhateverTheCuts(long size) throws IOException {
    JsonNode expected = TextFixtures.expected("sensors.csv");
    List<Column> columns = SchemaSpec.parse(expected.get("schema").asText());
    TextFixtures.assertMatches(expected, readRanges(TextFixtures.ranges("sensors.csv", size), CsvOptions.DEFAULTS,
        columns, BadRecords.failing()));
  }

  @ParameterizedTest
  @ValueSource(longs = {30_000, 100_000, 150_000})
  void bzip2RangesReadEveryRowOnce(long size) throws IOException {
    JsonNode expected = TextFixtures.expected("sensors.csv");
    List<Column> columns = SchemaSpec.parse(expected.get("schema").asText());
    TextFixtures.assertMatches(expected, readRanges(TextFixtures.ranges("sensors.csv.bz2", size),
        CsvOptions.DEFAULTS, columns, BadRecords.failing()));
  }

  @Test
  void quotedFieldsLineEndsBomAndCrlfWithMultiline() throws IOException {
    JsonNode expected = TextFixtures.expected("quoting.csv");
    List<Column> columns = SchemaSpec.parse(expected.get("schema").asText());
    Collected got = read(TextFixtures.whole("quoting.csv"), CsvOptions.DEFAULTS.withMultiline(true), columns,
        BadRecords.failing());
    TextFixtures.assertMatches(expected, got);
    long empty = got.strings.get("note").stream().filter(""::equals).count();
    assertEquals(expected.get("empty_notes").asLong(), empty, "quoted empty fields are empty strings");
    assertTrue(got.strings.get("note").contains("crlf\r\ninside"));
    assertTrue(got.strings.get("note").contains("two\nlines"));
    assertTrue(got.strings.get("note").contains("say \"hi\""));
  }

  @Test
  void withoutMultilineQuotedLineEndsAreBadRecords() throws IOException {
    JsonNode expected = TextFixtures.expected("quoting.csv");
    List<Column> columns = SchemaSpec.parse(expected.get("schema").asText());
    List<BadRecord> kept = new ArrayList<>();
    BadRecords bad = new BadRecords(new BadRecordPolicy(BadRecordMode.QUARANTINE, Long.MAX_VALUE, -1), kept::add,
        (c, n) -> { });
    Collected got = read(TextFixtures.whole("quoting.csv"), CsvOptions.DEFAULTS, columns, bad);
    assertTrue(got.rows < expected.get("rows").asLong());
    assertTrue(kept.stream().anyMatch(b -> b.reason().equals("unclosed quote")), kept.toString());
  }

  @Test
  void badRecordsAreSkippedAndCounted() throws IOException {
    JsonNode expected = TextFixtures.expected("bad.csv");
    List<Column> columns = SchemaSpec.parse(expected.get("schema_text").asText());
    Map<RecordCounters, Long> counters = new EnumMap<>(RecordCounters.class);
    BadRecords bad = new BadRecords(BadRecordPolicy.parse("skip", null), null,
        (c, n) -> counters.merge(c, n, Long::sum));
    TextFixtures.assertMatches(expected, read(TextFixtures.whole("bad.csv"), CsvOptions.DEFAULTS, columns, bad));
    assertEquals(expected.get("bad").asLong(), counters.get(RecordCounters.RECORDS_BAD));
    assertEquals(expected.get("rows").asLong(), counters.get(RecordCounters.RECORDS_READ));
  }

  @Test
  void quarantinedRecordsSayWhereAndWhy() throws IOException {
    List<Column> columns = SchemaSpec.parse(TextFixtures.expected("bad.csv").get("schema_text").asText());
    List<BadRecord> kept = new ArrayList<>();
    BadRecords bad = new BadRecords(BadRecordPolicy.parse("quarantine", null), kept::add, (c, n) -> { });
    read(TextFixtures.whole("bad.csv"), CsvOptions.DEFAULTS, columns, bad);
    assertEquals(TextFixtures.expected("bad.csv").get("bad").asLong(), kept.size());
    BadRecord first = kept.get(0);
    assertEquals(9, first.line()); // header, then rows 0..6, then row 7
    assertEquals("2 fields, expected 3", first.reason());
    assertEquals("7,st-0001", first.raw());
    assertTrue(kept.stream().anyMatch(b -> "value".equals(b.column()) && b.reason().contains("'twelve'")));
    assertTrue(kept.stream().anyMatch(b -> "station".equals(b.column()) && b.reason().equals("invalid UTF-8")));
    assertTrue(kept.stream().anyMatch(b -> b.reason().equals("unclosed quote")));
    List<String> lines = Files.readAllLines(TextFixtures.file("bad.csv").toPath(), StandardCharsets.ISO_8859_1);
    for (BadRecord b : kept) {
      long offset = 0;
      for (int i = 0; i < b.line() - 1; i++) {
        offset += lines.get(i).length() + 1;
      }
      assertEquals(offset, b.offset(), "byte offset of line " + b.line());
    }
  }

  @Test
  void failModeNamesFileLineColumnAndReason() throws IOException {
    List<Column> columns = SchemaSpec.parse(TextFixtures.expected("bad.csv").get("schema_text").asText());
    BadRecordException e = assertThrows(BadRecordException.class,
        () -> read(TextFixtures.whole("bad.csv"), CsvOptions.DEFAULTS, columns, BadRecords.failing()));
    assertTrue(e.getMessage().matches(".*bad\\.csv line 9 \\(byte \\d+\\): 2 fields, expected 3"), e.getMessage());
  }

  @Test
  void maxBadRecordsStopsTheRead() throws IOException {
    List<Column> columns = SchemaSpec.parse(TextFixtures.expected("bad.csv").get("schema_text").asText());
    BadRecords bad = new BadRecords(BadRecordPolicy.parse("skip", "3"), null, (c, n) -> { });
    BadRecordException e = assertThrows(BadRecordException.class,
        () -> read(TextFixtures.whole("bad.csv"), CsvOptions.DEFAULTS, columns, bad));
    assertTrue(e.getMessage().startsWith("more than 3 bad records"), e.getMessage());
    BadRecords share = new BadRecords(BadRecordPolicy.parse("skip", "10%"), null, (c, n) -> { });
    read(TextFixtures.whole("bad.csv"), CsvOptions.DEFAULTS, columns, share); // a share is checked over the job
    assertTrue(share.badCount() > 0);
  }

  @Test
  void badRecordExactlyAtASplitBoundaryIsReportedOnce() throws IOException {
    byte[] bytes = Files.readAllBytes(TextFixtures.file("bad.csv").toPath());
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int badLine = text.indexOf("\n7,st-0001\n") + 1;
    List<Column> columns = SchemaSpec.parse(TextFixtures.expected("bad.csv").get("schema_text").asText());
    Path p = TextFixtures.path("bad.csv");
    for (int cut : new int[] {badLine - 1, badLine, badLine + 1}) {
      List<BadRecord> kept = new ArrayList<>();
      BadRecords bad = new BadRecords(BadRecordPolicy.parse("quarantine", null), kept::add, (c, n) -> { });
      Collected got = readRanges(List.of(new FileRange(p, 0, cut, List.of()),
          new FileRange(p, cut, bytes.length - cut, List.of())), CsvOptions.DEFAULTS, columns, bad);
      assertEquals(TextFixtures.expected("bad.csv").get("rows").asLong(), got.rows, "cut at " + cut);
      assertEquals(TextFixtures.expected("bad.csv").get("bad").asLong(), kept.size(), "cut at " + cut);
      assertEquals(1, kept.stream().filter(b -> b.raw().equals("7,st-0001")).count(), "cut at " + cut);
    }
  }

  @Test
  void columnsAreFoundByNameExactlyThenIgnoringCase() throws IOException {
    File f = write("a.csv", "ID,Value,value,extra\n1,x,2.5,q\n2,y,,r\n");
    List<Column> columns = List.of(new Column("value", ColumnType.DOUBLE), new Column("id", ColumnType.LONG),
        new Column("missing", ColumnType.STRING));
    Collected got = read(range(f), CsvOptions.DEFAULTS, columns, BadRecords.failing());
    assertEquals(2, got.rows);
    assertEquals(1, got.nulls.get("value")[0]);
    assertEquals(2, got.nulls.get("missing")[0]);
    assertEquals(3.0, got.sums.get("id").doubleValue());
  }

  @Test
  void aDuplicateHeaderNamesBoth() throws IOException {
    File f = write("dup.csv", "a,b,a\n1,2,3\n");
    IOException e = assertThrows(IOException.class, () -> read(range(f), CsvOptions.DEFAULTS,
        List.of(new Column("b", ColumnType.LONG)), BadRecords.failing()));
    assertTrue(e.getMessage().endsWith("dup.csv: header columns 1 and 3 are both named 'a'"), e.getMessage());
    File g = write("case.csv", "Value,VALUE\n1,2\n");
    e = assertThrows(IOException.class, () -> read(range(g), CsvOptions.DEFAULTS,
        List.of(new Column("value", ColumnType.LONG)), BadRecords.failing()));
    assertTrue(e.getMessage().endsWith("header columns 1 'Value' and 2 'VALUE' both match column value"),
        e.getMessage());
  }

  @Test
  void optionsDelimiterNullValueCommentAndNoHeader() throws IOException {
    File f = write("t.tsv", "# a comment\n1\tNA\t2026-03-01T10:00:00+01:00\n2\tb\t2026-03-01\n\n3\t\"\"\tNA\n");
    CsvOptions o = CsvOptions.DEFAULTS.withHeader(false).withDelimiter((byte) '\t').withNullValue("NA")
        .withComment((byte) '#');
    List<Column> columns = SchemaSpec.parse("n:long,s:string,t:timestamp");
    Collected got = read(range(f), o, columns, BadRecords.failing());
    assertEquals(3, got.rows);
    assertEquals(Arrays.asList(null, "b", ""), got.strings.get("s"));
    assertEquals(1, got.nulls.get("t")[0]);
    long t1 = Instant.parse("2026-03-01T09:00:00Z").toEpochMilli();
    long t2 = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
    assertEquals(t1 + t2, got.sums.get("t").longValue());
  }

  @Test
  void aLineOverTheLimitIsBad() throws IOException {
    File f = write("long.csv", "a,b\n1,short\n2," + "x".repeat(5000) + "\n3,ok\n");
    List<BadRecord> kept = new ArrayList<>();
    BadRecords bad = new BadRecords(BadRecordPolicy.parse("quarantine", null), kept::add, (c, n) -> { });
    Collected got = read(range(f), CsvOptions.DEFAULTS.withMaxLineBytes(1000), SchemaSpec.parse("a:long,b:string"),
        bad);
    assertEquals(2, got.rows);
    assertEquals(1, kept.size());
    assertTrue(kept.get(0).reason().startsWith("line of 5002 bytes is longer than max-line-bytes 1000"));
    assertEquals(BadRecord.MAX_RAW_BYTES, kept.get(0).raw().length());
  }

  @Test
  void aLatinOneFileIsReadAsUtf8Strings() throws IOException {
    File f = new File(tmp, "latin.csv");
    Files.write(f.toPath(), "name\ncaf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    Collected got = read(range(f), CsvOptions.DEFAULTS.withEncoding(StandardCharsets.ISO_8859_1),
        SchemaSpec.parse("name:string"), BadRecords.failing());
    assertEquals(List.of("caf\u00e9"), got.strings.get("name"));
    assertNull(got.nulls.get("absent"));
  }

  private File write(String name, String text) throws IOException {
    File f = new File(tmp, name);
    Files.write(f.toPath(), text.getBytes(StandardCharsets.UTF_8));
    return f;
  }

  private static FileRange range(File f) {
    return new FileRange(new Path(f.toURI()), 0, f.length(), List.of());
  }
}
