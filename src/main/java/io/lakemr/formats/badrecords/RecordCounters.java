package io.lakemr.formats.badrecords;

/** Counters of the CSV, JSON Lines and Avro readers. */
public enum RecordCounters {
  /** Records read into batches. */
  RECORDS_READ,
  /** Records left out because they could not be read. */
  RECORDS_BAD,
  /** Bytes of the file ranges read (stored, compressed when the file is). */
  BYTES_READ
}
