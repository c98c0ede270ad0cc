package io.lakemr.formats.zarr;

/**
 * Decoded records {@code [first, end)} of one array, C order, {@code recordBytes} each, from
 * the start of {@code data}.
 */
final class ZarrBand {
  long first = -1;
  long end = -1;
  byte[] data;

  boolean contains(long record) {
    return record >= first && record < end;
  }
}
