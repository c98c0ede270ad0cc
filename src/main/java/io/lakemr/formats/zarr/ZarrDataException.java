package io.lakemr.formats.zarr;

import java.io.IOException;

/**
 * A problem in a Zarr store's data found while reading it in a task: a chunk that does not
 * decode, decodes to the wrong size, fails its crc32c, is missing where the array has no fill
 * value, or holds a uint64 above the long range. The message is one line naming the store, the
 * array, the chunk key and the problem.
 */
public class ZarrDataException extends IOException {

  private static final long serialVersionUID = 1L;

  public ZarrDataException(String message) {
    super(message);
  }

  public ZarrDataException(String message, Throwable cause) {
    super(message, cause);
  }
}
