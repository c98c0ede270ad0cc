package io.lakemr.formats.hdf5;

import java.io.IOException;

/**
 * A problem in an HDF5 file's data found while reading it: a chunk that fails its checksum or
 * does not decode, data past the end of a truncated file, a uint64 value above the long range.
 * The message is one line naming the file, the dataset and the chunk or rows.
 */
public class Hdf5DataException extends IOException {

  private static final long serialVersionUID = 1L;

  public Hdf5DataException(String message) {
    super(message);
  }

  public Hdf5DataException(String message, Throwable cause) {
    super(message, cause);
  }
}
