package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.testing.LocalJobs;
import io.lakemr.testing.ParquetFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code inspect} of partitioned outputs written by real local jobs ({@code convert
 * --partition-by}), as Parquet (rows from the footers) and as CSV (rows from the job summary),
 * and of the same output registered as a table (rows from its log): the rows of each partition
 * are the rows of the input with that value, counted here by reading the input.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PartitionInspectTest {

  @TempDir
  static Path tmp;
  private Configuration conf;
  private Path parquetOut;
  private Path csvOut;
  /** Rows of the input by status, read from the generated files. */
  private final Map<String, Long> expected = new TreeMap<>();

  @BeforeAll
  void setUp() throws Exception {
    conf = LocalJobs.conf(tmp);
    conf.set(LakemrConfig.CATALOG_DIR, tmp.resolve("catalog").toUri().toString());
    Path sample = tmp.resolve("sample");
    run("generate", "--rows", "6000", "--files", "2", "--output", sample.toString());
    parquetOut = tmp.resolve("by-status");
    run("convert", "--input", sample.toString(), "--output", parquetOut.toString(), "--partition-by", "status",
        "--reducers", "2");
    csvOut = tmp.resolve("by-status-csv");
    run("convert", "--input", sample.toString(), "--output", csvOut.toString(), "--partition-by", "status",
        "--output-format", "csv");
    List<Path> inputs;
    try (Stream<Path> s = Files.list(sample)) {
      inputs = s.filter(p -> p.toString().endsWith(".parquet")).toList();
    }
    for (Path p : inputs) {
      try (ParquetReader<GenericRecord> r = AvroParquetReader.<GenericRecord>builder(
          HadoopInputFile.fromPath(ParquetFiles.hadoopPath(p), conf)).build()) {
        for (GenericRecord g = r.read(); g != null; g = r.read()) {
          expected.merge(String.valueOf(g.get("status")), 1L, Long::sum);
        }
      }
    }
    assertEquals(3, expected.size(), "the sample has three statuses: " + expected);
  }

  private Commands.Result run(String command, String... args) throws Exception {
    Commands.Result r = Commands.run(conf, command, args);
    assertEquals(0, r.exitCode(), r.toString());
    return r;
  }

  private JsonNode json(String target) throws Exception {
    return new ObjectMapper().readTree(run("inspect", target, "--json").out());
  }

  /** Checks the document's partitions against the input's rows by status, and its totals. */
  private void checkRows(JsonNode doc, String rowsFrom) {
    assertEquals("partitions", doc.get("format").asText());
    assertEquals("[\"status\"]", doc.get("partitionColumns").toString());
    List<String> paths = new ArrayList<>();
    long total = 0;
    for (JsonNode p : doc.get("partitions")) {
      String status = p.get("values").get("status").asText();
      paths.add(p.get("partition").asText());
      assertEquals(expected.get(status), p.get("rows").asLong(), p.toString());
      assertEquals(rowsFrom, p.get("rowsFrom").asText(), p.toString());
      assertTrue(p.get("files").asInt() >= 1 && p.get("bytes").asLong() > 0, p.toString());
      assertEquals(expected.get(status) / 6000.0, p.get("rowShare").asDouble(), 1e-4, p.toString());
      total += p.get("rows").asLong();
    }
    assertEquals(List.of("status=fail", "status=ok", "status=warn"), paths, "sorted by partition");
    assertEquals(6000, total);
    assertEquals(6000, doc.get("totals").get("rows").asLong());
    assertEquals(3, doc.get("totals").get("partitions").asInt());
    long largest = expected.values().stream().mapToLong(Long::longValue).max().orElseThrow();
    long median = expected.values().stream().sorted().toList().get(1);
    assertEquals(largest, doc.get("sizes").get("largest").asLong());
    assertEquals(Math.round(largest * 100.0 / median) / 100.0, doc.get("sizes").get("largestOverMedian").asDouble());
    JsonNode bars = doc.get("histogram").get("bars");
    assertEquals(3, bars.size(), bars.toString());
    assertEquals(SizeHistogram.WIDTH, bars.get(1).get("bar").asText().length(), "ok is the largest: " + bars);
  }

  @Test
  void parquetOutputRowsFromFooters() throws Exception {
    JsonNode doc = json(parquetOut.toString());
    checkRows(doc, PartitionReport.FROM_FOOTERS);
    assertEquals(PartitionReport.FROM_SUMMARY, doc.get("summary").asText());

    String text = run("inspect", parquetOut.toString()).out();
    assertTrue(text.contains(": 3 partitions by status, ") && text.contains("6,000 rows"), text);
    assertTrue(text.contains("rows from: file footers"), text);
    for (Map.Entry<String, Long> e : expected.entrySet()) {
      String line = text.lines().filter(l -> l.startsWith("  status=" + e.getKey() + " ")).findFirst().orElseThrow(
          () -> new AssertionError("a row and a bar of status=" + e.getKey() + " in:\n" + text));
      assertTrue(line.contains(String.format("%,d", e.getValue())), line);
    }
    assertTrue(text.lines().anyMatch(l -> l.startsWith("  total ") && l.contains("6,000") && l.endsWith("100.0")), text);
    assertTrue(text.contains("largest partition: ") && text.contains("times the median's"), text);
    assertTrue(text.contains("rows per partition (one bar per partition):"), text);
    assertEquals(3, text.lines().filter(l -> l.startsWith("  status=") && l.contains(" #")).count(), text);
  }

  @Test
  void csvOutputRowsFromTheJobSummary() throws Exception {
    checkRows(json(csvOut.toString()), PartitionReport.FROM_SUMMARY);
  }

  @Test
  void withoutASummaryCsvRowsAreUnknownAndBytesAreMeasured() throws Exception {
    Path copy = tmp.resolve("csv-without-summary");
    copyTree(csvOut, copy);
    Files.delete(copy.resolve(JobSummary.FILE_NAME));
    JsonNode doc = json(copy.toString());
    assertTrue(doc.get("totals").get("rows").isNull(), doc.toString());
    assertEquals("[]", doc.get("rowsFrom").toString());
    long bytes = 0;
    long largest = 0;
    for (JsonNode p : doc.get("partitions")) {
      assertTrue(p.get("rows").isNull() && p.get("rowShare").isNull(), p.toString());
      bytes += p.get("bytes").asLong();
      largest = Math.max(largest, p.get("bytes").asLong());
    }
    assertEquals(bytes, doc.get("totals").get("bytes").asLong());
    assertEquals("bytes", doc.get("sizes").get("measure").asText());
    assertEquals(largest, doc.get("sizes").get("largest").asLong());
    String text = run("inspect", copy.toString()).out();
    assertTrue(text.contains("3 files, ? rows, ") && text.contains("bytes per partition (one bar per partition):"), text);
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Files.copy(p, to.resolve(from.relativize(p).toString()));
      }
    }
  }

  @Test
  void tableRowsFromItsLog() throws Exception {
    Path table = tmp.resolve("table");
    copyTree(parquetOut, table);
    run("catalog", "register", "by_status", "--location", table.toString());
    JsonNode doc = json("table:by_status");
    checkRows(doc, PartitionReport.FROM_LOG);
    assertEquals("table:by_status", doc.get("table").asText());
    assertEquals(1, doc.get("version").asLong());
    String text = run("inspect", "table:by_status").out();
    assertTrue(text.contains("table table:by_status at ") && text.contains("version 1: 3 partitions"), text);
    assertEquals(3, text.lines().filter(l -> l.startsWith("  status=") && l.contains(" #")).count(), text);
    // the table's directory is read through its log too
    checkRows(json(table.toString()), PartitionReport.FROM_LOG);
  }

  @Test
  void unknownTableIsAUsageError() throws Exception {
    Commands.Result r = Commands.run(conf, "inspect", "table:nope");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("nope"), r.err());
  }
}
