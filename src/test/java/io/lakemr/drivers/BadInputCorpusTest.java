package io.lakemr.drivers;

import static io.lakemr.testing.CorruptFiles.chunk;
import static io.lakemr.testing.CorruptFiles.copy;
import static io.lakemr.testing.CorruptFiles.cut;
import static io.lakemr.testing.CorruptFiles.flip;
import static io.lakemr.testing.CorruptFiles.flipLastPageByte;
import static io.lakemr.testing.CorruptFiles.footerStart;
import static io.lakemr.testing.CorruptFiles.write;
import static io.lakemr.testing.CorruptFiles.writeAt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jhdf.HdfFile;
import io.jhdf.WritableHdfFile;
import io.lakemr.formats.hdf5.Hdf5Chunks;
import io.lakemr.testing.LocalJobs;
import io.lakemr.testing.ParquetFiles;
import io.lakemr.testing.Readings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A corpus of bad input, one row per kind, each run through the real {@code aggregate} command
 * on the local job runner: broken Parquet and HDF5 files (made here from good ones by cutting
 * or flipping bytes at offsets found through the Parquet footer or the HDF5 chunk index),
 * schemas that differ between files, unknown columns, every kind of expression error, options
 * that contradict each other and outputs that cannot be written.
 *
 * <p>For each case: the exit code (2 when the command finds it before the job, 1 when the job
 * fails); the error line (the last {@code lakemr aggregate:} line of stderr, followed by
 * nothing but the usage hint) names the file, option or column and what is wrong; no stack
 * trace on stderr; nothing at the output path and nothing left beside it. A damaged file whose
 * damage no reader can see is never in the corpus: every damaged case must be refused, except
 * the few marked as "refused or the same", whose result, when the command succeeds, must equal
 * the clean file's exactly.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCorpusTest {

  private static final String HINT = "(lakemr aggregate --help shows the options)";
  private static final List<String> PQ_QUERY = List.of("--group-by", "station", "--agg",
      "count(*),sum(value),sum(qty),max(ts)", "--output-format", "csv", "--reducers", "1");

  @TempDir
  static Path tmp;
  private Configuration conf;
  /** Good files the cases copy and damage. */
  private Path plain;
  private Path snappy;
  private Path filters;

  /** Sets up a case's input in its own directory and gives the command's arguments. */
  @FunctionalInterface
  interface Setup {
    List<String> args(Path dir) throws Exception;
  }

  /**
   * One kind of bad input: what the command must exit with and the words its error line must
   * hold; {@code clean}, for damaged data, is the same command over the undamaged file, and
   * {@code sameAllowed} lets the damaged run succeed when its result equals the clean one.
   */
  record Case(String name, int exit, Setup setup, List<String> words, Setup clean, boolean sameAllowed) {
    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  void writeGoodFiles() throws Exception {
    conf = LocalJobs.conf(tmp);
    Path fixtures = Paths.get(getClass().getResource("/hdf5/expected.json").toURI()).getParent();
    Path src = Files.createDirectories(tmp.resolve("good"));
    List<GenericRecord> rows = Readings.rows(6000, 11);
    plain = src.resolve("plain.parquet");
    ParquetFiles.write(plain, Readings.SCHEMA, rows, CompressionCodecName.UNCOMPRESSED, 64 * 1024);
    snappy = src.resolve("snappy.parquet");
    ParquetFiles.write(snappy, Readings.SCHEMA, rows, CompressionCodecName.SNAPPY, 64 * 1024);
    filters = src.resolve("filters.h5");
    Files.copy(fixtures.resolve("filters.h5"), filters);
  }

  Stream<Case> cases() {
    List<Case> all = new ArrayList<>();
    all.addAll(parquetFileCases());
    all.addAll(hdf5FileCases());
    all.addAll(schemaCases());
    all.addAll(expressionCases());
    all.addAll(optionCases());
    all.addAll(outputCases());
    return all.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void refusedWithOneLineNamingTheProblem(Case c) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("cases").resolve(c.name().replaceAll("[^A-Za-z0-9]+", "-")));
    List<String> args = new ArrayList<>(c.setup().args(dir));
    Path beside = Files.createDirectories(dir.resolve("out"));
    Path output = beside.resolve("result");
    if (args.contains("--output")) {
      output = Paths.get(args.get(args.indexOf("--output") + 1));
      beside = output.getParent() == null ? output : output.getParent();
    } else {
      args.addAll(List.of("--output", output.toString()));
    }
    List<String> before = names(beside);
    boolean existed = Files.exists(output);
    List<String> held = names(output);
    Commands.Result r = Commands.run(conf, "aggregate", args.toArray(new String[0]));
    if (r.exitCode() == 0 && c.sameAllowed()) {
      assertEquals(result(c.clean(), dir.resolve("clean")), Files.readString(output.resolve("part-r-00000.csv")),
          "damaged input read without an error must give the clean result");
      return;
    }
    assertEquals(c.exit(), r.exitCode(), r.toString());
    String line = errorLine(r);
    for (String w : c.words()) {
      assertTrue(line.contains(w), "'" + w + "' not in: " + line);
    }
    assertFalse(r.err().lines().anyMatch(l -> l.startsWith("\tat ") || l.contains("Exception:")),
        "stack trace on stderr:\n" + r.err());
    assertEquals(existed, Files.exists(output), output + " created or removed");
    assertEquals(held, names(output), "what " + output + " holds");
    assertEquals(before, names(beside), "left beside the output");
  }

  /** The last {@code lakemr aggregate:} line, which only the usage hint may follow. */
  private static String errorLine(Commands.Result r) {
    List<String> lines = new ArrayList<>(r.err().strip().lines().toList());
    if (!lines.isEmpty() && lines.get(lines.size() - 1).equals(HINT)) {
      lines.remove(lines.size() - 1);
    }
    String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
    assertTrue(last.startsWith("lakemr aggregate: "), "last line of stderr: " + r.err());
    assertEquals(1, lines.stream().filter(l -> l.startsWith("lakemr aggregate: ")).count(), "one error line: "
        + r.err());
    return last;
  }

  private static List<String> names(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  private String result(Setup clean, Path dir) throws Exception {
    List<String> args = new ArrayList<>(clean.args(Files.createDirectories(dir)));
    Path out = dir.resolve("out");
    args.addAll(List.of("--output", out.toString()));
    Commands.Result r = Commands.run(conf, "aggregate", args.toArray(new String[0]));
    assertEquals(0, r.exitCode(), "the clean input: " + r);
    return Files.readString(out.resolve("part-r-00000.csv"));
  }

  private List<Case> parquetFileCases() {
    return List.of(
        refused("parquet: zero-byte file", 2, d -> pq(withGood(d, "empty.parquet", new byte[0])),
            "not a Parquet file", "empty.parquet", "0 bytes"),
        refused("parquet: text with the .parquet suffix", 2,
            d -> pq(withGood(d, "notes.parquet", "station,value\nst-1,3\n".getBytes(StandardCharsets.UTF_8))),
            "notes.parquet", "not a Parquet file"),
        refused("parquet: nothing but the magic", 2,
            d -> pq(withGood(d, "magic.parquet", "PAR1".getBytes(StandardCharsets.US_ASCII))), "magic.parquet",
            "not a Parquet file"),
        refused("parquet: truncated footer", 2, d -> pq(cut(plain, d, "cut.parquet", Files.size(plain) - 30)),
            "not a Parquet file", "cut.parquet", "no PAR1 magic at the end"),
        refused("parquet: file cut in half", 2, d -> pq(cut(plain, d, "half.parquet", Files.size(plain) / 2)),
            "not a Parquet file", "half.parquet"),
        refused("parquet: footer length beyond the file", 2, d -> {
          Path f = copy(plain, d, "long-footer.parquet");
          writeAt(f, Files.size(f) - 8, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN)
              .putInt(Integer.MAX_VALUE / 2).array());
          return pq(f);
        }, "long-footer.parquet", "footer length"),
        refused("parquet: garbage in the footer", 2, d -> {
          Path f = copy(plain, d, "garbled.parquet");
          byte[] junk = new byte[24];
          Arrays.fill(junk, (byte) 0xFF);
          writeAt(f, footerStart(f) + 8, junk);
          return pq(f);
        }, "cannot read the Parquet footer", "garbled.parquet"),
        refused("parquet: truncated column chunk, footer intact", 1, d -> pq(truncatedChunk(d)),
            "short-chunk.parquet", "row group 0 of column ts"),
        refused("parquet: flipped byte in an uncompressed data page", 1,
            d -> pq(flipLastPageByte(plain, d, "flipped.parquet", "value")), "flipped.parquet", "column value", "CRC"),
        refused("parquet: flipped byte in a snappy data page", 1,
            d -> pq(flipLastPageByte(snappy, d, "flipped-snappy.parquet", "qty")), "flipped-snappy.parquet",
            "column qty", "CRC"),
        refused("parquet: flipped byte in a dictionary page", 1, d -> pq(flipDictionary(d)), "flipped-dict.parquet",
            "column station", "CRC"),
        refusedOrSame("parquet: flipped byte in a page header", 1, d -> {
          Path f = copy(plain, d, "flipped-header.parquet");
          ColumnChunkMetaData c = chunk(f, "qty");
          flip(f, c.getFirstDataPageOffset() + 3);
          return pq(f);
        }, d -> pq(plain), "flipped-header.parquet"));
  }

  private List<Case> hdf5FileCases() {
    return List.of(
        refused("hdf5: zero-byte file", 2, d -> h5(write(d, "empty.h5", new byte[0]), "/deflate"), "empty.h5",
            "not an HDF5 file"),
        refused("hdf5: text with the .h5 suffix", 2,
            d -> h5(write(d, "text.h5", "station,value\nst-1,3\n".getBytes(StandardCharsets.UTF_8)), "/deflate"),
            "text.h5", "not an HDF5 file"),
        refused("hdf5: damaged signature", 2, d -> {
          Path f = copy(filters, d, "nosig.h5");
          flip(f, 1);
          return h5(f, "/deflate");
        }, "nosig.h5", "not an HDF5 file"),
        refused("hdf5: cut inside the object headers", 2, d -> h5(cut(filters, d, "headers.h5", 600), "/deflate"),
            "headers.h5", "/deflate", "truncated"),
        refused("hdf5: chunk data cut off", 2, d -> {
          List<Hdf5Chunks.Stored> chunks = Hdf5Chunks.of(filters, "/deflate");
          Hdf5Chunks.Stored last = chunks.get(chunks.size() - 1);
          return h5(cut(filters, d, "short.h5", last.address() + last.size() / 2), "/deflate");
        }, "short.h5", "/deflate", "truncated"),
        refused("hdf5: flipped byte in a fletcher32 chunk", 1, d -> h5(flipChunk(d, "/fletcher32"), "/fletcher32"),
            "damaged.h5", "/fletcher32", "checksum",
            "rows 2000..2999"),
        refused("hdf5: flipped byte in a fletcher32+deflate chunk", 1,
            d -> h5(flipChunk(d, "/fletcher32_deflate"), "/fletcher32_deflate"), "damaged.h5", "/fletcher32_deflate",
            "checksum", "rows 2000..2999"),
        refusedOrSame("hdf5: flipped byte in a deflate chunk", 1, d -> h5(flipChunk(d, "/deflate"), "/deflate"),
            d -> h5(filters, "/deflate"), "damaged.h5", "/deflate", "deflate data"),
        refusedOrSame("hdf5: flipped byte in a shuffle+deflate chunk", 1,
            d -> h5(flipChunk(d, "/shuffle_deflate"), "/shuffle_deflate"), d -> h5(filters, "/shuffle_deflate"),
            "damaged.h5", "/shuffle_deflate", "deflate data"),
        refusedOrSame("hdf5: deflate stream zeroed at its end", 1, d -> {
          Path f = copy(filters, d, "zeroed.h5");
          Hdf5Chunks.Stored c = Hdf5Chunks.of(f, "/deflate").get(1);
          writeAt(f, c.address() + c.size() - 16, new byte[16]);
          return h5(f, "/deflate");
        }, d -> h5(filters, "/deflate"), "zeroed.h5", "/deflate", "rows 1000..1999"));
  }

  private List<Case> schemaCases() {
    return List.of(
        refused("parquet schema drift: a column changes type", 1, d -> pq(drift(d, "value", "string")),
            "b.parquet", "value", "is string, but the job reads it as double"),
        refused("parquet schema drift: a column goes missing", 1, d -> pq(drift(d, "value", null)),
            "b.parquet", "column value is missing"),
        refused("hdf5 schema drift: a dataset changes type", 2, d -> {
          Path in = Files.createDirectories(d.resolve("in"));
          copy(filters, in, "a.h5");
          try (WritableHdfFile w = HdfFile.write(in.resolve("b.h5"))) {
            w.putDataset("deflate", new double[] {1.5, 2.5});
          }
          return h5(in, "/deflate");
        }, "a.h5", "b.h5", "/deflate", "every file must hold the same columns"),
        refused("hdf5 schema drift: a dataset goes missing", 2, d -> {
          Path in = Files.createDirectories(d.resolve("in"));
          copy(filters, in, "a.h5");
          try (WritableHdfFile w = HdfFile.write(in.resolve("b.h5"))) {
            w.putDataset("other", new int[] {1, 2});
          }
          return h5(in, "/deflate");
        }, "b.h5", "no dataset /deflate"),
        refused("unknown --group-by column", 2, d -> args("--input", plain, "--group-by", "statoin", "--agg",
            "count(*)"), "--group-by", "statoin"),
        refused("unknown --agg column", 2, d -> args("--input", plain, "--agg", "sum(vlaue)"), "--agg", "vlaue"),
        refused("unknown --partition-by column", 2, d -> pq(plain, "--partition-by", "region"),
            "--partition-by", "unknown column 'region'"),
        refused("--partition-by a column that is not grouped", 2, d -> args("--input", plain, "--group-by", "station",
            "--agg", "count(*)", "--partition-by", "qty"), "--partition-by", "'qty' is not a result column"),
        refused("unknown HDF5 --columns column", 2, d -> h5(filters, "/deflate", "--columns", "deflate,nope"),
            "filters.h5", "column nope does not exist"),
        refused("missing HDF5 dataset", 2, d -> h5(filters, "/nope"), "filters.h5", "no dataset /nope"),
        refused("several HDF5 datasets and no --dataset", 2, d -> args("--input", filters, "--agg", "count(*)"),
            "filters.h5", "9 datasets", "--dataset"),
        refused("HDF5 option with Parquet input", 2, d -> pq(plain, "--dataset", "/t"), "--dataset is an HDF5 or Zarr option"),
        refused("one directory mixing Parquet and HDF5", 2, d -> {
          Path in = Files.createDirectories(d.resolve("in"));
          copy(plain, in, "a.parquet");
          copy(filters, in, "b.h5");
          return args("--input", in, "--agg", "count(*)");
        }, "mixes formats", "a.parquet", "b.h5"),
        refused("input path that does not exist", 2, d -> pq(d.resolve("nope")), "nope", "does not exist"));
  }

  private List<Case> expressionCases() {
    return List.of(
        refused("--where syntax error", 2, d -> pq(plain, "--where", "value >"), "--where: syntax error"),
        refused("--where unterminated string", 2, d -> pq(plain, "--where", "station = 'st-1"),
            "--where: unterminated string"),
        refused("--where unknown column", 2, d -> pq(plain, "--where", "vlaue > 3"), "--where: unknown column 'vlaue'"),
        refused("--where type error", 2, d -> pq(plain, "--where", "station - 3 > 0"), "--where", "needs a number"),
        refused("--where not a condition", 2, d -> pq(plain, "--where", "value + 1"), "--where", "not a condition"),
        refused("--derive bad function arity", 2, d -> pq(plain, "--derive", "s=substr(station)"),
            "--derive s", "substr takes 2 or 3 arguments"),
        refused("--derive unknown function", 2, d -> pq(plain, "--derive", "f=frobnicate(value)"),
            "--derive f", "unknown function 'frobnicate'"),
        refused("--derive without a name", 2, d -> pq(plain, "--derive", "value * 2"), "--derive",
            "not NAME=EXPRESSION"),
        refused("--derive type error", 2, d -> pq(plain, "--derive", "x=lower(value) * 2"), "--derive x",
            "needs a string"),
        refused("--derive bad window size", 2, d -> pq(plain, "--derive", "w=window_start(ts, 'fortnight')"),
            "--derive w", "window size 'fortnight'"),
        refused("--window bad size", 2, d -> pq(plain, "--window", "ts:5x"), "--window:", "window size '5x'"),
        refused("--window over a string column", 2, d -> pq(plain, "--window", "station:1h"), "--window:",
            "station"),
        refused("--agg unknown aggregate", 2, d -> args("--input", plain, "--agg", "median(value)"), "--agg",
            "unknown aggregate function 'median'"),
        refused("--agg malformed", 2, d -> args("--input", plain, "--agg", "sum(value"), "--agg", "malformed"),
        refused("--agg sum of a string column", 2, d -> args("--input", plain, "--agg", "sum(station)"),
            "sum(station) needs a numeric column"),
        refused("--agg quantile out of range", 2, d -> args("--input", plain, "--agg", "approx_quantile(value, 1.5)"),
            "approx_quantile", "1.5", "between 0 and 1"));
  }

  private List<Case> optionCases() {
    return List.of(
        refused("--limit without --order-by", 2, d -> pq(plain, "--limit", "5"), "--limit", "--order-by"),
        refused("--limit with --partition-by", 2, d -> pq(plain, "--order-by", "count", "--limit", "5",
            "--partition-by", "station"), "--limit", "--partition-by"),
        refused("--limit zero", 2, d -> pq(plain, "--order-by", "count", "--limit", "0"), "--limit",
            "below the least allowed value 1"),
        refused("--order-by unknown column", 2, d -> pq(plain, "--order-by", "nope"), "--order-by",
            "unknown column 'nope'"),
        refused("--order-by bad direction", 2, d -> pq(plain, "--order-by", "count SIDEWAYS"), "--order-by",
            "SIDEWAYS"),
        refused("unknown --mode", 2, d -> pq(plain, "--mode", "replace"), "--mode", "unknown mode 'replace'"),
        refused("--mode overwrite-partitions without --partition-by", 2,
            d -> pq(plain, "--mode", "overwrite-partitions"), "overwrite-partitions", "--partition-by"),
        refused("unknown --output-format", 2, d -> pq(plain, "--output-format", "xlsx"), "--output-format",
            "unknown format 'xlsx'"),
        refused("--compression for CSV", 2, d -> pq(plain, "--compression", "snappy"), "--compression", "snappy"),
        refused("--compression unknown to Parquet", 2, d -> pq(plain, "--output-format", "parquet",
            "--compression", "lzo"), "--compression", "lzo"),
        refused("--compression of another format", 2, d -> pq(plain, "--output-format", "avro",
            "--compression", "zstd"), "--compression", "zstd"),
        refused("--reducers zero", 2, d -> pq(plain, "--reducers", "0"), "--reducers",
            "below the least allowed value 1"),
        refused("--reducers not a number", 2, d -> pq(plain, "--reducers", "many"), "--reducers",
            "'many' is not a whole number"),
        refused("unknown --format", 2, d -> pq(plain, "--format", "orc"), "--format", "unknown input format 'orc'"),
        refused("--format hdf5 over Parquet files", 2, d -> pq(plain, "--format", "hdf5"), "plain.parquet",
            "not an HDF5 file"),
        refused("unknown --layout", 2, d -> h5(filters, "/deflate", "--layout", "diagonal"), "--layout",
            "diagonal"),
        refused("unknown option", 2, d -> pq(plain, "--frobnicate", "1"), "unknown option --frobnicate"));
  }

  private List<Case> outputCases() {
    return List.of(
        refused("--output under a regular file", 2, d -> {
          Path file = Files.writeString(d.resolve("file.txt"), "keep");
          return pq(plain, "--output", file.resolve("out").toString());
        }, "--output", "file.txt", "which is a file, not a directory"),
        refused("--output is a regular file", 2, d -> {
          Path file = Files.writeString(d.resolve("file.txt"), "keep");
          return pq(plain, "--output", file.toString(), "--mode", "overwrite");
        }, "--output", "file.txt", "is a file, not a directory"),
        refused("--output is a file-system root", 2, d -> pq(plain, "--output", "/"), "--output",
            "is a file system root"),
        refused("--output exists in error mode", 2, d -> {
          Path out = Files.createDirectories(d.resolve("exists"));
          Files.writeString(out.resolve("keep.txt"), "keep");
          return pq(plain, "--output", out.toString());
        }, "--output", "already exists"));
  }

  /** Two Parquet files, the second with one column of another type or none at all. */
  private Path drift(Path dir, String column, String type) throws IOException {
    Path in = Files.createDirectories(dir.resolve("in"));
    copy(plain, in, "a.parquet");
    SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("reading").fields();
    for (Schema.Field f : Readings.SCHEMA.getFields()) {
      if (!f.name().equals(column)) {
        fields = fields.name(f.name()).type(f.schema()).noDefault();
      } else if (type != null) {
        fields = fields.name(f.name()).type().optional().type(type);
      }
    }
    Schema other = fields.endRecord();
    List<GenericRecord> rows = new ArrayList<>();
    for (GenericRecord g : Readings.rows(100, 3)) {
      GenericRecord o = new GenericData.Record(other);
      for (Schema.Field f : other.getFields()) {
        Object v = g.get(f.name());
        o.put(f.name(), f.name().equals(column) && v != null ? v.toString() : v);
      }
      rows.add(o);
    }
    ParquetFiles.write(in.resolve("b.parquet"), other, rows, CompressionCodecName.SNAPPY, 64 * 1024);
    return in;
  }

  private static List<String> args(Object... parts) {
    return Arrays.stream(parts).map(Object::toString).toList();
  }

  private static List<String> pq(Path input, String... more) {
    List<String> args = new ArrayList<>(List.of("--input", input.toString()));
    args.addAll(PQ_QUERY);
    args.addAll(List.of(more));
    return args;
  }

  private static List<String> h5(Path input, String dataset, String... more) {
    String column = dataset.substring(1);
    List<String> args = new ArrayList<>(List.of("--input", input.toString(), "--dataset", dataset, "--agg",
        "count(*),sum(" + column + "),min(" + column + "),max(" + column + ")", "--output-format", "csv",
        "--reducers", "1"));
    args.addAll(List.of(more));
    return args;
  }

  /** A directory holding a good Parquet file and a bad one. */
  private Path withGood(Path dir, String name, byte[] bad) throws IOException {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.copy(plain, in.resolve("good.parquet"));
    Files.write(in.resolve(name), bad);
    return in;
  }

  /** Flips a byte in the middle of the station column's dictionary page. */
  private Path flipDictionary(Path dir) throws IOException {
    Path f = copy(plain, dir, "flipped-dict.parquet");
    ColumnChunkMetaData c = chunk(f, "station");
    long dict = c.getDictionaryPageOffset();
    assertTrue(c.hasDictionaryPage() && c.getFirstDataPageOffset() - dict > 64, "a dictionary page: " + c);
    flip(f, (dict + c.getFirstDataPageOffset()) / 2);
    return f;
  }

  /** The data cut inside the last column chunk of the first row group, the footer kept whole. */
  private Path truncatedChunk(Path dir) throws IOException {
    ColumnChunkMetaData c = chunk(plain, "ts");
    byte[] all = Files.readAllBytes(plain);
    int footer = (int) footerStart(plain);
    int keep = (int) (c.getStartingPos() + c.getTotalSize() / 2);
    byte[] out = new byte[keep + all.length - footer];
    System.arraycopy(all, 0, out, 0, keep);
    System.arraycopy(all, footer, out, keep, all.length - footer);
    return write(dir, "short-chunk.parquet", out);
  }

  /** filters.h5 with one byte flipped in the middle of a dataset's third stored chunk. */
  private Path flipChunk(Path dir, String dataset) throws IOException {
    Path f = copy(filters, dir, "damaged.h5");
    Hdf5Chunks.Stored c = Hdf5Chunks.of(f, dataset).get(2);
    flip(f, c.address() + c.size() / 2);
    return f;
  }

  private static Case refused(String name, int exit, Setup setup, String... words) {
    return new Case(name, exit, setup, List.of(words), null, false);
  }

  private static Case refusedOrSame(String name, int exit, Setup setup, Setup clean, String... words) {
    return new Case(name, exit, setup, List.of(words), clean, true);
  }
}
