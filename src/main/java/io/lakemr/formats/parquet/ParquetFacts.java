package io.lakemr.formats.parquet;

import io.lakemr.data.ColumnPredicate;
import io.lakemr.formats.FileRange;
import io.lakemr.formats.InputFacts;
import io.lakemr.formats.InputFile;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.MultiRangeSplit;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.InputSplit;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ParquetMetadata;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * Rows and row groups of Parquet files from their footers alone, the row groups a job's
 * readers will skip by column statistics ({@link RowGroupStatistics}, the readers' own test),
 * and the rows each split reads, by the readers' midpoint rule ({@link RowGroupSelector}).
 * Bloom filters are not read: the row groups they rule out are counted as read.
 */
final class ParquetFacts {

  /** One file's row groups: rows each, and whether the statistics rule it out. */
  private record Footer(long length, List<BlockMetaData> blocks, boolean[] skipped) {
  }

  private ParquetFacts() {
  }

  static InputFacts of(Configuration conf, InputFiles files, List<ColumnPredicate> predicates,
      List<InputSplit> splits) throws IOException {
    Map<Path, Footer> footers = new HashMap<>();
    long rows = 0;
    long groups = 0;
    long skipped = 0;
    long rowsSkipped = 0;
    for (InputFile f : files.files()) {
      Footer footer = read(conf, f, predicates);
      footers.put(f.path(), footer);
      for (int i = 0; i < footer.blocks().size(); i++) {
        long n = footer.blocks().get(i).getRowCount();
        if (n > 0) {
          groups++;
          rows += n;
          skipped += footer.skipped()[i] ? 1 : 0;
          rowsSkipped += footer.skipped()[i] ? n : 0;
        }
      }
    }
    return new InputFacts(rows, groups, "row groups", skipped, rowsSkipped, splitRows(footers, splits));
  }

  private static Footer read(Configuration conf, InputFile f, List<ColumnPredicate> predicates) throws IOException {
    ParquetMetadata footer;
    try (ParquetFileReader reader = ParquetFileReader.open(HadoopInputFile.fromPath(f.path(), conf))) {
      footer = reader.getFooter();
    } catch (IOException | RuntimeException e) {
      throw new IOException("Can not read the footer of Parquet file " + f.path() + ": "
          + ParquetFormat.firstLine(e), e);
    }
    RowGroupStatistics stats = predicates.isEmpty() ? null
        : new RowGroupStatistics(predicates, ParquetBatchReader.fileFields(footer.getFileMetaData().getSchema()));
    List<BlockMetaData> blocks = footer.getBlocks();
    boolean[] skipped = new boolean[blocks.size()];
    for (int i = 0; i < skipped.length; i++) {
      skipped[i] = stats != null && blocks.get(i).getRowCount() > 0 && !stats.mightMatch(blocks.get(i));
    }
    return new Footer(f.length(), blocks, skipped);
  }

  /** Rows each split reads: those of the row groups its ranges own and do not skip; empty when a split is not ours. */
  private static long[] splitRows(Map<Path, Footer> footers, List<InputSplit> splits) {
    long[] out = new long[splits.size()];
    for (int s = 0; s < out.length; s++) {
      if (!(splits.get(s) instanceof MultiRangeSplit split)) {
        return new long[0];
      }
      for (FileRange r : split.ranges()) {
        Footer f = footers.get(r.path());
        if (f == null) {
          return new long[0];
        }
        for (int i : RowGroupSelector.select(f.blocks(), f.length(), r.start(), r.end())) {
          out[s] += f.skipped()[i] ? 0 : f.blocks().get(i).getRowCount();
        }
      }
    }
    return out;
  }
}
