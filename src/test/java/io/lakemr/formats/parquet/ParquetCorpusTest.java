package io.lakemr.formats.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.lakemr.conf.BadInputException;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.TableSchema;
import io.lakemr.formats.FileRange;
import io.lakemr.formats.InputFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.JulianFields;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.api.ReadSupport;
import org.apache.parquet.hadoop.example.GroupReadSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Walks every file of the parquet-testing corpus ({@code data} and {@code bad_data}). For each
 * file and each top-level column, lakemr either reads exactly the values parquet-java's own
 * {@code ParquetReader<Group>} reads, or refuses with an exception naming the file and the
 * column. A column lakemr reads must also be one parquet-java reads.
 *
 * <p>Columns the schema marks unreadable must be refused when asked for (nested groups, lists
 * and maps; repeated primitives; time of day; float16; Arrow's null type; names that
 * are not Avro names, as in {@code delta_encoding_required_column} and
 * {@code unknown-logical-type}). Beyond those, lakemr refuses these files or columns, each of
 * which parquet-java refuses too (checked: {@link #REFUSED}, a change either way fails):
 * <table>
 * <caption>refusals</caption>
 * <tr><th>file</th><th>columns</th><th>why</th></tr>
 * <tr><td>data/*_expect.csv</td><td>whole file</td><td>not Parquet (no PAR1)</td></tr>
 * <tr><td>bad_data/ARROW-GH-41317</td><td>whole file</td><td>footer names a column missing
 *     from its schema</td></tr>
 * <tr><td>bad_data/PARQUET-1481</td><td>whole file</td><td>footer column chunk without a
 *     type</td></tr>
 * <tr><td>bad_data/ARROW-GH-41321</td><td>int64, large_binary</td><td>bad level bit width;
 *     truncated page</td></tr>
 * <tr><td>bad_data/ARROW-GH-47662</td><td>flba_field</td><td>page holds fewer values than its
 *     header says</td></tr>
 * <tr><td>bad_data/ARROW-RS-GH-6229-DICTHEADER</td><td>all four</td><td>malformed page
 *     headers</td></tr>
 * <tr><td>data/nation.dict-malformed</td><td>name, comment_col</td><td>truncated dictionary
 *     page</td></tr>
 * <tr><td>data/non_hadoop_lz4_compressed</td><td>c0, c1, v11</td><td>LZ4 frames without
 *     Hadoop's framing, which parquet-java's LZ4 codec cannot read</td></tr>
 * <tr><td>data/datapage_v1-corrupt-checksum</td><td>a, b</td><td>page CRC mismatch: lakemr
 *     verifies page checksums by default, so a damaged page is an error, never a number
 *     (parquet-java, which does not verify by default, reads wrong values from it; with
 *     verification on, it refuses too, as the reference reader here is set up)</td></tr>
 * <tr><td>data/rle-dict-uncompressed-corrupt-checksum</td><td>long_field, binary_field</td>
 *     <td>dictionary page CRC mismatch, likewise</td></tr>
 * </table>
 *
 * <p>The corpus is looked for at {@code ../shared/corpus/parquet-testing} (system property
 * {@code lakemr.parquet.corpus} to change it). Without it the test is skipped, except under CI
 * (environment {@code CI=true}), where a missing corpus fails.
 */
class ParquetCorpusTest {

  static final java.nio.file.Path CORPUS = Paths.get(System.getProperty("lakemr.parquet.corpus",
      "../shared/corpus/parquet-testing"));
  static final String ABSENT = "(corpus absent)";
  static final Configuration CONF = new Configuration();

  /** File (relative to the corpus) to the columns lakemr refuses, "*" for the whole file. */
  static final Map<String, String> REFUSED = new TreeMap<>();

  static {
    REFUSED.put("bad_data/ARROW-GH-41317.parquet", "*");
    REFUSED.put("bad_data/ARROW-GH-41321.parquet", "int64,large_binary");
    REFUSED.put("bad_data/ARROW-GH-47662.parquet", "flba_field");
    REFUSED.put("bad_data/ARROW-RS-GH-6229-DICTHEADER.parquet",
        "nation_key,name,region_key,comment_col");
    REFUSED.put("bad_data/PARQUET-1481.parquet", "*");
    REFUSED.put("data/delta_binary_packed_expect.csv", "*");
    REFUSED.put("data/delta_byte_array_expect.csv", "*");
    REFUSED.put("data/delta_encoding_optional_column_expect.csv", "*");
    REFUSED.put("data/delta_encoding_required_column_expect.csv", "*");
    REFUSED.put("data/nation.dict-malformed.parquet", "name,comment_col");
    REFUSED.put("data/non_hadoop_lz4_compressed.parquet", "c0,c1,v11");
    REFUSED.put("data/datapage_v1-corrupt-checksum.parquet", "a,b");
    REFUSED.put("data/rle-dict-uncompressed-corrupt-checksum.parquet", "long_field,binary_field");
  }

  static Stream<String> files() throws IOException {
    if (!Files.isDirectory(CORPUS)) {
      return Stream.of(ABSENT);
    }
    List<String> names = new ArrayList<>();
    for (String sub : new String[] {"data", "bad_data"}) {
      try (Stream<java.nio.file.Path> s = Files.list(CORPUS.resolve(sub))) {
        s.filter(Files::isRegularFile).forEach(p -> names.add(sub + "/" + p.getFileName()));
      }
    }
    names.sort(null);
    return names.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("files")
  @Timeout(120)
  void readsLikeParquetJavaOrRefusesByName(String name) throws IOException {
    if (name.equals(ABSENT)) {
      String missing = "parquet-testing corpus not found at " + CORPUS.toAbsolutePath();
      assertNotEquals("true", System.getenv("CI"), missing + " (required when CI=true)");
      Assumptions.abort(missing);
    }
    java.nio.file.Path local = CORPUS.resolve(name).toAbsolutePath().normalize();
    InputFiles files = InputFiles.list(CONF, List.of(local.toString()));
    Path path = files.files().get(0).path();
    List<String> refused = new ArrayList<>();
    TableSchema schema;
    MessageType fileSchema;
    try {
      schema = ParquetFormat.readSchema(CONF, files);
      fileSchema = ParquetFormat.readFooter(CONF, files.files().get(0)).getFileMetaData().getSchema();
    } catch (BadInputException e) {
      assertTrue(e.getMessage().contains(path.toString()), e.getMessage());
      assertTrue(!e.getMessage().contains("\n"), "several lines: " + e.getMessage());
      checkTable(name, List.of("*"));
      assertParquetJavaRefusesFile(path, e);
      return;
    }
    for (Type field : fileSchema.getFields()) {
      String column = field.getName();
      Column wanted = schema.column(column);
      List<Object> ours;
      try {
        ours = BatchValues.read(CONF, List.of(), List.of(new FileRange(path, 0,
                files.files().get(0).length(), List.of())),
            List.of(wanted != null ? wanted : new Column(column, ColumnType.BYTES)), 997,
            new EnumMap<>(ParquetCounters.class)).get(0);
      } catch (IOException | BadInputException e) {
        assertTrue(e.getMessage().contains(path.toString()) && e.getMessage().contains(column),
            "refusal does not name file and column: " + e.getMessage());
        if (wanted != null) {
          // the schema said readable, the data said no: parquet-java must refuse it too
          refused.add(column);
          assertParquetJavaRefuses(path, fileSchema, field, e);
        }
        continue;
      }
      if (wanted == null) {
        fail("read unreadable column " + column + " (" + schema.unreadable().get(column) + ")");
      }
      List<Object> theirs;
      try {
        theirs = parquetJava(path, fileSchema, field);
      } catch (Exception e) {
        fail("lakemr read column " + column + " that parquet-java refuses: " + e, e);
        return;
      }
      assertEquals(theirs.size(), ours.size(), "row count of " + column);
      for (int i = 0; i < ours.size(); i++) {
        assertEquals(theirs.get(i), ours.get(i), "row " + i + " of column " + column);
      }
    }
    checkTable(name, refused);
  }

  private static void assertParquetJavaRefuses(Path path, MessageType fileSchema, Type field,
      Exception ours) {
    try {
      List<Object> theirs = parquetJava(path, fileSchema, field);
      fail("lakemr refused column " + field.getName() + " that parquet-java reads ("
          + theirs.size() + " rows): " + ours.getMessage(), ours);
    } catch (IOException | RuntimeException expected) {
      // both refuse
    }
  }

  /** A whole file lakemr refuses must be one parquet-java cannot read either, footer or rows. */
  private static void assertParquetJavaRefusesFile(Path path, BadInputException ours) {
    Configuration conf = new Configuration(CONF);
    conf.setBoolean("parquet.page.verify-checksum.enabled", true);
    long rows = 0;
    try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), path)
        .withConf(conf).build()) {
      while (reader.read() != null) {
        rows++;
      }
    } catch (IOException | RuntimeException expected) {
      return; // both refuse
    }
    fail("lakemr refused file " + path + " that parquet-java reads (" + rows + " rows): " + ours.getMessage(), ours);
  }

  private static void checkTable(String name, List<String> refused) {
    String actual = String.join(",", refused);
    assertEquals(REFUSED.getOrDefault(name, ""), actual, "refusals of " + name);
  }

  /** One column as parquet-java's example Group reader reads it, in lakemr's terms. */
  static List<Object> parquetJava(Path path, MessageType fileSchema, Type field)
      throws IOException {
    Configuration conf = new Configuration(CONF);
    conf.setBoolean("parquet.page.verify-checksum.enabled", true); // as lakemr reads
    conf.set(ReadSupport.PARQUET_READ_SCHEMA, new MessageType("projection", field).toString());
    ParquetValueKind kind = ParquetTypes.map(field).kind();
    List<Object> out = new ArrayList<>();
    try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(), path)
        .withConf(conf).build()) {
      for (Group g = reader.read(); g != null; g = reader.read()) {
        out.add(g.getFieldRepetitionCount(0) == 0 ? null : expected(g, kind));
      }
    }
    return out;
  }

  private static int decimalScale(Group g) {
    return ((LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) g.getType().getType(0).getLogicalTypeAnnotation())
        .getScale();
  }

  static Object expected(Group g, ParquetValueKind kind) {
    switch (kind) {
      case BOOLEAN: return g.getBoolean(0, 0) ? 1L : 0L;
      case INT32: case DATE: return (long) g.getInteger(0, 0);
      case UINT32: return Integer.toUnsignedLong(g.getInteger(0, 0));
      case INT64: case TIMESTAMP_MILLIS: return g.getLong(0, 0);
      case UINT64:
        long u = g.getLong(0, 0);
        return u < 0 ? "unsigned overflow" : u;
      case TIMESTAMP_MICROS: return Instant.EPOCH.plus(g.getLong(0, 0), ChronoUnit.MICROS).toEpochMilli();
      case TIMESTAMP_NANOS: return Instant.EPOCH.plusNanos(g.getLong(0, 0)).toEpochMilli();
      case INT96_TIMESTAMP:
        ByteBuffer b = g.getInt96(0, 0).toByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        long nanos = b.getLong(b.position());
        long julian = b.getInt(b.position() + 8);
        long day = LocalDate.MIN.with(JulianFields.JULIAN_DAY, julian).toEpochDay();
        return Instant.ofEpochSecond(day * 86_400).plusNanos(nanos).toEpochMilli();
      case DECIMAL_INT32: return new BigDecimal(BigInteger.valueOf(g.getInteger(0, 0)), decimalScale(g));
      case DECIMAL_INT64: return new BigDecimal(BigInteger.valueOf(g.getLong(0, 0)), decimalScale(g));
      case DECIMAL_BYTES: return new BigDecimal(new BigInteger(g.getBinary(0, 0).getBytes()), decimalScale(g));
      case FLOAT: return (double) g.getFloat(0, 0);
      case DOUBLE: return g.getDouble(0, 0);
      default:
        Binary bin = g.getBinary(0, 0);
        return BatchValues.bytes(bin.getBytes());
    }
  }
}
