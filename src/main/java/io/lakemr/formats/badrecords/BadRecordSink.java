package io.lakemr.formats.badrecords;

import java.io.IOException;

/** Receives the records a quarantining reader leaves out. */
@FunctionalInterface
public interface BadRecordSink {

  /** Keeps one bad record. */
  void accept(BadRecord record) throws IOException;
}
