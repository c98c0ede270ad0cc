package io.lakemr.formats.parquet;

import io.lakemr.data.ColumnPredicate;
import io.lakemr.formats.InputFacts;
import io.lakemr.formats.InputFile;
import io.lakemr.formats.InputFiles;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * Rows and row groups of Parquet files from their footers alone, and the row groups a job's
 * readers will skip by column statistics ({@link RowGroupStatistics}, the readers' own test).
 * Bloom filters are not read: the row groups they rule out are counted as read.
 */
final class ParquetFacts {

  private ParquetFacts() {
  }

  static InputFacts of(Configuration conf, InputFiles files, List<ColumnPredicate> predicates) throws IOException {
    long rows = 0;
    long groups = 0;
    long skipped = 0;
    long rowsSkipped = 0;
    for (InputFile f : files.files()) {
      ParquetMetadata footer;
      try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(f.path(), conf))) {
        footer = reader.getFooter();
      } catch (IOException | RuntimeException e) {
        throw new IOException("Can not read the footer of Parquet file " + f.path() + ": "
            + ParquetFormat.firstLine(e), e);
      }
      RowGroupStatistics stats = predicates.isEmpty() ? null
          : new RowGroupStatistics(predicates, ParquetBatchReader.fileFields(footer.getFileMetaData().getSchema()));
      for (BlockMetaData block : footer.getBlocks()) {
        if (block.getRowCount() == 0) {
          continue;
        }
        groups++;
        rows += block.getRowCount();
        if (stats != null && !stats.mightMatch(block)) {
          skipped++;
          rowsSkipped += block.getRowCount();
        }
      }
    }
    return new InputFacts(rows, groups, "row groups", skipped, rowsSkipped);
  }
}
