package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakemr.testing.Csv;
import io.lakemr.testing.LocalJobs;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Decimals end to end on the local job runner: the Parquet fixture (decimals stored as int32,
 * int64, fixed_len_byte_array and binary, written by parquet-java) and the Avro fixture (bytes
 * and fixed) are read exactly; count, sum, min, max and avg must give the generator's decimal
 * text digit for digit (expected.json, computed from in-memory BigDecimals), in CSV, JSON Lines
 * and Parquet output, with a filter on a decimal column, and with Spark's result types.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecimalJobTest {

  private static final List<String> PARQUET_COLUMNS = List.of("d32", "d64", "dfix", "dbin");
  private static final List<String> AVRO_COLUMNS = List.of("amount", "price");
  private static final List<String> FUNCTIONS = List.of("count", "sum", "min", "max", "avg");

  @TempDir
  static Path tmp;
  private Configuration conf;
  private Path fixtures;
  private JsonNode expected;
  private int jobs;

  @BeforeAll
  void setUp() throws Exception {
    conf = LocalJobs.conf(tmp);
    conf.setLong("mapreduce.input.fileinputformat.split.maxsize", 32 * 1024);
    fixtures = Paths.get(getClass().getResource("/decimal/expected.json").toURI()).getParent();
    expected = new ObjectMapper().readTree(fixtures.resolve("expected.json").toFile());
  }

  private static String aggs(List<String> columns) {
    List<String> all = new ArrayList<>();
    for (String c : columns) {
      for (String f : FUNCTIONS) {
        all.add(f + "(" + c + ")");
      }
    }
    return String.join(",", all);
  }

  private Path aggregate(String file, String agg, String format, String... more) throws Exception {
    return aggregateAt(fixtures.resolve(file).toString(), agg, format, more);
  }

  private Path aggregateAt(String input, String agg, String format, String... more) throws Exception {
    Path out = tmp.resolve("out-" + jobs++);
    List<String> args = new ArrayList<>(List.of("--input", input, "--agg", agg,
        "--output", out.toString(), "--output-format", format));
    args.addAll(List.of(more));
    Commands.Result r = Commands.run(conf, "aggregate", args.toArray(new String[0]));
    assertEquals(0, r.exitCode(), r.toString());
    return out;
  }

  /** The one row of a global aggregation written as CSV, by result column name. */
  private static List<String> csvRow(Path out, List<String> header) throws IOException {
    List<List<String>> rows = Csv.readParts(out, header);
    assertEquals(1, rows.size(), rows.toString());
    return rows.get(0);
  }

  private static List<String> header(List<String> columns) {
    List<String> h = new ArrayList<>();
    for (String c : columns) {
      for (String f : FUNCTIONS) {
        h.add(f + "_" + c);
      }
    }
    return h;
  }

  private void assertExact(String file, List<String> columns, List<String> row) {
    int i = 0;
    for (String c : columns) {
      JsonNode want = expected.get(file).get(c);
      assertEquals(want.get("count").asText(), row.get(i++), "count(" + c + ")");
      for (String f : List.of("sum", "min", "max", "avg")) {
        assertEquals(want.get(f).asText(), row.get(i++), f + "(" + c + ") of " + file);
      }
    }
  }

  @Test
  void parquetDecimalsOfEveryStorageAggregateExactly() throws Exception {
    Path out = aggregate("decimals.parquet", aggs(PARQUET_COLUMNS), "csv");
    assertExact("decimals.parquet", PARQUET_COLUMNS, csvRow(out, header(PARQUET_COLUMNS)));
  }

  @Test
  void avroDecimalsOfBytesAndFixedAggregateExactly() throws Exception {
    Path out = aggregate("decimals.avro", aggs(AVRO_COLUMNS), "csv");
    assertExact("decimals.avro", AVRO_COLUMNS, csvRow(out, header(AVRO_COLUMNS)));
  }

  @Test
  void aFilterComparesDecimalsExactly() throws Exception {
    for (String c : PARQUET_COLUMNS) {
      JsonNode want = expected.get("decimals.parquet").get(c);
      Path out = aggregate("decimals.parquet", "count(" + c + "),sum(" + c + ")", "csv",
          "--where", c + " > " + want.get("cut").asText());
      List<String> row = csvRow(out, List.of("count_" + c, "sum_" + c));
      assertEquals(want.get("count_over_cut").asText(), row.get(0), c);
      assertEquals(want.get("sum_over_cut").asText(), row.get(1), c);
      // the largest value, written out in full, is equal to itself and to nothing else
      Path max = aggregate("decimals.parquet", "count(" + c + ")", "csv", "--where", c + " = " + want.get("max").asText());
      assertEquals(List.of("1"), csvRow(max, List.of("count_" + c)), c + " = max");
    }
  }

  @Test
  void parquetOutputHoldsDecimalsOfSparksTypes() throws Exception {
    Path out = aggregate("decimals.parquet", aggs(PARQUET_COLUMNS), "parquet");
    Path part;
    try (Stream<Path> s = Files.walk(out)) {
      part = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
    }
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(part.toUri());
    MessageType schema;
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(file, new Configuration()))) {
      schema = r.getFooter().getFileMetaData().getSchema();
    }
    try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), file).build()) {
      Group g = reader.read();
      for (String c : PARQUET_COLUMNS) {
        JsonNode want = expected.get("decimals.parquet").get(c);
        for (String f : List.of("sum", "min", "max", "avg")) {
          String name = f + "_" + c;
          LogicalTypeAnnotation.DecimalLogicalTypeAnnotation d = (LogicalTypeAnnotation.DecimalLogicalTypeAnnotation)
              schema.getType(name).getLogicalTypeAnnotation();
          String type = "decimal(" + d.getPrecision() + "," + d.getScale() + ")";
          String wantType = f.equals("sum") ? want.get("sum_type").asText()
              : f.equals("avg") ? want.get("avg_type").asText() : want.get("type").asText();
          assertEquals(wantType, type, name);
          BigDecimal got = new BigDecimal(new BigInteger(g.getBinary(name, 0).getBytes()), d.getScale());
          assertEquals(want.get(f).asText(), got.toPlainString(), name);
        }
      }
    }
  }

  @Test
  void jsonLinesOutputWritesDecimalsAsExactNumbers() throws Exception {
    Path out = aggregate("decimals.avro", "sum(amount),avg(price)", "jsonl");
    List<String> lines = new ArrayList<>();
    try (Stream<Path> s = Files.walk(out)) {
      for (Path p : s.filter(p -> p.getFileName().toString().matches("part-.*\\.jsonl")).toList()) {
        lines.addAll(Files.readAllLines(p, StandardCharsets.UTF_8));
      }
    }
    assertEquals(1, lines.size(), lines.toString());
    JsonNode avro = expected.get("decimals.avro");
    assertEquals("{\"sum_amount\":" + avro.get("amount").get("sum").asText() + ",\"avg_price\":"
        + avro.get("price").get("avg").asText() + "}", lines.get(0));
  }

  @Test
  void groupsByADecimalColumn() throws Exception {
    for (String format : List.of("csv", "parquet")) {
      Path out = aggregate("decimals.parquet", "count(*),sum(d64)", format, "--group-by", "grade");
      if (format.equals("parquet")) {
        // read back as decimals, grouped again
        out = aggregateAt(out.toString(), "sum(count),sum(sum_d64)", "csv", "--group-by", "grade");
      }
      List<List<String>> rows = Csv.readParts(out, format.equals("csv") ? List.of("grade", "count", "sum_d64")
          : List.of("grade", "sum_count", "sum_sum_d64"));
      JsonNode want = expected.get("decimals.parquet").get("by_grade");
      assertEquals(want.size(), rows.size(), rows.toString());
      for (List<String> row : rows) {
        JsonNode w = want.get(row.get(0) == null ? "" : row.get(0));
        assertTrue(w != null, "grade " + row.get(0) + " in " + want);
        assertEquals(w.get(0).asText(), row.get(1), "count of grade " + row.get(0) + " in " + format);
        assertEquals(w.get(1).asText(), row.get(2), "sum(d64) of grade " + row.get(0) + " in " + format);
      }
    }
  }

  @Test
  void ordersByDecimalsAsNumbers() throws Exception {
    JsonNode byGrade = expected.get("decimals.parquet").get("by_grade");
    List<String> grades = new ArrayList<>();
    byGrade.fieldNames().forEachRemaining(grades::add);
    grades.sort((a, b) -> a.isEmpty() || b.isEmpty() ? a.length() - b.length()
        : new BigDecimal(a).compareTo(new BigDecimal(b))); // nulls first, then numbers
    Path byKey = aggregate("decimals.parquet", "count(*)", "csv", "--group-by", "grade", "--order-by", "grade",
        "--reducers", "2");
    assertEquals(grades, Csv.readParts(byKey, List.of("grade", "count")).stream()
        .map(r -> r.get(0) == null ? "" : r.get(0)).toList());
    List<String> sums = new ArrayList<>();
    byGrade.forEach(v -> sums.add(v.get(1).asText()));
    sums.sort((a, b) -> new BigDecimal(b).compareTo(new BigDecimal(a)));
    Path bySum = aggregate("decimals.parquet", "sum(d64)", "csv", "--group-by", "grade", "--order-by", "sum_d64 DESC",
        "--reducers", "2");
    assertEquals(sums, Csv.readParts(bySum, List.of("grade", "sum_d64")).stream().map(r -> r.get(1)).toList());
  }

  @Test
  void convertShufflesAndSortsDecimalsExactly() throws Exception {
    Path out = tmp.resolve("out-" + jobs++);
    Commands.Result r = Commands.run(conf, "convert", "--input", fixtures.resolve("decimals.parquet").toString(),
        "--columns", "d64", "--sort-by", "d64 DESC", "--reducers", "2", "--output", out.toString(),
        "--output-format", "csv");
    assertEquals(0, r.exitCode(), r.toString());
    BigDecimal sum = BigDecimal.ZERO;
    long rows = 0;
    List<Path> parts;
    try (Stream<Path> s = Files.list(out)) {
      parts = s.filter(p -> p.getFileName().toString().matches("part-.*\\.csv")).sorted().toList();
    }
    for (Path part : parts) {
      BigDecimal previous = null;
      boolean sawNull = false;
      List<List<String>> records = Csv.read(part);
      for (List<String> row : records.subList(1, records.size())) {
        rows++;
        if (row.get(0) == null) {
          sawNull = true;
          continue;
        }
        BigDecimal v = new BigDecimal(row.get(0));
        assertTrue(!sawNull && (previous == null || previous.compareTo(v) >= 0), part + ": " + previous + ", " + v);
        previous = v;
        sum = sum.add(v);
      }
    }
    assertEquals(expected.get("decimals.parquet").get("rows").asLong(), rows);
    assertEquals(expected.get("decimals.parquet").get("d64").get("sum").asText(), sum.toPlainString());
  }

  @Test
  void castsGiveTruncatedLongsAndExactText() throws Exception {
    JsonNode d64 = expected.get("decimals.parquet").get("d64");
    Path out = aggregate("decimals.parquet", "min(l),max(l),min(s),max(s)", "csv",
        "--derive", "l = cast(d64 AS long)", "--derive", "s = cast(d64 AS string)", "--where", "d64 < 0");
    List<String> row = csvRow(out, List.of("min_l", "max_l", "min_s", "max_s"));
    assertEquals(new BigDecimal(d64.get("min").asText()).setScale(0, RoundingMode.DOWN).toPlainString(), row.get(0));
    assertTrue(Long.parseLong(row.get(1)) <= 0, row.toString());
    // text order: the smallest string is the negative number closest to zero in the first digits
    assertTrue(row.get(2).matches("-\\d+\\.\\d{4}") && row.get(3).matches("-\\d+\\.\\d{4}"), row.toString());
  }

  @Test
  void whatDecimalsCannotDoYetIsRefusedBeforeTheJob() throws Exception {
    String file = fixtures.resolve("decimals.parquet").toString();
    List<List<String>> cases = List.of(
        List.of("--group-by", "d32", "--partition-by", "d32", "--agg", "count(*)",
            "--partition-by: column 'd32' is decimal(9,2)"),
        List.of("--derive", "y = d32", "--agg", "count(*)", "--derive: column 'y' would be a decimal"),
        List.of("--agg", "count_distinct(d32)", "--agg: count_distinct(d32) of a decimal column"),
        List.of("--agg", "stddev(d32)", "--agg: stddev(d32) needs a numeric column; 'd32' is decimal"));
    for (List<String> c : cases) {
      List<String> args = new ArrayList<>(List.of("--input", file, "--output", tmp.resolve("out-" + jobs++).toString()));
      args.addAll(c.subList(0, c.size() - 1));
      Commands.Result r = Commands.run(conf, "aggregate", args.toArray(new String[0]));
      assertEquals(2, r.exitCode(), r.toString());
      assertTrue(r.err().contains(c.get(c.size() - 1)), r.err());
    }
  }
}
