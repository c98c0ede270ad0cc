package io.lakemr.formats.output;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.BatchRow;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.Decimals;
import io.lakemr.data.Schemas;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * Writes rows to an Avro object container file, with the record schema the Parquet output
 * carries in its footer ({@link Schemas#record}: record {@code io.lakemr.row}, every field a
 * union of null and its type; date as {@code int (date)}, timestamp as
 * {@code long (timestamp-millis)}). Any Avro reader ({@code DataFileReader}, avro-tools,
 * Spark, pandas through fastavro) reads it.
 *
 * <p>Blocks are compressed with {@link LakemrConfig#OUTPUT_AVRO_CODEC}: {@code snappy} (the
 * default), {@code deflate} or {@code none}. Rows are encoded straight from the batch's
 * column vectors; no record object is made per row.
 */
public final class AvroBatchWriter implements BatchWriter {

  private final Path file;
  private final DataFileWriter<BatchRow> writer;
  private final FSDataOutputStream stream;
  private final BatchRow row = new BatchRow();
  private final int columnCount;
  private long rows;
  private boolean closed;

  /** Creates {@code file} (it must not exist), with the codec read from {@code conf}. */
  public AvroBatchWriter(Configuration conf, Path file, List<Column> columns) throws IOException {
    this.file = file;
    this.columnCount = columns.size();
    Schema schema = Schemas.record(BatchWriteSupport.RECORD_NAME, columns);
    CodecFactory codec = codec(conf.get(LakemrConfig.OUTPUT_AVRO_CODEC, LakemrConfig.OUTPUT_AVRO_CODEC_DEFAULT));
    FSDataOutputStream out = file.getFileSystem(conf).create(file, false);
    this.stream = out;
    try {
      this.writer = new DataFileWriter<>(new RowDatumWriter(columns)).setCodec(codec).create(schema, out);
    } catch (IOException | RuntimeException e) {
      out.close();
      throw e;
    }
  }

  /**
   * The Avro codec a user named: {@code snappy}, {@code deflate} or {@code none}.
   *
   * @throws BadInputException for any other name
   */
  public static CodecFactory codec(String name) {
    switch (name == null ? "" : name.trim().toLowerCase(Locale.ROOT)) {
      case "snappy":
        return CodecFactory.snappyCodec();
      case "deflate":
        return CodecFactory.deflateCodec(CodecFactory.DEFAULT_DEFLATE_LEVEL);
      case "none":
      case "null":
        return CodecFactory.nullCodec();
      default:
        throw new BadInputException("--compression: Avro output takes snappy, deflate or none, not '" + name + "'");
    }
  }

  @Override
  public void write(VectorizedRowBatch batch) throws IOException {
    if (closed) {
      throw new IOException("Avro writer of " + file + " is closed");
    }
    if (batch.numCols < columnCount) {
      throw new IllegalArgumentException("batch has " + batch.numCols + " columns, " + file + " has " + columnCount);
    }
    row.of(batch);
    int n = batch.size;
    for (int j = 0; j < n; j++) {
      writer.append(row.at(batch.selectedInUse ? batch.selected[j] : j));
    }
    rows += n;
  }

  @Override
  public long rowsWritten() {
    return rows;
  }

  /** The bytes in the file so far; the block being filled (at most the sync interval) is not counted. */
  @Override
  public long bytesWritten() {
    return stream.getPos();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    writer.close();
  }

  /** Encodes the row a {@link BatchRow} points at: per field, the union branch, then the value. */
  private static final class RowDatumWriter implements DatumWriter<BatchRow> {

    private final ColumnType[] types;

    RowDatumWriter(List<Column> columns) {
      types = new ColumnType[columns.size()];
      for (int i = 0; i < types.length; i++) {
        types[i] = columns.get(i).type();
      }
    }

    @Override
    public void setSchema(Schema schema) {
      // the schema is the one made from the columns in the constructor
    }

    @Override
    public void write(BatchRow r, Encoder out) throws IOException {
      for (int c = 0; c < types.length; c++) {
        if (r.isNull(c)) {
          out.writeIndex(0);
          continue;
        }
        out.writeIndex(1);
        switch (types[c]) {
          case BOOLEAN:
            out.writeBoolean(r.getLong(c) != 0);
            break;
          case INT:
          case DATE:
            out.writeInt((int) r.getLong(c));
            break;
          case LONG:
          case TIMESTAMP:
            out.writeLong(r.getLong(c));
            break;
          case FLOAT:
            out.writeFloat((float) r.getDouble(c));
            break;
          case DOUBLE:
            out.writeDouble(r.getDouble(c));
            break;
          case DECIMAL:
            out.writeBytes(Decimals.unscaledBytes(r.getDecimal(c), r.decimalScale(c)));
            break;
          case STRING:
          case BYTES:
            // Avro encodes a string as its UTF-8 bytes exactly as it encodes bytes
            out.writeBytes(r.bytes(c), r.bytesStart(c), r.bytesLength(c));
            break;
          default:
            throw new AssertionError(types[c]);
        }
      }
    }
  }
}
