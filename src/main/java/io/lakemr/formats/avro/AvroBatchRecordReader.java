package io.lakemr.formats.avro;

import io.lakemr.data.Column;
import io.lakemr.formats.BatchRecordReader;
import io.lakemr.formats.BatchSource;
import io.lakemr.formats.MultiRangeSplit;
import io.lakemr.formats.badrecords.RecordCounters;
import io.lakemr.formats.text.RangesSource;
import java.io.IOException;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.hadoop.mapreduce.TaskAttemptContext;

/** The Hadoop face of {@link AvroBatchReader}: the split's ranges read one after another. */
public class AvroBatchRecordReader extends BatchRecordReader {

  @Override
  protected List<String> partitionColumns(InputSplit split) {
    return ((MultiRangeSplit) split).partitionColumns();
  }

  @Override
  protected BatchSource open(InputSplit split, TaskAttemptContext context, List<Column> fileColumns, int batchRows)
      throws IOException {
    Configuration conf = context.getConfiguration();
    Schema reader = AvroBatchInputFormat.getReaderSchema(conf);
    return new RangesSource(((MultiRangeSplit) split).ranges(), fileColumns,
        range -> {
          context.getCounter(RecordCounters.BYTES_READ).increment(range.length());
          return new AvroBatchReader(conf, range, reader, fileColumns, List.of(), (c, n) -> { });
        },
        () -> { });
  }

  @Override
  protected Enum<?> rowsCounter() {
    return RecordCounters.RECORDS_READ;
  }
}
