package io.lakemr.formats.zarr.blosc;

import java.io.IOException;

/** A Blosc frame that cannot be decoded: truncated, inconsistent, or of an unsupported kind. */
public class BloscException extends IOException {

  private static final long serialVersionUID = 1L;

  public BloscException(String message) {
    super(message);
  }

  public BloscException(String message, Throwable cause) {
    super(message, cause);
  }
}
