package io.lakemr.formats.badrecords;

/** Counters of the text and Avro readers. */
public enum RecordCounters {
  /** Records read into batches. */
  RECORDS_READ,
  /** Records left out because they could not be read. */
  RECORDS_BAD
}
