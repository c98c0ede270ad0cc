package io.lakemr.formats.hdf5;

/**
 * Decoded records {@code [first, end)} of one dataset along dimension 0, row-major: record
 * {@code r} starts at byte {@code offset + (r - first) * recordBytes} of {@code data}. A band
 * is one chunk's worth of records (or, for contiguous data, one read); its buffer is reused
 * for the next band.
 */
final class Hdf5Band {
  long first;
  long end;
  byte[] data;
  int offset;

  boolean contains(long record) {
    return data != null && record >= first && record < end;
  }
}
