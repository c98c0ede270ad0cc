package io.lakemr.formats.hdf5;

import io.jhdf.HdfFile;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.Column;
import io.lakemr.data.Schemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;

/**
 * The Hadoop face of {@link Hdf5BatchReader}: one batch per {@link #nextKeyValue()}, the same
 * batch object each time, counters reported through the task context.
 *
 * <p>The batch's file columns are the reader's own vectors; partition-directory columns are
 * repeating vectors holding the file's values. A job that needs no file column (only row
 * counts) gets batches of the split's row count without the file being read.
 */
public class Hdf5BatchRecordReader extends RecordReader<NullWritable, VectorizedRowBatch> {

  private TaskAttemptContext context;
  private HdfFile file;
  private Hdf5BatchReader reader;
  private VectorizedRowBatch inner;
  private VectorizedRowBatch batch;
  private long row;
  private long lastRow;
  private long firstRow;
  private long chunks;
  private long bytes;

  @Override
  public void initialize(InputSplit genericSplit, TaskAttemptContext ctx) throws IOException {
    this.context = ctx;
    Hdf5Split split = (Hdf5Split) genericSplit;
    Configuration conf = ctx.getConfiguration();
    Hdf5ReadOptions options = Hdf5ReadOptions.from(conf);
    List<Column> columns = Schemas.columns(Hdf5BatchInputFormat.getReadSchema(conf));
    List<String> partitions = split.partitionColumns();
    List<String> fileColumns = Hdf5BatchInputFormat.fileColumns(columns, partitions);
    int batchRows = Hdf5BatchInputFormat.getBatchRows(conf);
    firstRow = split.firstRow();
    row = firstRow;
    lastRow = split.lastRow();
    batch = new VectorizedRowBatch(columns.size(), batchRows);
    if (!fileColumns.isEmpty()) {
      FileSystem fs = split.path().getFileSystem(conf);
      file = Hdf5Files.open(fs, split.path());
      try {
        Hdf5TableMapping mapping = Hdf5TableMapping.resolve(file, split.path().toString(),
            new Hdf5ReadOptions(split.dataset(), fileColumns, options.cells()));
        reader = new Hdf5BatchReader(file, mapping, split.firstRow(), split.lastRow(),
            conf.getInt(LakemrConfig.HDF5_CONTIGUOUS_READ_BYTES, LakemrConfig.HDF5_CONTIGUOUS_READ_BYTES_DEFAULT));
      } catch (RuntimeException e) {
        close();
        throw e;
      }
      inner = reader.createBatch(batchRows);
      ctx.getCounter(Hdf5Counters.FILES).increment(1);
    }
    int k = 0;
    for (int c = 0; c < columns.size(); c++) {
      int p = partitions.indexOf(columns.get(c).name());
      if (p < 0) {
        batch.cols[c] = inner.cols[k++];
      } else {
        batch.cols[c] = partitionVector(split.partitionValues().get(p), batchRows);
      }
    }
    ctx.getCounter(Hdf5Counters.SPLITS).increment(1);
  }

  private static BytesColumnVector partitionVector(String value, int size) {
    BytesColumnVector v = new BytesColumnVector(size);
    v.isRepeating = true;
    if (value == null) {
      v.noNulls = false;
      v.isNull[0] = true;
    } else {
      byte[] b = value.getBytes(StandardCharsets.UTF_8);
      v.setRef(0, b, 0, b.length);
    }
    return v;
  }

  @Override
  public boolean nextKeyValue() throws IOException {
    int n;
    if (reader != null) {
      reader.next(inner);
      n = inner.size;
      long c = reader.chunksRead();
      long b = reader.bytesRead();
      context.getCounter(Hdf5Counters.CHUNKS).increment(c - chunks);
      context.getCounter(Hdf5Counters.BYTES).increment(b - bytes);
      chunks = c;
      bytes = b;
    } else {
      n = (int) Math.min(batch.getMaxSize(), lastRow - row);
    }
    row += n;
    batch.size = n;
    batch.selectedInUse = false;
    context.getCounter(Hdf5Counters.ROWS).increment(n);
    return n > 0;
  }

  @Override
  public NullWritable getCurrentKey() {
    return NullWritable.get();
  }

  @Override
  public VectorizedRowBatch getCurrentValue() {
    return batch;
  }

  @Override
  public float getProgress() {
    return lastRow == firstRow ? 1f : (float) (row - firstRow) / (lastRow - firstRow);
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
