package io.lakemr.formats.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.conf.BadInputException;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.Schemas;
import io.lakemr.data.TableSchema;
import io.lakemr.formats.FileRange;
import io.lakemr.formats.InputFile;
import io.lakemr.formats.InputFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads files written here by parquet-java and compares every value with what was written. */
class ParquetBatchReaderTest {

  static final int ROWS = 6000;
  static final long DAY = 86_400_000L;

  static final MessageType SCHEMA = MessageTypeParser.parseMessageType("message t {\n"
      + " required int32 id;\n"
      + " optional boolean b;\n"
      + " optional int32 i8 (INTEGER(8,true));\n"
      + " optional int32 u32 (INTEGER(32,false));\n"
      + " optional int32 d (DATE);\n"
      + " optional int64 l;\n"
      + " optional int64 u64 (INTEGER(64,false));\n"
      + " optional int64 tsm (TIMESTAMP(MILLIS,true));\n"
      + " optional int64 tsu (TIMESTAMP(MICROS,true));\n"
      + " optional int64 tsn (TIMESTAMP(NANOS,false));\n"
      + " optional int96 t96;\n"
      + " optional float f;\n"
      + " optional double db;\n"
      + " optional binary sdict (STRING);\n"
      + " optional binary splain (STRING);\n"
      + " optional binary raw;\n"
      + " optional fixed_len_byte_array(4) fx;\n"
      + " required binary e (ENUM);\n"
      + " optional int32 dec (DECIMAL(9,2));\n"
      + " optional int64 tm (TIME(MICROS,true));\n"
      + " optional group g { optional int32 x; }\n"
      + " repeated int32 rep;\n"
      + " optional group lst (LIST) { repeated group list { optional int32 element; } }\n"
      + "}");

  /** The readable columns, in file order, with the type they map to. */
  static final List<Column> READABLE = List.of(
      new Column("id", ColumnType.INT), new Column("b", ColumnType.BOOLEAN),
      new Column("i8", ColumnType.INT), new Column("u32", ColumnType.LONG),
      new Column("d", ColumnType.DATE), new Column("l", ColumnType.LONG),
      new Column("u64", ColumnType.LONG), new Column("tsm", ColumnType.TIMESTAMP),
      new Column("tsu", ColumnType.TIMESTAMP), new Column("tsn", ColumnType.TIMESTAMP),
      new Column("t96", ColumnType.TIMESTAMP), new Column("f", ColumnType.FLOAT),
      new Column("db", ColumnType.DOUBLE), new Column("sdict", ColumnType.STRING),
      new Column("splain", ColumnType.STRING), new Column("raw", ColumnType.BYTES),
      new Column("fx", ColumnType.BYTES), new Column("e", ColumnType.STRING));

  static final String[] CITIES = {"Oslo", "Zürich", "Lima", "Perth", "Kyiv", "Quito", "Baku"};

  @TempDir
  static java.nio.file.Path dir;

  static Path file;
  static final Configuration CONF = new Configuration();

