package io.lakemr.formats.text;

import io.lakemr.data.Column;
import io.lakemr.data.Schemas;
import io.lakemr.formats.BatchSource;
import io.lakemr.formats.FileRange;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/** The batch source of a split's ranges, read one after another, each by its own {@link RangeReader}. */
public final class RangesSource implements BatchSource {

  /** Opens the reader of one range. */
  @FunctionalInterface
  public interface Opener {
    RangeReader open(FileRange range) throws IOException;
  }

  private final List<FileRange> ranges;
  private final List<Column> columns;
  private final Opener opener;
  private final Closeable after;
  private int index = -1;
  private RangeReader reader;

  /**
   * @param after closed when the source closes (a quarantine file, say)
   */
  public RangesSource(List<FileRange> ranges, List<Column> columns, Opener opener, Closeable after) {
    this.ranges = List.copyOf(ranges);
    this.columns = List.copyOf(columns);
    this.opener = opener;
    this.after = after;
  }

  @Override
  public VectorizedRowBatch createBatch(int maxRows) {
    return Schemas.newBatch(columns, maxRows);
  }

  @Override
  public int next(VectorizedRowBatch fileBatch) throws IOException {
    while (true) {
      if (reader == null) {
        if (index + 1 >= ranges.size()) {
          fileBatch.reset();
          fileBatch.size = 0;
          return 0;
        }
        index++;
        reader = opener.open(ranges.get(index));
      }
      if (reader.next(fileBatch)) {
        return fileBatch.size;
      }
      RangeReader done = reader;
      reader = null;
      done.close();
    }
  }

  @Override
  public float progress() {
    if (ranges.isEmpty()) {
      return 1f;
    }
    float current = reader == null ? (index >= 0 ? 1f : 0f) : reader.progress();
    return Math.min(1f, (Math.max(index, 0) + current) / ranges.size());
  }

  @Override
  public Path currentFile() {
    return index < 0 ? null : ranges.get(Math.min(index, ranges.size() - 1)).path();
  }

  @Override
  public List<String> partitionValues() {
    return index < 0 ? List.of() : ranges.get(Math.min(index, ranges.size() - 1)).partitionValues();
  }

  @Override
  public void close() throws IOException {
    try (Closeable a = after) {
      if (reader != null) {
        RangeReader r = reader;
        reader = null;
        r.close();
      }
    }
  }
}
