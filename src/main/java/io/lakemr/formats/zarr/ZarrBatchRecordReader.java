package io.lakemr.formats.zarr;

import io.lakemr.data.Column;
import io.lakemr.formats.BatchRecordReader;
import io.lakemr.formats.BatchSource;
import io.lakemr.formats.array.ArrayRowSource;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.TaskAttemptContext;

/**
 * The Hadoop face of {@link ZarrBatchReader}: a {@link BatchRecordReader} whose source (an
 * {@link ArrayRowSource}) reads the store columns of a split's rows, counters reported through the task context. A job that
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
    ArrayRowSource source = new ArrayRowSource(ctx, split, ZarrCounters.CHUNKS, ZarrCounters.BYTES);
    if (!fileColumns.isEmpty()) {
      FileSystem fs = split.store().getFileSystem(conf);
      ZarrStore store = new ZarrStore(fs, split.store());
      ZarrTableMapping mapping = ZarrTableMapping.resolve(ZarrHierarchy.open(store, split.dataset()),
          new ZarrReadOptions(split.dataset(), fileColumns.stream().map(Column::name).toList(),
              ZarrReadOptions.from(conf).cells()));
      source.read(new ZarrBatchReader(store, mapping, split.firstRow(), split.lastRow()), null);
      ctx.getCounter(ZarrCounters.STORES).increment(1);
    }
    ctx.getCounter(ZarrCounters.SPLITS).increment(1);
    return source;
  }

  @Override
  protected Enum<?> rowsCounter() {
    return ZarrCounters.ROWS;
  }
}
