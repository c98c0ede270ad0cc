package io.lakemr.formats;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.MessageTypeParser;

/**
 * Writes the decimal fixtures of {@code src/test/resources/decimal/}: {@code decimals.parquet}
 * (written by parquet-java, one decimal column per physical type: int32, int64,
 * fixed_len_byte_array and binary), {@code decimals.avro} (written by Avro, decimals as bytes and
 * as fixed), and {@code expected.json}: per column the count, exact sum, min, max and average
 * (Spark's types: a sum keeps the scale, an average has four more digits, rounded half up),
 * computed here from the in-memory {@link BigDecimal}s, never by reading the files back.
 *
 * <p>Run from the project folder once the test classes are compiled:
 * {@code mvn -q -o dependency:build-classpath -Dmdep.outputFile=target/test.classpath -Dmdep.includeScope=test},
 * then {@code java -cp target/test-classes:target/classes:$(cat target/test.classpath)
 * io.lakemr.formats.DecimalFixtures src/test/resources/decimal}.
 */
public final class DecimalFixtures {

  static final int ROWS = 2_000;
  static final String[] STATIONS = {"north", "south", "east"};

  /** name, precision, scale, Parquet physical type (or Avro bytes/fixed). */
  record Spec(String name, int precision, int scale, String storage) {
  }

  static final List<Spec> PARQUET = List.of(new Spec("d32", 9, 2, "int32"), new Spec("d64", 18, 4, "int64"),
      new Spec("dfix", 25, 3, "fixed_len_byte_array(11)"), new Spec("dbin", 30, 5, "binary"));
  static final List<Spec> AVRO = List.of(new Spec("amount", 20, 4, "bytes"), new Spec("price", 12, 2, "fixed"));

  private DecimalFixtures() {
  }

  public static void main(String[] args) throws IOException {
    File dir = new File(args[0]);
    ObjectMapper json = new ObjectMapper();
    ObjectNode expected = json.createObjectNode();
    BigDecimal[][] parquet = values(PARQUET, 42);
    writeParquet(new File(dir, "decimals.parquet"), parquet);
    ObjectNode parquetExpected = expectations(json, PARQUET, parquet);
    parquetExpected.set("by_grade", byGrade(json, parquet));
    expected.set("decimals.parquet", parquetExpected);
    BigDecimal[][] avro = values(AVRO, 7);
    writeAvro(new File(dir, "decimals.avro"), avro);
    expected.set("decimals.avro", expectations(json, AVRO, avro));
    json.writerWithDefaultPrettyPrinter().writeValue(new File(dir, "expected.json"), expected);
  }

  /** Per row, per column: a value using most of the column's digits, some negative, every 17th null. */
  static BigDecimal[][] values(List<Spec> specs, long seed) {
    Random random = new Random(seed);
    BigDecimal[][] rows = new BigDecimal[ROWS][specs.size()];
    for (int r = 0; r < ROWS; r++) {
      for (int c = 0; c < specs.size(); c++) {
        Spec s = specs.get(c);
        if ((r + c) % 17 == 0) {
          continue;
        }
        BigInteger unscaled = new BigInteger(s.precision() * 3, random).mod(BigInteger.TEN.pow(s.precision()));
        rows[r][c] = new BigDecimal(random.nextInt(3) == 0 ? unscaled.negate() : unscaled, s.scale());
      }
    }
    return rows;
  }

  /** The Parquet fixture's grade column, decimal(3,1) as int32: four values, and null every 11th row. */
  static BigDecimal grade(int row) {
    return row % 11 == 0 ? null : BigDecimal.valueOf((row % 4) * 25L - 15, 1);
  }

  /** Per grade (in order, null first): rows and the exact sum of d64. */
  private static ObjectNode byGrade(ObjectMapper json, BigDecimal[][] rows) {
    TreeMap<String, BigDecimal[]> groups = new TreeMap<>();
    for (int r = 0; r < rows.length; r++) {
      BigDecimal g = grade(r);
      BigDecimal[] countSum = groups.computeIfAbsent(g == null ? "" : g.toPlainString(),
          k -> new BigDecimal[] {BigDecimal.ZERO, BigDecimal.ZERO.setScale(4)});
      countSum[0] = countSum[0].add(BigDecimal.ONE);
      if (rows[r][1] != null) {
        countSum[1] = countSum[1].add(rows[r][1]);
      }
    }
    ObjectNode out = json.createObjectNode();
    groups.forEach((g, cs) -> out.putArray(g).add(cs[0].toPlainString()).add(cs[1].toPlainString()));
    return out;
  }

  static String station(int row) {
    return STATIONS[row % STATIONS.length];
  }

