package io.lakemr.formats.hdf5;

import io.jhdf.HdfFile;
import io.lakemr.conf.LakemrConfig;
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
 * The Hadoop face of {@link Hdf5BatchReader}: a {@link BatchRecordReader} whose source (an
 * {@link ArrayRowSource}) reads the file columns of a split's rows, counters reported through
 * the task context. A job that needs no file column (only row counts) gets batches of the
 * split's row count without the file being read.
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
    ArrayRowSource source = new ArrayRowSource(ctx, split, Hdf5Counters.CHUNKS, Hdf5Counters.BYTES);
    if (!fileColumns.isEmpty()) {
      FileSystem fs = split.path().getFileSystem(conf);
      HdfFile file = Hdf5Files.open(fs, split.path());
      try {
        Hdf5TableMapping mapping = Hdf5TableMapping.resolve(file, split.path().toString(),
            new Hdf5ReadOptions(split.dataset(), fileColumns.stream().map(Column::name).toList(),
                Hdf5ReadOptions.from(conf).cells()));
        source.read(new Hdf5BatchReader(file, mapping, split.firstRow(), split.lastRow(),
            conf.getInt(LakemrConfig.HDF5_CONTIGUOUS_READ_BYTES, LakemrConfig.HDF5_CONTIGUOUS_READ_BYTES_DEFAULT)),
            file::close);
      } catch (RuntimeException e) {
        file.close();
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
}
