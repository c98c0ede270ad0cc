package io.lakemr.formats.badrecords;

import java.io.Closeable;
import java.io.IOException;

/** A task's bad-record handling and the quarantine file it may have opened, closed together. */
public final class TaskBadRecords implements Closeable {

  private final BadRecords records;
  private final QuarantineSink sink;

  TaskBadRecords(BadRecords records, QuarantineSink sink) {
    this.records = records;
    this.sink = sink;
  }

  public BadRecords records() {
    return records;
  }

  @Override
  public void close() throws IOException {
    if (sink != null) {
      sink.close();
    }
  }
}
