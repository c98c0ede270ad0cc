package io.lakemr.formats.hdf5;

/**
 * Decoded records of one dataset, one band at a time, in order. A record is one index of
 * dimension 0 with everything under it. Implementations hold at most one band (about one
 * decoded chunk row) in memory.
 */
interface Hdf5RecordSource {

  /** Bytes of one record. */
  int recordBytes();

  /** Records per band: the chunk size along dimension 0, or the read size of contiguous data. */
  int bandRecords();

  /**
   * Fills {@code band} with the band holding {@code record}. Bands start at multiples of
   * {@link #bandRecords()}.
   *
   * @throws Hdf5DataException naming the file, dataset and chunk when the data cannot be read
   */
  void load(long record, Hdf5Band band) throws Hdf5DataException;

  /** Chunks decoded so far (allocated ones; fill-value chunks are not counted). */
  long chunksRead();

  /** Stored (compressed) bytes read from the file so far. */
  long bytesRead();
}
