package io.lakemr.formats.hdf5;

import io.jhdf.storage.HdfBackingStorage;
import java.nio.ByteBuffer;

/**
 * Records of a contiguous dataset, read by row ranges of at most {@code bandRecords} records
 * straight from the file, or of a compact dataset, whose few bytes live in its object header.
 * A contiguous dataset that was never written reads as its fill value.
 */
final class ContiguousRecordSource implements Hdf5RecordSource {

  /** Undefined address: storage never allocated. */
  static final long UNDEFINED = -1L;

  private final String where;
  private final long records;
  private final int recordBytes;
  private final int bandRecords;
  private final HdfBackingStorage storage;
  private final long address;
  private final long fileSize;
  private final byte[] fillElement;
  private final byte[] compact;
  private byte[] buffer;
  private long bytesRead;

  private ContiguousRecordSource(String where, long records, int recordBytes, int bandRecords,
      HdfBackingStorage storage, long address, long fileSize, byte[] fillElement, byte[] compact) {
    this.where = where;
    this.records = records;
    this.recordBytes = recordBytes;
    this.bandRecords = bandRecords;
    this.storage = storage;
    this.address = address;
    this.fileSize = fileSize;
    this.fillElement = fillElement;
    this.compact = compact;
  }

  /** A contiguous dataset at {@code address} ({@link #UNDEFINED} if never written). */
  static ContiguousRecordSource contiguous(String where, long records, int recordBytes, int readBytes,
      HdfBackingStorage storage, long address, long fileSize, byte[] fillElement) {
    int band = Math.max(1, readBytes / Math.max(1, recordBytes));
    return new ContiguousRecordSource(where, records, recordBytes, band, storage, address, fileSize,
        fillElement, null);
  }

  /** A compact dataset holding {@code data}. */
  static ContiguousRecordSource compact(String where, long records, int recordBytes, byte[] data) {
    int band = (int) Math.max(1, records);
    return new ContiguousRecordSource(where, records, recordBytes, band, null, 0, 0, null, data);
  }

  @Override
  public int recordBytes() {
    return recordBytes;
  }

  @Override
  public long chunksRead() {
    return 0;
  }

  @Override
  public long bytesRead() {
    return bytesRead;
  }

  @Override
  public int bandRecords() {
    return bandRecords;
  }

  @Override
  public void load(long record, Hdf5Band band) throws Hdf5DataException {
    long first = record - record % bandRecords;
    long end = Math.min(first + bandRecords, records);
    band.first = first;
    band.end = end;
    if (compact != null) {
      band.data = compact;
      band.offset = (int) (first * recordBytes);
      return;
    }
    int bytes = Math.toIntExact((end - first) * recordBytes);
    if (buffer == null || buffer.length < bytes) {
      buffer = new byte[Math.toIntExact((long) bandRecords * recordBytes)];
    }
    band.data = buffer;
    band.offset = 0;
    if (address == UNDEFINED) {
      int e = fillElement.length;
      for (int p = 0; p + e <= bytes; p += e) {
        System.arraycopy(fillElement, 0, buffer, p, e);
      }
      return;
    }
    long start = address + first * recordBytes;
    long fileEnd = storage.getUserBlockSize() + start + bytes;
    if (fileEnd > fileSize) {
      throw new Hdf5DataException(where + ": rows " + first + ".." + (end - 1)
          + " lie past the end of the file (bytes up to " + fileEnd + ", file has " + fileSize
          + "): the file is truncated");
    }
    try {
      ByteBuffer b = storage.map(start, bytes);
      b.get(buffer, 0, bytes);
      bytesRead += bytes;
    } catch (RuntimeException e) {
      throw new Hdf5DataException(where + ": rows " + first + ".." + (end - 1) + ": "
          + Hdf5Files.oneLine(e), e);
    }
  }
}
