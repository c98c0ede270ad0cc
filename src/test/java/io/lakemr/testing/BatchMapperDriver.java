package io.lakemr.testing;

import io.lakemr.api.TableColumn;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.Schemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.io.WritableUtils;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.Mapper;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.RecordWriter;
import org.apache.hadoop.mapreduce.TaskAttemptContext;
import org.apache.hadoop.mapreduce.TaskAttemptID;
import org.apache.hadoop.mapreduce.TaskType;
import org.apache.hadoop.mapreduce.lib.map.WrappedMapper;
import org.apache.hadoop.mapreduce.task.MapContextImpl;
import org.apache.hadoop.mapreduce.task.TaskAttemptContextImpl;

/**
 * Runs a batch mapper (one that takes {@code NullWritable} keys and {@code VectorizedRowBatch}
 * values, as lakemr input gives them) in this thread, MRUnit-style: batches in, the key/value
 * pairs it wrote out, copied as they were written. The mapper's configuration knows the input
 * columns, so {@code LakemrInput.rowView(conf)} works in its {@code setup} as in a job.
 *
 * @param <K> the mapper's output key
 * @param <V> the mapper's output value
 */
public final class BatchMapperDriver<K, V> {

  private final Mapper<NullWritable, VectorizedRowBatch, K, V> mapper;
  private final List<Column> columns = new ArrayList<>();
  private final Configuration conf = new Configuration();
  private final List<VectorizedRowBatch> batches = new ArrayList<>();
  private final List<Object[]> rows = new ArrayList<>();

  /** A driver for a mapper whose input batches hold these columns, in this order. */
  public BatchMapperDriver(Mapper<NullWritable, VectorizedRowBatch, K, V> mapper, TableColumn... columns) {
    this.mapper = mapper;
    for (TableColumn c : columns) {
      this.columns.add(new Column(c.name(), ColumnType.valueOf(c.type().name()), c.precision(), c.scale()));
    }
    conf.set(LakemrConfig.API_INPUT_SCHEMA, Schemas.record("row", this.columns).toString());
  }

  /** The configuration the mapper gets, to set its own keys on. */
  public Configuration conf() {
    return conf;
  }

  /**
   * Adds a row to the batch being built: Java values in column order ({@code Long} or
   * {@code Integer} for integer, date and timestamp columns, {@code Double} for floating point,
   * {@code String} for strings, {@code null} for null).
   */
  public BatchMapperDriver<K, V> withRow(Object... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException("a row of " + values.length + " values for " + columns.size() + " columns");
    }
    rows.add(values);
    return this;
  }

  /** Ends the batch being built, so the next rows go into a new one (each batch is one map call). */
  public BatchMapperDriver<K, V> endBatch() {
    if (!rows.isEmpty()) {
      batches.add(batch(rows));
      rows.clear();
    }
    return this;
  }

  /** Adds a batch built elsewhere, its columns as the driver's. */
  public BatchMapperDriver<K, V> withBatch(VectorizedRowBatch batch) {
    endBatch();
    batches.add(batch);
    return this;
  }

  /** Runs the mapper ({@code setup}, one {@code map} per batch, {@code cleanup}); returns what it wrote. */
  public List<Map.Entry<K, V>> run() throws IOException, InterruptedException {
    endBatch();
    List<Map.Entry<K, V>> out = new ArrayList<>();
    Iterator<VectorizedRowBatch> in = batches.iterator();
    MapContextImpl<NullWritable, VectorizedRowBatch, K, V> context = new MapContextImpl<>(conf,
        new TaskAttemptID("driver", 1, TaskType.MAP, 0, 0), new BatchReader(in), new Collector(out), null,
        new TaskAttemptContextImpl.DummyReporter(), null);
    mapper.run(new WrappedMapper<NullWritable, VectorizedRowBatch, K, V>().getMapContext(context));
    return out;
  }

  private VectorizedRowBatch batch(List<Object[]> values) {
    VectorizedRowBatch b = Schemas.newBatch(columns, Math.max(values.size(), VectorizedRowBatch.DEFAULT_SIZE));
    for (int r = 0; r < values.size(); r++) {
      for (int c = 0; c < columns.size(); c++) {
        set(b.cols[c], r, values.get(r)[c], columns.get(c));
      }
    }
    b.size = values.size();
    return b;
  }

  private static void set(ColumnVector v, int r, Object value, Column column) {
    if (value == null) {
      v.noNulls = false;
      v.isNull[r] = true;
    } else if (v instanceof LongColumnVector l && value instanceof Number n) {
      l.vector[r] = n.longValue();
    } else if (v instanceof DoubleColumnVector d && value instanceof Number n) {
      d.vector[r] = n.doubleValue();
    } else if (v instanceof BytesColumnVector s && value instanceof String text) {
      s.setVal(r, text.getBytes(StandardCharsets.UTF_8));
    } else {
      throw new IllegalArgumentException("column " + column.name() + " (" + column.type() + ") cannot take "
          + value.getClass().getSimpleName() + " " + value + "; build the batch and use withBatch");
    }
  }

  /** Hands the batches to the mapper, one per map call. */
  private static final class BatchReader extends RecordReader<NullWritable, VectorizedRowBatch> {

    private final Iterator<VectorizedRowBatch> batches;
    private VectorizedRowBatch current;

    BatchReader(Iterator<VectorizedRowBatch> batches) {
      this.batches = batches;
    }

    @Override
    public void initialize(InputSplit split, TaskAttemptContext context) {
    }

    @Override
    public boolean nextKeyValue() {
      current = batches.hasNext() ? batches.next() : null;
      return current != null;
    }

    @Override
    public NullWritable getCurrentKey() {
      return NullWritable.get();
    }

    @Override
    public VectorizedRowBatch getCurrentValue() {
      return current;
    }

    @Override
    public float getProgress() {
      return 0;
    }

    @Override
    public void close() {
    }
  }

  /** Keeps a copy of each pair written, as mappers reuse their key and value objects. */
  private final class Collector extends RecordWriter<K, V> {

    private final List<Map.Entry<K, V>> out;

    Collector(List<Map.Entry<K, V>> out) {
      this.out = out;
    }

    @Override
    public void write(K key, V value) {
      out.add(new AbstractMap.SimpleImmutableEntry<>(copy(key), copy(value)));
    }

    @SuppressWarnings("unchecked")
    private <T> T copy(T o) {
      return o instanceof Writable w && !(o instanceof NullWritable) ? (T) WritableUtils.clone(w, conf) : o;
    }

    @Override
    public void close(TaskAttemptContext context) {
    }
  }
}
