package io.lakemr.formats.avro;

import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.Schemas;
import io.lakemr.formats.FileRange;
import io.lakemr.formats.badrecords.RecordCounters;
import io.lakemr.formats.text.NestedColumns;
import io.lakemr.formats.text.RangeReader;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.BiConsumer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.util.Utf8;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.hive.serde2.io.HiveDecimalWritable;

/**
 * Reads one byte range of an Avro object container file into batches, through Avro's
 * {@link DataFileReader} with one reused record. It knows nothing of MapReduce.
 *
 * <p>Boundary rule (as Avro's own MapReduce reader): a range owns the blocks whose sync marker
 * it holds, that is it starts at the first sync marker after its start and reads until it has
 * passed the first sync marker after its end. Records are read with the file's schema, or with
 * a reader schema resolved against it by Avro's rules. Nested records are read into
 * {@code outer_inner} columns; a null union branch is a null value; dates stay days, and
 * {@code timestamp-micros} values become milliseconds (rounded down).
 */
public final class AvroBatchReader implements RangeReader {

  private final String file;
  private final DataFileReader<IndexedRecord> reader;
  private final long start;
  private final long end;
  private final ColumnType[] types;
  private final String[] columnNames;
  private final boolean[] micros;
  private final int[][] paths;
  private final byte[][] partitionValues;
  private final BiConsumer<RecordCounters, Long> counters;
  private IndexedRecord record;
  private boolean exhausted;

  /**
   * @param readerSchema the schema to read records as, or null for the file's own
   * @param columns the batch's columns, in order: flattened record columns or partition columns
   * @param partitionColumns names of the partition columns of the range's partition values
   * @param counters receives counter increments
   * @throws IOException naming the file and column when a column is not in the schema
   */
  public AvroBatchReader(Configuration conf, FileRange range, Schema readerSchema, List<Column> columns,
      List<String> partitionColumns, BiConsumer<RecordCounters, Long> counters) throws IOException {
    this.file = range.path().toString();
    this.counters = counters;
    GenericDatumReader<IndexedRecord> datumReader = new GenericDatumReader<>(null, readerSchema, GenericData.get());
    this.reader = new DataFileReader<>(new AvroFsInput(range.path(), conf), datumReader);
    try {
      Schema schema = readerSchema != null ? readerSchema : reader.getSchema();
      NestedColumns nested = NestedColumns.of(schema);
      int n = columns.size();
      this.types = new ColumnType[n];
      this.columnNames = columns.stream().map(Column::name).toArray(String[]::new);
      this.micros = new boolean[n];
      this.paths = new int[n][];
      this.partitionValues = new byte[n][];
      for (int c = 0; c < n; c++) {
        Column col = columns.get(c);
        types[c] = col.type();
        int p = partitionColumns.indexOf(col.name());
        if (p >= 0) {
          String v = range.partitionValues().get(p);
          partitionValues[c] = v == null ? null : v.getBytes(StandardCharsets.UTF_8);
          continue;
        }
        int at = indexOf(nested.columns(), col.name());
        if (at < 0) {
          String why = nested.unreadable().get(col.name());
          throw new IOException(file + ": column " + col.name()
              + (why != null ? " cannot be read: " + why : " is not in the file's schema"));
        }
        paths[c] = nested.paths().get(at);
        micros[c] = isMicros(schema, paths[c]);
      }
      this.start = range.start();
      this.end = range.end();
      reader.sync(start);
    } catch (IOException | RuntimeException e) {
      reader.close();
      throw e;
    }
  }

