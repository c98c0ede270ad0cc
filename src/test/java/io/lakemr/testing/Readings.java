package io.lakemr.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * Sensor readings for damaged-input tests: a long id, a nullable string, double and int, and a
 * millisecond timestamp, with some nulls in each nullable column.
 */
public final class Readings {

  /** The readings' schema. */
  public static final Schema SCHEMA = SchemaBuilder.record("reading").fields()
      .requiredLong("id")
      .optionalString("station")
      .optionalDouble("value")
      .optionalInt("qty")
      .name("ts").type(LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG))).noDefault()
      .endRecord();

  private Readings() {
  }

  /** {@code n} readings; the same seed gives the same rows. */
  public static List<GenericRecord> rows(int n, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    List<GenericRecord> rows = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      GenericRecord g = new GenericData.Record(SCHEMA);
      g.put("id", (long) i);
      g.put("station", r.nextInt(30) == 0 ? null : "st-" + r.nextInt(20));
      g.put("value", r.nextInt(20) == 0 ? null : r.nextDouble() * 100);
      g.put("qty", r.nextInt(10) == 0 ? null : r.nextInt(-500, 500));
      g.put("ts", 1_767_225_600_000L + r.nextLong(30L * 86_400_000));
      rows.add(g);
    }
    return rows;
  }
}
