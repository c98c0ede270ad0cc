package io.lakemr.formats.output;

import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.BatchRow;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.Decimals;
import io.lakemr.data.Schemas;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.hadoop.api.WriteSupport;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.RecordConsumer;
import org.apache.parquet.schema.MessageType;

/**
 * Writes the row a {@link BatchRow} points at straight from the batch's column vectors to
 * parquet's {@link RecordConsumer}: no record object is made per row.
 *
 * <p>The Parquet schema is what parquet-avro's {@link AvroSchemaConverter} makes of the Avro
 * record schema of the columns ({@link Schemas#record}, every field nullable), and that Avro
 * schema is stored in the footer under {@value #AVRO_SCHEMA_KEY}, so files read back through
 * {@code AvroParquetReader} with exactly that schema. A field is written only when the value
 * is not null, as an optional field should be.
 */
final class BatchWriteSupport extends WriteSupport<BatchRow> {

  /** The footer key parquet-avro reads the Avro schema from. */
  static final String AVRO_SCHEMA_KEY = "parquet.avro.schema";

  /** The Avro record name of output rows. */
  static final String RECORD_NAME = "row";

  private final Schema avroSchema;
  private final MessageType parquetSchema;
  private final String[] names;
  private final ColumnType[] types;
  private RecordConsumer consumer;

  BatchWriteSupport(List<Column> columns) {
    this.avroSchema = Schemas.record(RECORD_NAME, columns);
    this.parquetSchema = new AvroSchemaConverter().convert(avroSchema);
    this.names = new String[columns.size()];
    this.types = new ColumnType[columns.size()];
    for (int i = 0; i < names.length; i++) {
      names[i] = columns.get(i).name();
      types[i] = columns.get(i).type();
    }
  }

  MessageType parquetSchema() {
    return parquetSchema;
  }

  @Override
  public String getName() {
    return "lakemr";
  }

  @Override
  public WriteContext init(Configuration configuration) {
    Map<String, String> meta = new HashMap<>(OutputMetadata.get(configuration));
    String source = configuration.get(LakemrConfig.OUTPUT_SOURCE_FILE);
    if (source != null) {
      meta.put(OutputMetadata.SOURCE_FILE, source);
    }
    meta.put(AVRO_SCHEMA_KEY, avroSchema.toString());
    return new WriteContext(parquetSchema, meta);
  }

  @Override
  public void prepareForWrite(RecordConsumer recordConsumer) {
    this.consumer = recordConsumer;
  }

  @Override
  public void write(BatchRow row) {
    RecordConsumer rc = consumer;
    rc.startMessage();
    for (int c = 0; c < names.length; c++) {
      if (row.isNull(c)) {
        continue;
      }
      rc.startField(names[c], c);
      switch (types[c]) {
        case BOOLEAN:
          rc.addBoolean(row.getLong(c) != 0);
          break;
        case INT:
        case DATE:
          rc.addInteger((int) row.getLong(c));
          break;
        case LONG:
        case TIMESTAMP:
          rc.addLong(row.getLong(c));
          break;
        case FLOAT:
          rc.addFloat((float) row.getDouble(c));
          break;
        case DOUBLE:
          rc.addDouble(row.getDouble(c));
          break;
        case DECIMAL:
          rc.addBinary(Binary.fromConstantByteArray(Decimals.unscaledBytes(row.getDecimal(c), row.decimalScale(c))));
          break;
        case STRING:
        case BYTES:
          // The writers copy the bytes when they keep them (dictionary, statistics).
          rc.addBinary(Binary.fromReusedByteArray(row.bytes(c), row.bytesStart(c),
              row.bytesLength(c)));
          break;
        default:
          throw new AssertionError(types[c]);
      }
      rc.endField(names[c], c);
    }
    rc.endMessage();
  }
}
