package io.lakemr.formats.zarr;

/** Counters of Zarr input, per job. */
public enum ZarrCounters {
  /** Splits read. */
  SPLITS,
  /** Stores opened by record readers. */
  STORES,
  /** Chunks (inner chunks when sharded) read from the stores; fill-value chunks are not counted. */
  CHUNKS,
  /** Rows handed to mappers. */
  ROWS,
  /** Stored bytes read. */
  BYTES
}
