package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.formats.HivePaths;
import io.lakemr.testing.DuckDb;
import io.lakemr.testing.LocalJobs;
import io.lakemr.testing.ParquetFiles;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every output format written by a real job and read back by another reader (DuckDB for
 * Parquet, CSV and JSON Lines; Avro's own {@code DataFileReader}), with the same rows and
 * schema; compression codecs as asked; and partition values with every character Hive escapes,
 * newline, tab, unicode, null and empty, read back as the values they were, nothing written
 * outside the output directory.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutputFormatsJobTest {

  static final String[] TAGS = {"a/b", "x=y", "100%", "..", "c:d", "it's", "say \"hi\"", "#1", "what?",
      "back\\slash", "line\nbreak", "tab\there", "ünï 😀", "plain", "", null};
  static final Schema SCHEMA = SchemaBuilder.record("event").fields()
      .optionalString("tag")
      .requiredLong("k")
      .optionalDouble("v")
      .optionalString("name")
      .endRecord();
  private static final String AGGS = "count(*),sum(v),max(v),min(name),stddev_pop(v)";

  @TempDir
  static Path tmp;
  private Path input;
  private Configuration conf;
  private DuckDb duck;
  /** (tag, k) -> count, for checking the rows each format holds. */
  private final Map<List<String>, Long> expected = new TreeMap<>((a, b) -> Arrays.compare(
      a.stream().map(s -> s == null ? "\u0000null" : s).toArray(String[]::new),
      b.stream().map(s -> s == null ? "\u0000null" : s).toArray(String[]::new)));

  /** Writes events for the given tags; returns the rows written. */
  static List<GenericRecord> events(String[] tags, int perTag, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<GenericRecord> rows = new ArrayList<>();
    for (String tag : tags) {
      for (int i = 0; i < perTag; i++) {
        GenericRecord g = new GenericData.Record(SCHEMA);
        g.put("tag", tag);
        g.put("k", (long) r.nextInt(3));
        Double v = r.nextInt(20) == 0 ? null : Double.valueOf(r.nextDouble() * 100);
        g.put("v", "plain".equals(tag) && i == 0 ? Double.valueOf(Double.NaN) : v);
        g.put("name", r.nextInt(10) == 0 ? null : "n\"" + r.nextInt(100) + ",\n\u00e9");
        rows.add(g);
      }
    }
    return rows;
  }

  @BeforeAll
  void writeInput() throws Exception {
    conf = LocalJobs.conf(tmp);
    duck = new DuckDb();
    input = Files.createDirectories(tmp.resolve("in"));
    List<GenericRecord> rows = events(TAGS, 200, 1);
    for (GenericRecord g : rows) {
      expected.merge(Arrays.asList((String) g.get("tag"), g.get("k").toString()), 1L, Long::sum);
    }
    ParquetFiles.write(input.resolve("events.parquet"), SCHEMA, rows, CompressionCodecName.SNAPPY, 64 * 1024);
  }

  @AfterAll
  void close() throws Exception {
    duck.close();
  }

  private Path run(String name, String... more) throws Exception {
    Path out = tmp.resolve("out").resolve(name);
    List<String> args = new ArrayList<>(List.of("--input", input.toString(), "--group-by", "tag,k", "--agg", AGGS,
        "--output", out.toString(), "--reducers", "2"));
    args.addAll(List.of(more));
    Commands.Result r = Commands.run(conf, "aggregate", args.toArray(new String[0]));
    assertEquals(0, r.exitCode(), r.toString());
    return out;
  }

  private static String sqlPath(Path p) {
    return p.toString().replace("'", "''");
  }

  /** Rows as strings, sorted: the canonical form all formats must agree on. */
  private static List<List<String>> canonical(List<List<Object>> rows) {
    List<List<String>> out = new ArrayList<>();
    for (List<Object> row : rows) {
      List<String> r = new ArrayList<>();
      for (Object o : row) {
        r.add(o == null ? null : o instanceof Number n && !(o instanceof Long) && !(o instanceof Integer)
            ? Double.toString(n.doubleValue()) : o.toString());
      }
      out.add(r);
    }
    out.sort((a, b) -> Objects.toString(a).compareTo(Objects.toString(b)));
    return out;
  }

  @Test
  void everyFormatReadsBackTheSameRows() throws Exception {
    String cols = "tag, k, count, sum_v, max_v, min_name, stddev_pop_v";
    Path parquet = run("parquet");
    List<List<String>> reference = canonical(duck.query("SELECT " + cols + " FROM read_parquet('"
        + sqlPath(parquet) + "/*.parquet')"));
    assertEquals(expected.size(), reference.size());
    Map<List<String>, Long> counts = new HashMap<>();
    for (List<String> row : reference) {
      counts.put(Arrays.asList(row.get(0), row.get(1)), Long.parseLong(row.get(2)));
    }
    assertEquals(new HashMap<>(expected), counts);

    Path csv = run("csv", "--output-format", "csv");
    List<List<String>> fromCsv = canonical(duck.query("SELECT " + cols + " FROM read_csv('" + sqlPath(csv)
        + "/*.csv', header = true, quote = '\"', escape = '\"', allow_quoted_nulls = false, columns = {'tag': 'VARCHAR', 'k': 'BIGINT', "
        + "'count': 'BIGINT', 'sum_v': 'DOUBLE', 'max_v': 'DOUBLE', 'min_name': 'VARCHAR', "
        + "'stddev_pop_v': 'DOUBLE'})"));
    // with allow_quoted_nulls off, DuckDB reads "" as the empty string and an empty field as null
    assertEquals(reference, fromCsv);

    Path jsonl = run("jsonl", "--output-format", "jsonl");
    List<List<String>> fromJson = canonical(duck.query("SELECT " + cols + " FROM read_json('" + sqlPath(jsonl)
        + "/*.jsonl', format = 'newline_delimited', columns = {'tag': 'VARCHAR', 'k': 'BIGINT', "
        + "'count': 'BIGINT', 'sum_v': 'DOUBLE', 'max_v': 'DOUBLE', 'min_name': 'VARCHAR', "
        + "'stddev_pop_v': 'DOUBLE'})"));
    // JSON has no NaN: the NaN sums of group 'plain' are null there
    List<List<String>> nanAsNull = new ArrayList<>();
    for (List<String> row : reference) {
      List<String> r = new ArrayList<>(row);
      r.replaceAll(s -> "NaN".equals(s) ? null : s);
      nanAsNull.add(r);
    }
    assertEquals(canonicalStrings(nanAsNull), fromJson);
    assertTrue(reference.stream().anyMatch(r -> r.contains("NaN")), "the NaN case is exercised");
    for (String line : Files.readAllLines(jsonl.resolve("part-r-00000.jsonl"), StandardCharsets.UTF_8)) {
      assertTrue(line.startsWith("{\"tag\":") && line.endsWith("}"), line);
    }

    Path avro = run("avro", "--output-format", "avro", "--compression", "deflate");
    List<List<Object>> fromAvro = new ArrayList<>();
    Schema avroSchema = null;
    try (Stream<Path> s = Files.list(avro)) {
      for (Path f : s.filter(p -> p.toString().endsWith(".avro")).sorted().toList()) {
        try (DataFileReader<GenericRecord> reader = new DataFileReader<>(new File(f.toString()),
            new GenericDatumReader<>())) {
          assertEquals("deflate", reader.getMetaString("avro.codec"));
          avroSchema = reader.getSchema();
          for (GenericRecord g : reader) {
            List<Object> row = new ArrayList<>();
            for (Schema.Field field : avroSchema.getFields()) {
              Object o = g.get(field.name());
              row.add(o instanceof CharSequence c ? c.toString() : o);
            }
            fromAvro.add(row);
          }
        }
      }
    }
    assertEquals(reference, canonical(fromAvro));
    // the same schema as the Parquet footer's
    String footer = (String) duck.query("SELECT decode(value) FROM parquet_kv_metadata('" + sqlPath(parquet)
        + "/part-r-00000.parquet') WHERE decode(key) = 'parquet.avro.schema'").get(0).get(0).toString();
    assertEquals(new Schema.Parser().parse(footer), avroSchema);
  }

  private static List<List<String>> canonicalStrings(List<List<String>> rows) {
    List<List<String>> out = new ArrayList<>(rows);
    out.sort((a, b) -> Objects.toString(a).compareTo(Objects.toString(b)));
    return out;
  }

  @Test
  void compressionCodecsAreTheOnesAskedFor() throws Exception {
    for (String codec : new String[] {"zstd", "gzip", "none", "snappy"}) {
      Path out = run("parquet-" + codec, "--compression", codec);
      List<List<Object>> codecs = duck.query("SELECT DISTINCT compression FROM parquet_metadata('" + sqlPath(out)
          + "/*.parquet')");
      String want = codec.equals("none") ? "UNCOMPRESSED" : codec.toUpperCase(java.util.Locale.ROOT);
      assertEquals(List.of(List.of(want)), codecs, codec);
      assertEquals(List.of(List.of((long) expected.values().stream().mapToLong(Long::longValue).sum())),
          duck.query("SELECT sum(count)::BIGINT FROM read_parquet('" + sqlPath(out) + "/*.parquet')"));
    }
    Path snappy = run("avro-snappy", "--output-format", "avro");
    try (DataFileReader<GenericRecord> reader = new DataFileReader<>(
        new File(snappy.resolve("part-r-00000.avro").toString()), new GenericDatumReader<>())) {
      assertEquals("snappy", reader.getMetaString("avro.codec"));
    }
    Commands.Result r = Commands.run(conf, "aggregate", "--input", input.toString(), "--agg", "count(*)",
        "--output", tmp.resolve("never").toString(), "--output-format", "csv", "--compression", "gzip");
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("--compression"), r.err());
  }

  @Test
  void partitionValuesAreEscapedAsHiveDoesAndReadBack() throws Exception {
    Path out = run("escaped", "--partition-by", "tag", "--output-format", "jsonl");
    Map<String, String> dirs = new TreeMap<>();
    try (Stream<Path> s = Files.list(out)) {
      for (Path p : s.filter(Files::isDirectory).toList()) {
        String name = p.getFileName().toString();
        assertTrue(name.startsWith("tag="), name);
        dirs.put(name, HivePaths.unescape(name.substring(4)));
      }
    }
    assertEquals("tag=a%2Fb", HivePaths.directoryName("tag", "a/b"));
    assertTrue(dirs.containsKey("tag=a%2Fb") && dirs.containsKey("tag=x%3Dy") && dirs.containsKey("tag=100%25")
        && dirs.containsKey("tag=..") && dirs.containsKey("tag=c%3Ad") && dirs.containsKey("tag=it%27s")
        && dirs.containsKey("tag=say %22hi%22") && dirs.containsKey("tag=%231") && dirs.containsKey("tag=what%3F")
        && dirs.containsKey("tag=back%5Cslash") && dirs.containsKey("tag=line%0Abreak")
        && dirs.containsKey("tag=tab%09here") && dirs.containsKey("tag=ünï 😀")
        && dirs.containsKey("tag=__HIVE_DEFAULT_PARTITION__"), dirs.keySet().toString());
    // every non-empty value reads back as itself; null and empty both read back as null, as in Hive
    List<String> back = new ArrayList<>(dirs.values());
    List<String> want = new ArrayList<>();
    for (String t : TAGS) {
      if (t != null && !t.isEmpty()) {
        want.add(t);
      }
    }
    want.add(null);
    back.sort(Comparator.nullsFirst(Comparator.naturalOrder()));
    want.sort(Comparator.nullsFirst(Comparator.naturalOrder()));
    assertEquals(want, back);
    // the rows in each directory are that value's groups
    for (Map.Entry<String, String> e : dirs.entrySet()) {
      long rows = duck.query("SELECT * FROM read_json('" + sqlPath(out.resolve(e.getKey()))
          + "/*.jsonl', format = 'newline_delimited')").size();
      long want2 = expected.keySet().stream().filter(k -> Objects.equals(k.get(0), e.getValue())
          || (e.getValue() == null && "".equals(k.get(0)))).count();
      assertEquals(want2, rows, e.getKey());
    }
    // nothing outside the output directory: only out/ and in/ (and Hadoop's scratch) beside it
    try (Stream<Path> s = Files.list(tmp.resolve("out"))) {
      for (Path p : s.toList()) {
        assertTrue(!p.getFileName().toString().startsWith(".lakemr"), "left behind: " + p);
      }
    }
    try (Stream<Path> s = Files.walk(out)) {
      for (Path p : s.toList()) {
        assertTrue(p.toRealPath().startsWith(out.toRealPath()), p.toString());
      }
    }
    List<String> allowed = List.of("hadoop-tmp", "in", "local", "out", "staging");
    try (Stream<Path> s = Files.list(tmp)) {
      for (Path p : s.toList()) {
        assertTrue(allowed.contains(p.getFileName().toString()), "outside the output: " + p);
      }
    }
  }
}
