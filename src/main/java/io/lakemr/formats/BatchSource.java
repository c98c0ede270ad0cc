package io.lakemr.formats;

import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * What a format reads behind a {@link BatchRecordReader}: the file columns of one split, a
 * batch at a time, knowing nothing of MapReduce. Partition-directory columns, row counts,
 * the batch handed to mappers and failure context are the record reader's.
 */
public interface BatchSource extends Closeable {

  /** A batch holding only the file columns this source fills, in their order. */
  VectorizedRowBatch createBatch(int maxRows);

  /**
   * Fills the batch from {@link #createBatch} with the next rows.
   *
   * @return the rows filled; 0 when the split is read
   */
  int next(VectorizedRowBatch fileBatch) throws IOException;

  /** Share of the split read so far, 0 to 1. */
  float progress();

  /** The file the rows just read come from; null before the first. */
  Path currentFile();

  /** The partition-directory values of {@link #currentFile()}, in the split's column order. */
  List<String> partitionValues();
}
