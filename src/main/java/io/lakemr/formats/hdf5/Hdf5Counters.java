package io.lakemr.formats.hdf5;

/** What the HDF5 reader did in a task, reported as MapReduce counters. */
public enum Hdf5Counters {
  /** Splits (map-task inputs) read. */
  SPLITS,
  /** Files opened. */
  FILES,
  /** Chunks decoded (allocated chunks; unallocated ones read as the fill value are not counted). */
  CHUNKS,
  /** Rows handed out in batches. */
  ROWS,
  /** Stored (compressed) bytes read from the files. */
  BYTES
}
