package io.lakemr.formats.array;

import io.lakemr.formats.BatchSource;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.mapreduce.TaskAttemptContext;

/**
 * The rows of one {@link ArrayRowSplit}, as a chunked array format's record reader hands them
 * out: read by the format's batch reader, or, when the job reads no column of the file or store
 * (only row counts), batches of the split's row count without it being read. After each batch
 * the chunks and stored bytes read are added to the format's counters.
 */
public final class ArrayRowSource implements BatchSource {

  /** A format's batch reader, as the source uses it. */
  public interface Reader extends Closeable {

    /** A batch with one vector per column read. */
    VectorizedRowBatch createBatch(int maxRows);

    /** Fills the batch with the next rows; false when the range is read. */
    boolean next(VectorizedRowBatch batch) throws IOException;

    /** Chunks read so far. */
    long chunksRead();

    /** Stored bytes read so far. */
    long bytesRead();
  }

  private final TaskAttemptContext context;
  private final ArrayRowSplit split;
  private final Enum<?> chunksCounter;
  private final Enum<?> bytesCounter;
  private Reader reader;
  private Closeable after;
  private long row;
  private long chunks;
  private long bytes;

  /**
   * A source that only counts rows until {@link #read} gives it a reader.
   *
   * @param chunksCounter the format's counter of chunks read
   * @param bytesCounter the format's counter of stored bytes read
   */
  public ArrayRowSource(TaskAttemptContext context, ArrayRowSplit split, Enum<?> chunksCounter, Enum<?> bytesCounter) {
    this.context = context;
    this.split = split;
    this.chunksCounter = chunksCounter;
    this.bytesCounter = bytesCounter;
    this.row = split.firstRow();
  }

  /**
   * Reads the rows with a reader; closing the source closes it, then {@code after} (what the
   * reader reads from, when the source owns it), when not null.
   */
  public void read(Reader rowReader, Closeable then) {
    this.reader = rowReader;
    this.after = then;
  }

  @Override
  public VectorizedRowBatch createBatch(int maxRows) {
    return reader == null ? new VectorizedRowBatch(0, maxRows) : reader.createBatch(maxRows);
  }

  @Override
  public int next(VectorizedRowBatch fileBatch) throws IOException {
    int n;
    if (reader != null) {
      reader.next(fileBatch);
      n = fileBatch.size;
      long c = reader.chunksRead();
      long b = reader.bytesRead();
      context.getCounter(chunksCounter).increment(c - chunks);
      context.getCounter(bytesCounter).increment(b - bytes);
      chunks = c;
      bytes = b;
    } else {
      n = (int) Math.min(fileBatch.getMaxSize(), split.lastRow() - row);
    }
    row += n;
    return n;
  }

  @Override
  public float progress() {
    long first = split.firstRow();
    long last = split.lastRow();
    return last == first ? 1f : (float) (row - first) / (last - first);
  }

  @Override
  public Path currentFile() {
    return split.source();
  }

  @Override
  public List<String> partitionValues() {
    return split.partitionValues();
  }

  @Override
  public void close() throws IOException {
    Reader r = reader;
    Closeable a = after;
    reader = null;
    after = null;
    try {
      if (r != null) {
        r.close();
      }
    } finally {
      if (a != null) {
        a.close();
      }
    }
  }
}
