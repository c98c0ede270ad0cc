package io.lakemr.formats.zarr;

/**
 * Decoded records {@code [first, end)} of one array, C order, {@code recordBytes} each, from
 * the start of {@code data} (8-byte handles into {@code heap} for variable-length elements).
 */
final class ZarrBand {
  long first = -1;
  long end = -1;
  byte[] data;
  /** What variable-length handles in {@link #data} point into, else null. */
  byte[] heap;

  boolean contains(long record) {
    return record >= first && record < end;
  }
}
