package io.lakemr.convert;

import io.lakemr.data.ByteBuf;
import io.lakemr.data.Column;
import io.lakemr.data.GroupKeyCodec;
import io.lakemr.data.RowCodec;
import io.lakemr.data.Schemas;
import io.lakemr.formats.output.PartitionedBatchWriter;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * The map side of a {@code convert} that writes its partitions without a shuffle: a map task's
 * rows, gathered by partition in memory up to a byte budget, then written partition after
 * partition (in key order) into a {@link PartitionedBatchWriter} that keeps a bounded number
 * of files open.
 *
 * <p>Rows are held encoded ({@link RowCodec}, as the shuffle would carry them), one growing
 * buffer per partition, keyed by the partition values' encoded prefix ({@link GroupKeyCodec}).
 * When the buffers pass the budget, or at the end of the task, every partition's rows are
 * written and the buffers dropped. A partition's file stays open across such flushes while it
 * is among the most recently written the writer keeps open, so a task whose rows hold no more
 * partitions than that writes one file per partition (more only at the file limits); with
 * more, each flush may start a further file of a partition. Memory is the budget plus what the
 * open files buffer (for Parquet, a row group each, which the caller bounds).
 */
public final class MapSidePartitions {

  private static final int BATCH_ROWS = 1024;

  private final PartitionedBatchWriter writer;
  private final long budget;
  private final GroupKeyCodec partitionCodec;
  private final RowCodec rowCodec;
  private final List<Column> partitionColumns;
  private final int[] partitionIndexes;
  private final ColumnVector[] keyVectors;
  private final ColumnVector[] decoded;
  private final VectorizedRowBatch out;
  private final ByteBuf key = new ByteBuf(64);
  private final Map<Prefix, ByteBuf> pending = new HashMap<>();
  private Prefix lastPrefix;
  private ByteBuf lastRows;
  private long buffered;
  private long flushes;

  /**
   * @param plan the conversion, with partition columns
   * @param writer where the rows go; closed by the caller after {@link #finish}
   * @param budget bytes of encoded rows held before they are written
   */
  public MapSidePartitions(ConvertPlan plan, PartitionedBatchWriter writer, long budget) {
    this.writer = writer;
    this.budget = Math.max(1, budget);
    this.partitionCodec = plan.partitionCodec();
    this.rowCodec = plan.rowCodec();
    this.partitionColumns = plan.partitionColumns();
    this.partitionIndexes = Arrays.copyOf(plan.keyIndexes(), partitionColumns.size());
    this.keyVectors = new ColumnVector[partitionIndexes.length];
    this.decoded = new ColumnVector[partitionIndexes.length];
    for (int i = 0; i < decoded.length; i++) {
      decoded[i] = Schemas.newVector(partitionColumns.get(i), 1);
    }
    this.out = Schemas.newBatch(plan.fileColumns(), BATCH_ROWS);
    out.size = 0;
  }

  /**
   * Takes the selected rows of a batch of row columns (as the transform hands them on).
   *
   * @param fileVectors the batch's file columns' vectors, in file order
   */
  public void add(VectorizedRowBatch rows, ColumnVector[] fileVectors) throws IOException {
    for (int i = 0; i < partitionIndexes.length; i++) {
      keyVectors[i] = rows.cols[partitionIndexes[i]];
    }
    for (int j = 0; j < rows.size; j++) {
      int r = rows.selectedInUse ? rows.selected[j] : j;
      key.reset();
      partitionCodec.encode(keyVectors, r, key);
      ByteBuf target = rowsOf(key);
      int before = target.array().length;
      rowCodec.encode(fileVectors, r, target);
      buffered += target.array().length - before;
    }
    if (buffered >= budget) {
      flush();
    }
  }

  /** The buffer of the partition whose encoded prefix {@code k} holds. */
  private ByteBuf rowsOf(ByteBuf k) {
    if (lastPrefix != null && lastPrefix.matches(k)) {
      return lastRows;
    }
    Prefix p = new Prefix(k.toByteArray());
    ByteBuf rowsOfP = pending.get(p);
    if (rowsOfP == null) {
      rowsOfP = new ByteBuf(256);
      pending.put(p, rowsOfP);
      buffered += rowsOfP.array().length + 64L + p.bytes().length;
    }
    lastPrefix = p;
    lastRows = rowsOfP;
    return rowsOfP;
  }

  /** Writes every buffered partition's rows, in partition key order, and drops the buffers. */
  public void flush() throws IOException {
    if (pending.isEmpty()) {
      return;
    }
    List<Prefix> order = new ArrayList<>(pending.keySet());
    order.sort((a, b) -> Arrays.compareUnsigned(a.bytes(), b.bytes()));
    for (Prefix p : order) {
      writePartition(p, pending.get(p));
    }
    pending.clear();
    lastPrefix = null;
    lastRows = null;
    buffered = 0;
    flushes++;
  }

  private void writePartition(Prefix p, ByteBuf rows) throws IOException {
    partitionCodec.decode(p.bytes(), 0, decoded, 0);
    String[] values = new String[decoded.length];
    for (int i = 0; i < values.length; i++) {
      values[i] = PartitionedBatchWriter.render(partitionColumns.get(i).type(), decoded[i], 0);
    }
    writer.startPartition(values);
    byte[] src = rows.array();
    int off = 0;
    while (off < rows.length()) {
      off = rowCodec.decode(src, off, out.cols, out.size);
      out.size++;
      if (out.size == BATCH_ROWS || off >= rows.length()) {
        writer.write(out);
        out.reset();
        out.size = 0;
      }
    }
  }

  /** Writes what is still buffered; the caller then closes the writer. */
  public void finish() throws IOException {
    flush();
  }

  /** Times the buffers were written out: once at the end, more when the rows passed the budget. */
  public long flushes() {
    return flushes;
  }

  /** An encoded partition prefix, compared by content. */
  private record Prefix(byte[] bytes) {

    boolean matches(ByteBuf k) {
      return Arrays.equals(bytes, 0, bytes.length, k.array(), 0, k.length());
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Prefix other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return Arrays.toString(bytes);
    }
  }
}
