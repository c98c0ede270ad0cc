package io.lakemr.formats.hdf5;

/**
 * Stored bytes of a run of records: the records {@code [firstRecord, endRecord)} of a dataset
 * (one chunk row's chunk, or all of a contiguous dataset) lie in file bytes
 * {@code [address, address + length)}. Addresses are offsets in the file (a user block before
 * the HDF5 data included), so they compare directly with HDFS block offsets.
 */
public record Hdf5ByteExtent(long firstRecord, long endRecord, long address, long length) {
}