  private static int indexOf(List<Column> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isMicros(Schema record, int[] path) {
    Schema s = record;
    for (int i : path) {
      s = Schemas.nonNull(Schemas.nonNull(s).getFields().get(i).schema());
    }
    return s.getLogicalType() != null && "timestamp-micros".equals(s.getLogicalType().getName());
  }

  /**
   * Fills the batch with the next rows (resetting it first).
   *
   * @return false when the range has no more rows (the batch is then empty)
   */
  @Override
  public boolean next(VectorizedRowBatch batch) throws IOException {
    batch.reset();
    int max = batch.getMaxSize();
    int r = 0;
    try {
      while (r < max && !exhausted) {
        if (!reader.hasNext() || reader.pastSync(end)) {
          exhausted = true;
          break;
        }
        record = reader.next(record);
        fillRow(batch.cols, r);
        r++;
      }
    } catch (AvroRuntimeException e) {
      throw new IOException(file + ": block before byte " + reader.previousSync() + ": " + e.getMessage(), e);
    }
    for (int c = 0; c < types.length; c++) {
      if (paths[c] == null) {
        fillConstant(batch.cols[c], partitionValues[c]);
      }
    }
    batch.size = r;
    counters.accept(RecordCounters.RECORDS_READ, (long) r);
    return r > 0;
  }

  private static void fillConstant(ColumnVector v, byte[] value) {
    v.isRepeating = true;
    if (value == null) {
      v.noNulls = false;
      v.isNull[0] = true;
    } else {
      ((BytesColumnVector) v).setRef(0, value, 0, value.length);
    }
  }

  private void fillRow(ColumnVector[] cols, int r) {
    for (int c = 0; c < types.length; c++) {
      int[] path = paths[c];
      if (path == null) {
        continue;
      }
      Object v = record;
      for (int i = 0; i < path.length && v != null; i++) {
        v = ((IndexedRecord) v).get(path[i]);
      }
      ColumnVector vec = cols[c];
      if (v == null) {
        vec.noNulls = false;
        vec.isNull[r] = true;
        continue;
      }
      vec.isNull[r] = false;
      set(vec, r, c, v);
    }
  }

  private void set(ColumnVector vec, int r, int c, Object v) {
    switch (types[c].vectorType()) {
      case LONG -> {
        long x = v instanceof Boolean b ? (b ? 1 : 0) : ((Number) v).longValue();
        ((LongColumnVector) vec).vector[r] = micros[c] ? Math.floorDiv(x, 1000L) : x;
      }
      case DOUBLE -> ((DoubleColumnVector) vec).vector[r] = ((Number) v).doubleValue();
      case DECIMAL -> setDecimal((DecimalColumnVector) vec, r, c, v);
      default -> setBytes((BytesColumnVector) vec, r, v);
    }
  }

  /** An Avro decimal (bytes or fixed: the unscaled value, big-endian two's complement). */
  private void setDecimal(DecimalColumnVector vec, int r, int c, Object v) {
    byte[] b;
    if (v instanceof GenericFixed f) {
      b = f.bytes();
    } else {
      ByteBuffer d = ((ByteBuffer) v).duplicate();
      b = new byte[d.remaining()];
      d.get(b);
    }
    HiveDecimalWritable w = vec.vector[r];
    w.setFromBigIntegerBytesAndScale(b, 0, b.length, vec.scale);
    if (!w.isSet() || !w.mutateEnforcePrecisionScale(vec.precision, vec.scale)) {
      throw new AvroRuntimeException("column " + columnNames[c] + ": a value does not fit decimal("
          + vec.precision + "," + vec.scale + ")");
    }
  }

  private static void setBytes(BytesColumnVector vec, int r, Object v) {
    if (v instanceof Utf8 u) {
      vec.setVal(r, u.getBytes(), 0, u.getByteLength());
    } else if (v instanceof ByteBuffer bb) {
      ByteBuffer d = bb.duplicate();
      byte[] b = new byte[d.remaining()];
      d.get(b);
      vec.setVal(r, b, 0, b.length);
    } else if (v instanceof GenericFixed f) {
      vec.setVal(r, f.bytes(), 0, f.bytes().length);
    } else {
      byte[] b = v.toString().getBytes(StandardCharsets.UTF_8);
      vec.setVal(r, b, 0, b.length);
    }
  }

  /** Share of the range read, 0 to 1. */
  @Override
  public float progress() {
    if (exhausted || end <= start) {
      return 1f;
    }
    return Math.min(1f, Math.max(0f, (float) (reader.previousSync() - start) / (end - start)));
  }

  @Override
  public void close() throws IOException {
    reader.close();
  }
}
