package io.lakemr.formats.parquet;

import io.lakemr.data.Column;
import io.lakemr.data.Schemas;
import io.lakemr.formats.BatchRecordReader;
import io.lakemr.formats.BatchSource;
import io.lakemr.formats.FileRange;
import io.lakemr.formats.MultiRangeSplit;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.TaskAttemptContext;

/**
 * The Hadoop face of {@link ParquetBatchReader}: a {@link BatchRecordReader} whose source reads
 * the file columns of a split's ranges, counters reported through the task context.
 */
public class ParquetBatchRecordReader extends BatchRecordReader {

  @Override
  protected List<String> partitionColumns(InputSplit split) {
    return ((MultiRangeSplit) split).partitionColumns();
  }

  @Override
  protected BatchSource open(InputSplit split, TaskAttemptContext context, List<Column> fileColumns,
      int batchRows) {
    MultiRangeSplit ranges = (MultiRangeSplit) split;
    // rows are counted by the record reader; the partition columns are its own too
    ParquetBatchReader reader = new ParquetBatchReader(context.getConfiguration(), List.of(), ranges.ranges(),
        fileColumns, batchRows, ParquetBatchInputFormat.getPushdown(context.getConfiguration()),
        (counter, n) -> {
          if (counter != ParquetCounters.ROWS) {
            context.getCounter(counter).increment(n);
          }
        });
    context.getCounter(ParquetCounters.SPLITS).increment(1);
    return new Source(reader, fileColumns);
  }

  @Override
  protected Enum<?> rowsCounter() {
    return ParquetCounters.ROWS;
  }

  /** The batch source over a {@link ParquetBatchReader}. */
  private static final class Source implements BatchSource {

    private final ParquetBatchReader reader;
    private final List<Column> columns;

    Source(ParquetBatchReader reader, List<Column> columns) {
      this.reader = reader;
      this.columns = columns;
    }

    @Override
    public VectorizedRowBatch createBatch(int maxRows) {
      return Schemas.newBatch(columns, maxRows);
    }

    @Override
    public int next(VectorizedRowBatch fileBatch) throws IOException {
      return reader.next(fileBatch) ? fileBatch.size : 0;
    }

    @Override
    public float progress() {
      return reader.progress();
    }

    @Override
    public Path currentFile() {
      FileRange r = reader.currentRange();
      return r == null ? null : r.path();
    }

    @Override
    public List<String> partitionValues() {
      FileRange r = reader.currentRange();
      return r == null ? List.of() : r.partitionValues();
    }

    @Override
    public void close() throws IOException {
      reader.close();
    }
  }
}
