package io.lakemr.formats.output;

import io.lakemr.data.Column;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Opens the {@link BatchWriter} of one output format. */
@FunctionalInterface
public interface BatchWriterFactory {

  /**
   * Creates {@code file} (which must not exist) and returns a writer for rows of the given
   * columns.
   *
   * @param conf the job configuration; the file system comes from the path, format options
   *     (such as {@link io.lakemr.conf.LakemrConfig#OUTPUT_PARQUET_CODEC}) from here
   */
  BatchWriter open(Configuration conf, Path file, List<Column> columns) throws IOException;
}
