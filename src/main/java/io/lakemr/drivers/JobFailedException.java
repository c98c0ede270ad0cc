package io.lakemr.drivers;

/** A job that ran and failed; its message says why, naming what failed where known. Exit 1. */
final class JobFailedException extends Exception {

  private static final long serialVersionUID = 1L;

  JobFailedException(String message) {
    super(message);
  }
}