  private static ObjectNode expectations(ObjectMapper json, List<Spec> specs, BigDecimal[][] rows) {
    ObjectNode out = json.createObjectNode();
    out.put("rows", rows.length);
    for (int c = 0; c < specs.size(); c++) {
      Spec s = specs.get(c);
      BigDecimal sum = BigDecimal.ZERO.setScale(s.scale());
      BigDecimal min = null;
      BigDecimal max = null;
      long count = 0;
      for (BigDecimal[] row : rows) {
        BigDecimal v = row[c];
        if (v != null) {
          sum = sum.add(v);
          min = min == null || v.compareTo(min) < 0 ? v : min;
          max = max == null || v.compareTo(max) > 0 ? v : max;
          count++;
        }
      }
      ObjectNode col = out.putObject(s.name());
      col.put("type", "decimal(" + s.precision() + "," + s.scale() + ")");
      col.put("count", count);
      col.put("sum", sum.toPlainString());
      col.put("sum_type", "decimal(" + Math.min(38, s.precision() + 10) + "," + s.scale() + ")");
      col.put("min", min.toPlainString());
      col.put("max", max.toPlainString());
      col.put("avg", sum.divide(BigDecimal.valueOf(count), Math.min(38, s.scale() + 4), RoundingMode.HALF_UP)
          .toPlainString());
      col.put("avg_type", "decimal(" + Math.min(38, s.precision() + 4) + "," + Math.min(38, s.scale() + 4) + ")");
      // a filter on the column: rows over (about) its median value, and their sum
      int column = c;
      BigDecimal[] sorted = Arrays.stream(rows).map(r -> r[column]).filter(v -> v != null)
          .sorted().toArray(BigDecimal[]::new);
      BigDecimal cut = sorted[sorted.length / 2].setScale(1, RoundingMode.DOWN); // more digits than a double holds
      long over = 0;
      BigDecimal overSum = BigDecimal.ZERO.setScale(s.scale());
      for (BigDecimal v : sorted) {
        if (v.compareTo(cut) > 0) {
          over++;
          overSum = overSum.add(v);
        }
      }
      col.put("cut", cut.toPlainString());
      col.put("count_over_cut", over);
      col.put("sum_over_cut", overSum.toPlainString());
    }
    return out;
  }

  private static void writeParquet(File file, BigDecimal[][] rows) throws IOException {
    StringBuilder schema = new StringBuilder("message decimals {\n  required binary station (STRING);\n"
        + "  optional int32 grade (DECIMAL(3,1));\n");
    for (Spec s : PARQUET) {
      schema.append("  optional ").append(s.storage()).append(' ').append(s.name()).append(" (DECIMAL(")
          .append(s.precision()).append(',').append(s.scale()).append("));\n");
    }
    MessageType type = MessageTypeParser.parseMessageType(schema.append('}').toString());
    file.delete();
    SimpleGroupFactory groups = new SimpleGroupFactory(type);
    try (ParquetWriter<Group> w = ExampleParquetWriter.builder(new Path(file.toURI())).withType(type)
        .withConf(new Configuration()).withRowGroupSize(16 * 1024).withDictionaryEncoding(false).build()) {
      for (int r = 0; r < rows.length; r++) {
        Group g = groups.newGroup().append("station", station(r));
        if (grade(r) != null) {
          g.append("grade", grade(r).unscaledValue().intValueExact());
        }
        for (int c = 0; c < PARQUET.size(); c++) {
          BigDecimal v = rows[r][c];
          if (v == null) {
            continue;
          }
          Spec s = PARQUET.get(c);
          if (s.storage().equals("int32")) {
            g.append(s.name(), v.unscaledValue().intValueExact());
          } else if (s.storage().equals("int64")) {
            g.append(s.name(), v.unscaledValue().longValueExact());
          } else {
            byte[] b = v.unscaledValue().toByteArray();
            g.append(s.name(), Binary.fromConstantByteArray(s.storage().equals("binary") ? b : padded(b, 11)));
          }
        }
        w.write(g);
      }
    }
  }

  /** Sign-extends two's-complement bytes to {@code size} bytes. */
  private static byte[] padded(byte[] b, int size) {
    byte[] out = new byte[size];
    Arrays.fill(out, 0, size - b.length, (byte) (b[0] < 0 ? -1 : 0));
    System.arraycopy(b, 0, out, size - b.length, b.length);
    return out;
  }

  private static void writeAvro(File file, BigDecimal[][] rows) throws IOException {
    Schema amount = LogicalTypes.decimal(20, 4).addToSchema(Schema.create(Schema.Type.BYTES));
    Schema price = LogicalTypes.decimal(12, 2).addToSchema(Schema.createFixed("price6", null, "fixtures", 6));
    Schema schema = SchemaBuilder.record("reading").namespace("fixtures").fields()
        .requiredString("station")
        .name("amount").type(Schema.createUnion(Schema.create(Schema.Type.NULL), amount)).withDefault(null)
        .name("price").type(Schema.createUnion(Schema.create(Schema.Type.NULL), price)).withDefault(null)
        .endRecord();
    Conversions.DecimalConversion conversion = new Conversions.DecimalConversion();
    List<GenericRecord> records = new ArrayList<>();
    for (int r = 0; r < rows.length; r++) {
      GenericRecord rec = new GenericData.Record(schema);
      rec.put("station", station(r));
      BigDecimal a = rows[r][0];
      BigDecimal p = rows[r][1];
      rec.put("amount", a == null ? null : (ByteBuffer) conversion.toBytes(a, amount, amount.getLogicalType()));
      rec.put("price", p == null ? null : conversion.toFixed(p, price, price.getLogicalType()));
      records.add(rec);
    }
    try (DataFileWriter<GenericRecord> w = new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema))) {
      w.setSyncInterval(4096);
      w.create(schema, file);
      for (GenericRecord rec : records) {
        w.append(rec);
      }
    }
  }
}
