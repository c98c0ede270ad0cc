package io.lakemr.formats.output;

import java.io.Closeable;
import java.io.IOException;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * Writes batches of rows to one output file.
 *
 * <p>The batch's column vectors are taken in the order of the columns the writer was opened
 * with; only the selected rows are written ({@code selectedInUse}/{@code selected}), and
 * repeating vectors and null flags are honoured. A writer does not keep the batch: the caller
 * may refill it as soon as {@link #write} returns.
 */
public interface BatchWriter extends Closeable {

  /** Writes the batch's selected rows. */
  void write(VectorizedRowBatch batch) throws IOException;

  /** Rows written so far. */
  long rowsWritten();

  /**
   * Bytes the file holds so far, counting what the writer still buffers for it (encoded, as
   * the format measures it): an estimate of the finished file's size, for rolling to a new file.
   */
  long bytesWritten();

  /** Finishes the file (footer, final flush) and closes it. Closing twice does nothing. */
  @Override
  void close() throws IOException;
}
