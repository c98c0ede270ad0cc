package io.lakemr.formats.output;

import static io.lakemr.formats.output.TestBatches.setBytes;
import static io.lakemr.formats.output.TestBatches.setDouble;
import static io.lakemr.formats.output.TestBatches.setLong;
import static io.lakemr.formats.output.TestBatches.setString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.Schemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvBatchWriterTest {

  @TempDir
  java.nio.file.Path tmp;

  private String writeOne(List<Column> columns, VectorizedRowBatch batch) throws IOException {
    java.nio.file.Path f = tmp.resolve("out.csv");
    try (BatchWriter w = OutputFormats.CSV.open(new Configuration(),
        new Path(f.toUri()), columns)) {
      w.write(batch);
      assertEquals(batch.size, w.rowsWritten());
    }
    return Files.readString(f, StandardCharsets.UTF_8);
  }

  @Test
  void quotesOnlyWhatRfc4180AsksForAndKeepsNullApartFromEmpty() throws IOException {
    List<Column> cols = List.of(new Column("s", ColumnType.STRING), new Column("n", ColumnType.INT));
    String[] values = {"plain", "a,b", "say \"hi\"", "line1\nline2", "cr\rx", "", null,
        "h\u00e9llo \u2603 \u65e5\u672c \uD83D\uDE00", " padded ", "\"", "crlf\r\n"};
    VectorizedRowBatch b = Schemas.newBatch(cols, values.length);
    for (int i = 0; i < values.length; i++) {
      setString(b, 0, i, values[i]);
      setLong(b, 1, i, i % 3 == 0 ? null : (long) -i);
    }
    b.size = values.length;
    String expected = "s,n\r\n"
        + "plain,\r\n"
        + "\"a,b\",-1\r\n"
        + "\"say \"\"hi\"\"\",-2\r\n"
        + "\"line1\nline2\",\r\n"
        + "\"cr\rx\",-4\r\n"
        + "\"\",-5\r\n"
        + ",\r\n"
        + "h\u00e9llo \u2603 \u65e5\u672c \uD83D\uDE00,-7\r\n"
        + " padded ,-8\r\n"
        + "\"\"\"\",\r\n"
        + "\"crlf\r\n\",-10\r\n";
    assertEquals(expected, writeOne(cols, b));
  }

  @Test
  void headerNamesAreQuotedToo() throws IOException {
    List<Column> cols = List.of(new Column("a,b", ColumnType.LONG), new Column("c\"d", ColumnType.LONG));
    VectorizedRowBatch b = Schemas.newBatch(cols, 1);
    setLong(b, 0, 0, 1L);
    setLong(b, 1, 0, 2L);
    b.size = 1;
    assertEquals("\"a,b\",\"c\"\"d\"\r\n1,2\r\n", writeOne(cols, b));
  }

  @Test
  void rendersEveryType() throws IOException {
    List<Column> cols = List.of(
        new Column("d", ColumnType.DOUBLE), new Column("f", ColumnType.FLOAT),
        new Column("b", ColumnType.BOOLEAN), new Column("dt", ColumnType.DATE),
        new Column("ts", ColumnType.TIMESTAMP), new Column("by", ColumnType.BYTES),
        new Column("l", ColumnType.LONG));
    VectorizedRowBatch b = Schemas.newBatch(cols, 8);
    double[] d = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1, 1e-5, -0.0,
        1e21, 3.0};
    double[] f = {Float.NaN, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 0.1f, 1e-5f, -0.0f,
        1e21f, 3.0f};
    long[] dates = {0, -1, 20454, 2_932_896, 2_932_897, -719_528, -719_529, 11016};
    long[] ts = {0, -1, 1_767_225_600_123L, 951_782_400_000L + 86_399_999L,
        253_402_300_799_999L, 253_402_300_800_000L, -62_167_219_200_000L, 1};
    for (int i = 0; i < 8; i++) {
      setDouble(b, 0, i, d[i]);
      setDouble(b, 1, i, f[i]);
      setLong(b, 2, i, (long) (i % 2));
      setLong(b, 3, i, dates[i]);
      setLong(b, 4, i, ts[i]);
      setBytes(b, 5, i, i == 7 ? new byte[0] : new byte[] {(byte) i, (byte) 0xFF, 'x'});
      setLong(b, 6, i, i == 6 ? Long.MIN_VALUE : Long.MAX_VALUE - i);
    }
    b.size = 8;
    String[] lines = writeOne(cols, b).split("\r\n", -1);
    assertEquals(10, lines.length);
    assertEquals("d,f,b,dt,ts,by,l", lines[0]);
    assertEquals("NaN,NaN,false,1970-01-01,1970-01-01T00:00:00.000Z,AP94,9223372036854775807", lines[1]);
    assertEquals("Infinity,Infinity,true,1969-12-31,1969-12-31T23:59:59.999Z,Af94,9223372036854775806", lines[2]);
    assertEquals("-Infinity,-Infinity,false,2026-01-01,2026-01-01T00:00:00.123Z,Av94,9223372036854775805", lines[3]);
    assertEquals("0.1,0.1,true,9999-12-31,2000-02-29T23:59:59.999Z,A/94,9223372036854775804", lines[4]);
    assertEquals("1.0E-5,1.0E-5,false,+10000-01-01,9999-12-31T23:59:59.999Z,BP94,9223372036854775803", lines[5]);
    assertEquals("-0.0,-0.0,true,0000-01-01,+10000-01-01T00:00:00.000Z,Bf94,9223372036854775802", lines[6]);
    assertEquals("1.0E21,1.0E21,false,-0001-12-31,0000-01-01T00:00:00.000Z,Bv94,-9223372036854775808", lines[7]);
    assertEquals("3.0,3.0,true,2000-02-29,1970-01-01T00:00:00.001Z,\"\",9223372036854775800", lines[8]);
    assertEquals("", lines[9]);
  }

  @Test
  void datesAndTimestampsAgreeWithJavaTime() {
    SplittableRandom r = new SplittableRandom(7);
    DateTimeFormatter iso = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
        .withZone(ZoneOffset.UTC);
    for (int k = 0; k < 200_000; k++) {
      long day = r.nextLong(-719_528L, 2_932_897L);
      StringBuilder sb = new StringBuilder();
      ValueText.appendDate(sb, day);
      assertEquals(LocalDate.ofEpochDay(day).toString(), sb.toString());
      long ms = r.nextLong(-62_167_219_200_000L, 253_402_300_800_000L);
      sb.setLength(0);
      ValueText.appendTimestamp(sb, ms, 'T', true);
      assertEquals(iso.format(Instant.ofEpochMilli(ms)), sb.toString(), "millis " + ms);
    }
  }

  @Test
  void honoursSelectionAndRepeatingVectors() throws IOException {
    List<Column> cols = List.of(new Column("s", ColumnType.STRING), new Column("x", ColumnType.LONG),
        new Column("y", ColumnType.DOUBLE));
    VectorizedRowBatch b = Schemas.newBatch(cols, 4);
    for (int i = 0; i < 4; i++) {
      setString(b, 0, i, "r" + i);
    }
    setLong(b, 1, 0, 42L);
    b.cols[1].isRepeating = true;
    setDouble(b, 2, 0, null);
    b.cols[2].isRepeating = true;
    b.selectedInUse = true;
    b.selected[0] = 1;
    b.selected[1] = 3;
    b.size = 2;
    assertEquals("s,x,y\r\nr1,42,\r\nr3,42,\r\n", writeOne(cols, b));
  }

  @Test
  void refusesToOverwriteAndToWriteAfterClose() throws IOException {
    List<Column> cols = List.of(new Column("x", ColumnType.LONG));
    Path p = new Path(tmp.resolve("x.csv").toUri());
    BatchWriter w = OutputFormats.CSV.open(new Configuration(), p, cols);
    w.close();
    w.close();
    assertThrows(IOException.class, () -> w.write(Schemas.newBatch(cols, 1)));
    assertThrows(IOException.class,
        () -> OutputFormats.CSV.open(new Configuration(), p, cols));
    assertEquals("x\r\n", Files.readString(tmp.resolve("x.csv")));
  }
}
