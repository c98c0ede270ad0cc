package io.lakemr.conf;

/**
 * Bad usage or bad input found before a job runs: an unknown option or column, a malformed
 * expression, a file that is not what it claims. Its message is the one line shown to the
 * user, naming the file, column or option and what is wrong. Commands exit with 2.
 */
public class BadInputException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public BadInputException(String message) {
    super(message);
  }

  public BadInputException(String message, Throwable cause) {
    super(message, cause);
  }
}
