package io.lakemr.formats.output;

import io.lakemr.data.Column;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Opens the {@link BatchWriter} of an output format. */
public final class BatchWriters {

  private BatchWriters() {
  }

  /**
   * Creates {@code file} (which must not exist) and returns a writer for rows of the given
   * columns in the given format.
   *
   * @param conf the job configuration; the file system comes from the path, format options
   *     (such as {@link io.lakemr.conf.LakemrConfig#OUTPUT_PARQUET_CODEC}) from here
   */
  public static BatchWriter open(OutputFileFormat format, Configuration conf, Path file,
      List<Column> columns) throws IOException {
    switch (format) {
      case PARQUET:
        return new ParquetBatchWriter(conf, file, columns);
      case CSV:
        return new CsvBatchWriter(conf, file, columns);
      case JSONL:
        return new JsonLinesBatchWriter(conf, file, columns);
      case AVRO:
        return new AvroBatchWriter(conf, file, columns);
      default:
        throw new AssertionError(format);
    }
  }
}
