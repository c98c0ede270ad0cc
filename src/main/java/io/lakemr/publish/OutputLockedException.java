package io.lakemr.publish;

/**
 * Another live run is writing the output: the command stops before its job runs, with exit
 * code 3 (the code the cron wrapper uses for a run that is already going).
 */
public final class OutputLockedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  OutputLockedException(String message) {
    super(message);
  }
}
