package io.lakemr.formats.text;

import java.io.Closeable;
import java.io.IOException;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/** A reader of one file range into batches, as the CSV, JSON Lines and Avro readers are. */
public interface RangeReader extends Closeable {

  /**
   * Fills the batch with the next rows (resetting it first).
   *
   * @return false when the range has no more rows
   */
  boolean next(VectorizedRowBatch batch) throws IOException;

  /** Share of the range read, 0 to 1. */
  float progress();
}
