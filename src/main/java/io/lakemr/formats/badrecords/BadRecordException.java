package io.lakemr.formats.badrecords;

import java.io.IOException;

/** A read stopped on bad records; the message is one line naming the file, place, column and reason. */
public class BadRecordException extends IOException {

  private static final long serialVersionUID = 1L;

  public BadRecordException(String message) {
    super(message);
  }
}
