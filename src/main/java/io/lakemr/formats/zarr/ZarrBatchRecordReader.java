package io.lakemr.formats.zarr;

import io.lakemr.data.Column;
import io.lakemr.formats.BatchRecordReader;
import io.lakemr.formats.BatchSource;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.TaskAttemptContext;

/**
 * The Hadoop face of {@link ZarrBatchReader}: a {@link BatchRecordReader} whose source reads
 * the store columns of a split's rows, counters reported through the task context. A job that
 * needs no store column (only row counts) gets batches of the split's row count without the
 * store being read.
 */
public class ZarrBatchRecordReader extends BatchRecordReader {

  @Override
  protected List<String> partitionColumns(InputSplit split) {
    return ((ZarrSplit) split).partitionColumns();
  }

  @Override
  protected BatchSource open(InputSplit genericSplit, TaskAttemptContext ctx, List<Column> fileColumns,
      int batchRows) throws IOException {
    ZarrSplit split = (ZarrSplit) genericSplit;
    Configuration conf = ctx.getConfiguration();
    Source source = new Source(ctx, split);
    if (!fileColumns.isEmpty()) {
      FileSystem fs = split.store().getFileSystem(conf);
      ZarrStore store = new ZarrStore(fs, split.store());
      ZarrTableMapping mapping = ZarrTableMapping.resolve(ZarrHierarchy.open(store, split.dataset()),
          new ZarrReadOptions(split.dataset(), fileColumns.stream().map(Column::name).toList(),
              ZarrReadOptions.from(conf).cells()));
      source.reader = new ZarrBatchReader(store, mapping, split.firstRow(), split.lastRow());
      ctx.getCounter(ZarrCounters.STORES).increment(1);
    }
    ctx.getCounter(ZarrCounters.SPLITS).increment(1);
    return source;
  }

  @Override
  protected Enum<?> rowsCounter() {
    return ZarrCounters.ROWS;
  }

  /** The rows of one split: read by a {@link ZarrBatchReader}, or only counted when no column is read. */
  private static final class Source implements BatchSource {

    private final TaskAttemptContext context;
    private final ZarrSplit split;
    private ZarrBatchReader reader;
    private long row;
    private long chunks;
    private long bytes;

    Source(TaskAttemptContext context, ZarrSplit split) {
      this.context = context;
      this.split = split;
      this.row = split.firstRow();
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
        context.getCounter(ZarrCounters.CHUNKS).increment(c - chunks);
        context.getCounter(ZarrCounters.BYTES).increment(b - bytes);
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
      return split.store();
    }

    @Override
    public List<String> partitionValues() {
      return split.partitionValues();
    }

    @Override
    public void close() throws IOException {
      if (reader != null) {
        ZarrBatchReader r = reader;
        reader = null;
        r.close();
      }
    }
  }
}
