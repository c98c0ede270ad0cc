package io.lakemr.formats;

import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.Schemas;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;

/**
 * The Hadoop face every lakemr input format shares, over a format's {@link BatchSource}: one
 * batch per {@link #nextKeyValue()}, the same batch object each time, holding the columns of
 * {@link BatchInputFormat#getReadSchema} in order.
 *
 * <p>The source fills the file columns (its own vectors, shared with the batch); the
 * partition-directory columns are repeating vectors holding the current file's values, set
 * again when the file changes. Rows read are counted here; a failure is reported with the file
 * it happened in. The file each batch comes from is kept in the task's configuration under
 * {@link LakemrConfig#INPUT_CURRENT_FILE} (see {@link #currentFile}); a batch never holds rows
 * of two files.
 */
public abstract class BatchRecordReader extends RecordReader<NullWritable, VectorizedRowBatch> {

  private TaskAttemptContext context;
  private BatchSource source;
  private VectorizedRowBatch fileBatch;
  private VectorizedRowBatch batch;
  /** Per batch column: its index among the partition columns, or -1 for a file column. */
  private int[] partitionIndex;
  private List<String> partitionValues;
  private Path currentFile;

  /** The partition-directory column names the split's values belong to. */
  protected abstract List<String> partitionColumns(InputSplit split);

  /**
   * Opens the format's reader of a split.
   *
   * @param fileColumns the columns to read from the files, in batch order
   */
  protected abstract BatchSource open(InputSplit split, TaskAttemptContext context, List<Column> fileColumns,
      int batchRows) throws IOException;

  /** The format's counter of rows handed out. */
  protected abstract Enum<?> rowsCounter();

  @Override
  public final void initialize(InputSplit split, TaskAttemptContext ctx) throws IOException {
    this.context = ctx;
    Configuration conf = ctx.getConfiguration();
    List<Column> columns = Schemas.columns(BatchInputFormat.getReadSchema(conf));
    int batchRows = BatchInputFormat.getBatchRows(conf);
    List<String> partitions = partitionColumns(split);
    List<Column> fileColumns = new ArrayList<>();
    partitionIndex = new int[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      Column column = columns.get(c);
      partitionIndex[c] = partitions.indexOf(column.name());
      if (partitionIndex[c] < 0) {
        fileColumns.add(column);
      } else if (column.type() != ColumnType.STRING && column.type() != ColumnType.BYTES) {
        throw new IOException("partition column " + column.name() + " of " + split
            + " can only be read as a string, not " + column.type().displayName());
      }
    }
    source = open(split, ctx, fileColumns, batchRows);
    fileBatch = source.createBatch(batchRows);
    batch = new VectorizedRowBatch(columns.size(), batchRows);
    int k = 0;
    for (int c = 0; c < columns.size(); c++) {
      batch.cols[c] = partitionIndex[c] < 0 ? fileBatch.cols[k++] : new BytesColumnVector(batchRows);
    }
  }

  @Override
  public final boolean nextKeyValue() throws IOException {
    int n;
    try {
      n = source.next(fileBatch);
    } catch (IOException | RuntimeException e) {
      Path file = source.currentFile();
      if (file == null || String.valueOf(e.getMessage()).contains(file.toString())) {
        throw e;
      }
      throw new IOException("cannot read " + file + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    }
    if (n > 0 && source.currentFile() != currentFile) {
      currentFile = source.currentFile();
      context.getConfiguration().set(LakemrConfig.INPUT_CURRENT_FILE, String.valueOf(currentFile));
    }
    if (n > 0 && source.partitionValues() != partitionValues) {
      partitionValues = source.partitionValues();
      for (int c = 0; c < partitionIndex.length; c++) {
        if (partitionIndex[c] >= 0) {
          setRepeating((BytesColumnVector) batch.cols[c], partitionValues.get(partitionIndex[c]));
        }
      }
    }
    batch.size = n;
    batch.selectedInUse = false;
    context.getCounter(rowsCounter()).increment(n);
    return n > 0;
  }

  private static void setRepeating(BytesColumnVector v, String value) {
    v.reset();
    v.isRepeating = true;
    if (value == null) {
      v.noNulls = false;
      v.isNull[0] = true;
    } else {
      byte[] b = value.getBytes(StandardCharsets.UTF_8);
      v.setRef(0, b, 0, b.length);
    }
  }

  /**
   * The file (or store) the batch last handed to a mapper of this task was read from, as the
   * record reader recorded it in the task's configuration; null before the first batch.
   */
  public static Path currentFile(Configuration taskConf) {
    String file = taskConf.get(LakemrConfig.INPUT_CURRENT_FILE);
    return file == null ? null : new Path(file);
  }

  @Override
  public final NullWritable getCurrentKey() {
    return NullWritable.get();
  }

  @Override
  public final VectorizedRowBatch getCurrentValue() {
    return batch;
  }

  @Override
  public final float getProgress() {
    return source == null ? 0f : source.progress();
  }

  @Override
  public final void close() throws IOException {
    if (source != null) {
      BatchSource s = source;
      source = null;
      s.close();
    }
  }
}