  @BeforeAll
  static void write() throws IOException {
    file = new Path(dir.resolve("all.parquet").toUri());
    SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(file).withType(SCHEMA)
        .withConf(CONF).withRowGroupSize(48 * 1024).withPageSize(1024)
        .withDictionaryEncoding(true).withDictionaryEncoding("splain", false)
        .withCompressionCodec(CompressionCodecName.SNAPPY)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
      for (int i = 0; i < ROWS; i++) {
        Group g = groups.newGroup().append("id", i);
        for (int c = 1; c < READABLE.size(); c++) {
          String name = READABLE.get(c).name();
          Object v = expectedRaw(name, i);
          if (v != null) {
            addRaw(g, name, v);
          }
        }
        g.append("dec", i);
        g.append("tm", (long) i);
        g.addGroup("g").append("x", i);
        for (int r = 0; r < i % 3; r++) {
          g.append("rep", r);
        }
        g.addGroup("lst").addGroup("list").append("element", i);
        w.write(g);
      }
    }
  }

  static boolean isNull(String name, int i) {
    return !name.equals("e") && (i + name.hashCode()) % 7 == 0;
  }

  /** The value written, as the writer's Java type; null for a null. */
  static Object expectedRaw(String name, int i) {
    if (isNull(name, i)) {
      return null;
    }
    switch (name) {
      case "b": return i % 2 == 0;
      case "i8": return (i % 256) - 128;
      case "u32": return (int) (3_000_000_000L + i);
      case "d": return i - 2500;
      case "l": return i * 1_000_000_007L - 1;
      case "u64": return i * 3L;
      case "tsm": return 1_700_000_000_000L + i * 1000L - 2_000_000_000_000L;
      case "tsu": return (i - 2500) * 1_234_567L + 1;
      case "tsn": return (i - 2500) * 987_654_321L + 7;
      case "t96": return int96((i - 2500) * 86_399_123L, 456);
      case "f": return i * 0.5f - 100;
      case "db": return i == 42 ? Double.NaN : i * 1.25 - 7;
      case "sdict": return CITIES[i % CITIES.length];
      case "splain": return "row-" + i + "-" + "x".repeat(i % 13);
      case "raw": return Binary.fromConstantByteArray(new byte[] {(byte) i, (byte) (i >> 8), 0, -1, 7});
      case "fx": return Binary.fromConstantByteArray(new byte[] {1, (byte) i, 2, (byte) (i >> 8)});
      case "e": return new String[] {"RED", "GREEN", "BLUE"}[i % 3];
      default: throw new AssertionError(name);
    }
  }

  /** The value lakemr must read, as {@link BatchValues} gives it. */
  static Object expected(String name, int i) {
    if (name.equals("id")) {
      return (long) i;
    }
    Object raw = expectedRaw(name, i);
    if (raw == null) {
      return null;
    }
    switch (name) {
      case "b": return (Boolean) raw ? 1L : 0L;
      case "i8": case "d": return (long) (Integer) raw;
      case "u32": return 3_000_000_000L + i;
      case "tsu": return java.time.Instant.EPOCH.plus((Long) raw, java.time.temporal.ChronoUnit.MICROS).toEpochMilli();
      case "tsn": return java.time.Instant.EPOCH.plusNanos((Long) raw).toEpochMilli();
      case "t96": return (i - 2500) * 86_399_123L;
      case "f": return (double) (Float) raw;
      case "sdict": case "splain": case "e":
        return BatchValues.bytes(((String) raw).getBytes(StandardCharsets.UTF_8));
      case "raw": case "fx": return BatchValues.bytes(((Binary) raw).getBytes());
      default: return raw;
    }
  }

  /** An INT96 timestamp of some epoch millis plus some nanos. */
  static Binary int96(long millis, int extraNanos) {
    long julian = Math.floorDiv(millis, DAY) + 2_440_588L;
    long nanos = Math.floorMod(millis, DAY) * 1_000_000L + extraNanos;
    ByteBuffer buf = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    buf.putLong(nanos).putInt((int) julian);
    return Binary.fromConstantByteArray(buf.array());
  }

  static void addRaw(Group g, String name, Object v) {
    if (v instanceof Boolean x) {
      g.append(name, x);
    } else if (v instanceof Integer x) {
      g.append(name, x);
    } else if (v instanceof Long x) {
      g.append(name, x);
    } else if (v instanceof Float x) {
      g.append(name, x);
    } else if (v instanceof Double x) {
      g.append(name, x);
    } else if (v instanceof String x) {
      g.append(name, x);
    } else {
      g.append(name, (Binary) v);
    }
  }

  static FileRange whole(Path p) throws IOException {
    long len = p.getFileSystem(CONF).getFileStatus(p).getLen();
    return new FileRange(p, 0, len, List.of());
  }

  @Test
  void everySupportedTypeReadsBackAsWritten() throws IOException {
    Map<ParquetCounters, Long> counters = new EnumMap<>(ParquetCounters.class);
    List<List<Object>> values = BatchValues.read(CONF, List.of(), List.of(whole(file)), READABLE,
        100, counters);
    for (int c = 0; c < READABLE.size(); c++) {
      String name = READABLE.get(c).name();
      assertEquals(ROWS, values.get(c).size(), name);
      for (int i = 0; i < ROWS; i++) {
        assertEquals(expected(name, i), values.get(c).get(i), name + " row " + i);
      }
    }
    int rowGroups = ParquetFormat.readFooter(CONF, inputFile()).getBlocks().size();
    assertTrue(rowGroups > 3, "only " + rowGroups + " row groups");
    assertEquals(rowGroups, counters.get(ParquetCounters.ROW_GROUPS));
    assertEquals(ROWS, counters.get(ParquetCounters.ROWS));
    assertEquals(1, counters.get(ParquetCounters.FILES));
    assertTrue(counters.get(ParquetCounters.BYTES) > 0);
  }

  static InputFile inputFile() {
    return InputFiles.list(CONF, List.of(file.toString())).files().get(0);
  }

  @Test
  void byteRangesReadEveryRowExactlyOnce() throws IOException {
    long len = whole(file).length();
    int parts = 7;
    int[] seen = new int[ROWS];
    int nonEmpty = 0;
    long rowGroups = 0;
    for (int p = 0; p < parts; p++) {
      long start = len * p / parts;
      long end = len * (p + 1) / parts;
      Map<ParquetCounters, Long> counters = new EnumMap<>(ParquetCounters.class);
      List<List<Object>> v = BatchValues.read(CONF, List.of(),
          List.of(new FileRange(file, start, end - start, List.of())),
          List.of(new Column("id", ColumnType.LONG)), 1024, counters);
      nonEmpty += v.get(0).isEmpty() ? 0 : 1;
      rowGroups += counters.getOrDefault(ParquetCounters.ROW_GROUPS, 0L);
      for (Object id : v.get(0)) {
        seen[(int) (long) (Long) id]++;
      }
    }
    for (int i = 0; i < ROWS; i++) {
      assertEquals(1, seen[i], "row " + i);
    }
    assertTrue(nonEmpty > 1, "one range read everything");
    assertEquals(ParquetFormat.readFooter(CONF, inputFile()).getBlocks().size(), rowGroups);
  }

  @Test
  void dictionaryStringsPointIntoTheDictionaryWithoutCopies() throws IOException {
    List<Column> cols = List.of(new Column("sdict", ColumnType.STRING));
    VectorizedRowBatch batch = Schemas.newBatch(cols, 1024);
    try (ParquetBatchReader r = new ParquetBatchReader(CONF, List.of(), List.of(whole(file)),
        cols, 1024, (k, n) -> { })) {
      assertTrue(r.next(batch));
      BytesColumnVector v = (BytesColumnVector) batch.cols[0];
      int a = 1;
      while (isNull("sdict", a) || isNull("sdict", a + CITIES.length)) {
        a++;
      }
      int b = a + CITIES.length;
      assertSame(v.vector[a], v.vector[b], "same dictionary entry, different arrays");
      assertEquals(v.start[a], v.start[b]);
    }
  }

  @Test
  void schemaMapsTypesAndExplainsUnreadableColumns() {
    InputFiles files = InputFiles.list(CONF, List.of(file.toString()));
    TableSchema schema = ParquetFormat.readSchema(CONF, files);
    List<Column> readable = new ArrayList<>(READABLE);
    readable.add(Column.decimal("dec", 9, 2));
    assertEquals(readable, schema.columns());
    Map<String, String> why = schema.unreadable();
    assertEquals(null, why.get("dec"));
    assertEquals("time of day (micros) is not supported yet", why.get("tm"));
    assertEquals("nested column (group), which lakemr cannot read", why.get("g"));
    assertEquals("repeated column, which lakemr cannot read", why.get("rep"));
    assertEquals("nested column (list), which lakemr cannot read", why.get("lst"));
  }

  @Test
  void partitionColumnsAreRepeatingValues() throws IOException {
    List<Column> cols = List.of(new Column("year", ColumnType.STRING),
        new Column("id", ColumnType.LONG), new Column("city", ColumnType.STRING));
    FileRange range = new FileRange(file, 0, whole(file).length(), Arrays.asList("2024", null));
    List<List<Object>> v = BatchValues.read(CONF, List.of("year", "city"), List.of(range), cols,
        1000, new EnumMap<>(ParquetCounters.class));
    assertEquals(ROWS, v.get(0).size());
    assertTrue(v.get(0).stream().allMatch("2024"::equals));
    assertTrue(v.get(2).stream().allMatch(x -> x == null));
    assertEquals(4321L, v.get(1).get(4321));
  }

  private static IOException readFails(Path p, Column... cols) {
    return assertThrows(IOException.class, () -> BatchValues.read(CONF, List.of(),
        List.of(whole(p)), List.of(cols), 1024, new EnumMap<>(ParquetCounters.class)));
  }

  @Test
  void missingNestedAndMistypedColumnsAreRefusedByName() {
    IOException missing = readFails(file, new Column("nope", ColumnType.LONG));
    assertEquals("column nope is missing in file " + file, missing.getMessage());
    IOException nested = readFails(file, new Column("g", ColumnType.BYTES));
    assertTrue(nested.getMessage().contains("column g in file " + file), nested.getMessage());
    assertTrue(nested.getMessage().contains("nested"), nested.getMessage());
    IOException repeated = readFails(file, new Column("rep", ColumnType.INT));
    assertTrue(repeated.getMessage().contains("column rep in file " + file), repeated.getMessage());
    IOException mistyped = readFails(file, new Column("l", ColumnType.INT));
    assertTrue(mistyped.getMessage().contains("is long, but the job reads it as int"),
        mistyped.getMessage());
  }

  @Test
  void unsignedLongAboveLongMaxIsAnErrorNamingFileAndColumn() throws IOException {
    MessageType schema = MessageTypeParser.parseMessageType(
        "message u { required int64 big (INTEGER(64,false)); }");
    Path p = new Path(dir.resolve("u64.parquet").toUri());
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(p).withType(schema).withConf(CONF)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
      for (int i = 0; i < 10; i++) {
        w.write(new SimpleGroupFactory(schema).newGroup().append("big", i == 5 ? -1L : i));
      }
    }
    IOException e = readFails(p, new Column("big", ColumnType.LONG));
    assertTrue(e.getMessage().startsWith("Can not read value at 5 in row group 0 of column big in file "
        + p), e.getMessage());
    assertTrue(e.getMessage().contains("18446744073709551615"), e.getMessage());
    assertTrue(e.getCause() instanceof ArithmeticException);
  }

  @Test
  void corruptPageIsAnErrorNamingFileRowGroupAndColumn() throws IOException {
    MessageType schema = MessageTypeParser.parseMessageType(
        "message c { required binary s (STRING); }");
    Path p = new Path(dir.resolve("corrupt.parquet").toUri());
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(p).withType(schema).withConf(CONF)
        .withDictionaryEncoding(false).withPageWriteChecksumEnabled(false)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
      for (int i = 0; i < 100; i++) {
        w.write(new SimpleGroupFactory(schema).newGroup().append("s", "value-" + i));
      }
    }
    // PLAIN strings are a 4-byte length then bytes: make the first value's length huge
    java.nio.file.Path local = Paths.get(p.toUri());
    byte[] bytes = Files.readAllBytes(local);
    String text = new String(bytes, StandardCharsets.ISO_8859_1);
    int at = text.indexOf("value-0") - 4;
    bytes[at + 3] = 0x7f;
    Files.write(local, bytes);
    Files.deleteIfExists(local.resolveSibling(".corrupt.parquet.crc")); // else the local FS checksum trips first
    IOException e = readFails(p, new Column("s", ColumnType.STRING));
    assertTrue(e.getMessage().startsWith("Can not read value at 0 in row group 0 of column s in file "
        + p), e.getMessage());
    assertTrue(e.getCause() != null);
  }

  @Test
  void pageWhoseChecksumDoesNotMatchIsRefused() throws IOException {
    MessageType schema = MessageTypeParser.parseMessageType(
        "message c { required int64 id; required double v; }");
    Path p = new Path(dir.resolve("crc.parquet").toUri());
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(p).withType(schema).withConf(CONF)
        .withDictionaryEncoding(false).withPageWriteChecksumEnabled(true)
        .withCompressionCodec(CompressionCodecName.UNCOMPRESSED)
        .withWriteMode(ParquetFileWriter.Mode.OVERWRITE).build()) {
      for (int i = 0; i < 1000; i++) {
        w.write(new SimpleGroupFactory(schema).newGroup().append("id", (long) i).append("v", i * 0.5));
      }
    }
    ColumnChunkMetaData v;
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(p, CONF))) {
      v = r.getRowGroups().get(0).getColumns().get(1);
    }
    assertEquals("v", v.getPath().toDotString());
    // the chunk's last byte is the last byte of its last page's values: a plain double's high byte
    java.nio.file.Path local = Paths.get(p.toUri());
    byte[] bytes = Files.readAllBytes(local);
    bytes[(int) (v.getStartingPos() + v.getTotalSize() - 1)] ^= 0x01;
    Files.write(local, bytes);
    Files.deleteIfExists(local.resolveSibling(".crc.parquet.crc"));

    IOException e = readFails(p, new Column("v", ColumnType.DOUBLE));
    assertTrue(e.getMessage().startsWith("Can not read row group 0 of column v in file " + p + ": "),
        e.getMessage());
    assertTrue(e.getMessage().contains("CRC"), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    IOException both = readFails(p, new Column("id", ColumnType.LONG), new Column("v", ColumnType.DOUBLE));
    assertTrue(both.getMessage().startsWith("Can not read row group 0 of column v in file " + p + ": "),
        "the damaged column of the two is named: " + both.getMessage());
    List<Object> ids = BatchValues.read(CONF, List.of(), List.of(whole(p)),
        List.of(new Column("id", ColumnType.LONG)), 1024, new EnumMap<>(ParquetCounters.class)).get(0);
    assertEquals(1000, ids.size(), "the undamaged column still reads");
  }

  @Test
  void nonParquetFilesAreRefusedOnTheClient() throws IOException {
    java.nio.file.Path csv = dir.resolve("x.csv");
    Files.writeString(csv, "a,b\n1,2\n3,4\n");
    InputFiles files = InputFiles.list(CONF, List.of(file.toString(), csv.toString()));
    BadInputException e = assertThrows(BadInputException.class,
        () -> ParquetFormat.readSchema(CONF, files));
    assertTrue(e.getMessage().startsWith("not a Parquet file: " + files.files().get(1).path()
        + " ("), e.getMessage());
    assertFalse(e.getMessage().contains("\n"));
  }

  @Test
  void emptyRangeListReadsNothing() throws IOException {
    List<List<Object>> v = BatchValues.read(CONF, List.of(), new ArrayList<>(),
        List.of(new Column("id", ColumnType.LONG)), 10, new EnumMap<>(ParquetCounters.class));
    assertTrue(v.get(0).isEmpty());
  }
}
