package io.lakemr.formats.parquet;

import io.lakemr.data.Column;
import io.lakemr.data.Schemas;
import io.lakemr.formats.MultiRangeSplit;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.RecordReader;
import org.apache.hadoop.mapreduce.TaskAttemptContext;

/**
 * The Hadoop face of {@link ParquetBatchReader}: one batch per {@link #nextKeyValue()}, the
 * same batch object each time, counters reported through the task context.
 */
public class ParquetBatchRecordReader extends RecordReader<NullWritable, VectorizedRowBatch> {

  private ParquetBatchReader reader;
  private VectorizedRowBatch batch;

  @Override
  public void initialize(InputSplit split, TaskAttemptContext context) {
    Configuration conf = context.getConfiguration();
    MultiRangeSplit ranges = (MultiRangeSplit) split;
    List<Column> columns = Schemas.columns(ParquetBatchInputFormat.getReadSchema(conf));
    int batchRows = ParquetBatchInputFormat.getBatchRows(conf);
    batch = Schemas.newBatch(columns, batchRows);
    reader = new ParquetBatchReader(conf, ranges.partitionColumns(), ranges.ranges(), columns,
        batchRows, ParquetBatchInputFormat.getPushdown(conf),
        (counter, n) -> context.getCounter(counter).increment(n));
    context.getCounter(ParquetCounters.SPLITS).increment(1);
  }

  @Override
  public boolean nextKeyValue() throws IOException {
    return reader.next(batch);
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
    return reader == null ? 0f : reader.progress();
  }

  @Override
  public void close() throws IOException {
    if (reader != null) {
      reader.close();
    }
  }
}
