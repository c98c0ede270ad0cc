package io.lakemr.formats.hdf5;

import io.jhdf.HdfFile;
import io.lakemr.conf.LakemrConfig;
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
 * The Hadoop face of {@link Hdf5BatchReader}: a {@link BatchRecordReader} whose source reads
 * the file columns of a split's rows, counters reported through the task context. A job that
 * needs no file column (only row counts) gets batches of the split's row count without the
 * file being read.
 */
public class Hdf5BatchRecordReader extends BatchRecordReader {

  @Override
  protected List<String> partitionColumns(InputSplit split) {
    return ((Hdf5Split) split).partitionColumns();
  }

  @Override
  protected BatchSource open(InputSplit genericSplit, TaskAttemptContext ctx, List<Column> fileColumns,
      int batchRows) throws IOException {
    Hdf5Split split = (Hdf5Split) genericSplit;
    Configuration conf = ctx.getConfiguration();
    Source source = new Source(ctx, split);
    if (!fileColumns.isEmpty()) {
      FileSystem fs = split.path().getFileSystem(conf);
      source.file = Hdf5Files.open(fs, split.path());
      try {
        Hdf5TableMapping mapping = Hdf5TableMapping.resolve(source.file, split.path().toString(),
            new Hdf5ReadOptions(split.dataset(), fileColumns.stream().map(Column::name).toList(),
                Hdf5ReadOptions.from(conf).cells()));
        source.reader = new Hdf5BatchReader(source.file, mapping, split.firstRow(), split.lastRow(),
            conf.getInt(LakemrConfig.HDF5_CONTIGUOUS_READ_BYTES, LakemrConfig.HDF5_CONTIGUOUS_READ_BYTES_DEFAULT));
      } catch (RuntimeException e) {
        source.close();
        throw e;
      }
      ctx.getCounter(Hdf5Counters.FILES).increment(1);
    }
    ctx.getCounter(Hdf5Counters.SPLITS).increment(1);
    return source;
  }

  @Override
  protected Enum<?> rowsCounter() {
    return Hdf5Counters.ROWS;
  }

  /** The rows of one split: read by an {@link Hdf5BatchReader}, or only counted when no column is read. */
  private static final class Source implements BatchSource {

    private final TaskAttemptContext context;
    private final Hdf5Split split;
    private HdfFile file;
    private Hdf5BatchReader reader;
    private long row;
    private long chunks;
    private long bytes;

    Source(TaskAttemptContext context, Hdf5Split split) {
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
        context.getCounter(Hdf5Counters.CHUNKS).increment(c - chunks);
        context.getCounter(Hdf5Counters.BYTES).increment(b - bytes);
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
      return split.path();
    }

    @Override
    public List<String> partitionValues() {
      return split.partitionValues();
    }

    @Override
    public void close() throws IOException {
      if (reader != null) {
        reader.close();
        reader = null;
      }
      if (file != null) {
        HdfFile f = file;
        file = null;
        f.close();
      }
    }
  }
}
