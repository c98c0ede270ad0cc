package io.lakemr.formats.hdf5;

import io.jhdf.storage.HdfBackingStorage;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Records of a chunked dataset, decoded one chunk at a time. When a chunk spans whole records
 * (every dimension but the first is whole), a band is that chunk's decoded bytes, used as they
 * are. Otherwise the chunks of one chunk row are decoded one after another and their in-range
 * parts copied into a band buffer. Unallocated chunks read as the fill value; partial edge
 * chunks are trimmed to the dataset's extent.
 */
final class ChunkedRecordSource implements Hdf5RecordSource {

  private final String where;
  private final long[] dims;
  private final int[] chunk;
  private final int elementSize;
  private final int recordBytes;
  private final byte[] fillElement;
  private final Hdf5ChunkDecoder decoder;
  private final JhdfChunkIndex index;
  private final HdfBackingStorage storage;
  private final long fileSize;
  private final boolean wholeRecords;
  private byte[] fillChunk;
  private byte[] assembled;
  private long chunksRead;
  private long bytesRead;

  /**
   * @param where file and dataset, for messages
   * @param dims the dataset's shape
   * @param chunk the chunk shape (same rank)
   * @param fillElement the bytes of one element of fill value
   */
  ChunkedRecordSource(String where, long[] dims, int[] chunk, int elementSize, byte[] fillElement,
      Hdf5ChunkDecoder decoder, JhdfChunkIndex index, HdfBackingStorage storage, long fileSize) {
    this.where = where;
    this.dims = dims.clone();
    this.chunk = chunk.clone();
    this.elementSize = elementSize;
    this.fillElement = fillElement;
    this.decoder = decoder;
    this.index = index;
    this.storage = storage;
    this.fileSize = fileSize;
    long perRecord = elementSize;
    boolean whole = true;
    for (int k = 1; k < dims.length; k++) {
      perRecord *= dims[k];
      whole &= chunk[k] == dims[k];
    }
    this.recordBytes = Math.toIntExact(perRecord);
    this.wholeRecords = whole;
  }

  @Override
  public int recordBytes() {
    return recordBytes;
  }

  @Override
  public long chunksRead() {
    return chunksRead;
  }

  @Override
  public long bytesRead() {
    return bytesRead;
  }

  @Override
  public int bandRecords() {
    return chunk[0];
  }

  @Override
  public void load(long record, Hdf5Band band) throws Hdf5DataException {
    long first = record - record % chunk[0];
    long end = Math.min(first + chunk[0], dims[0]);
    band.first = first;
    band.end = end;
    band.offset = 0;
    if (wholeRecords) {
      long[] offset = new long[dims.length];
      offset[0] = first;
      band.data = chunkBytes(offset, first, end);
      return;
    }
    int rows = (int) (end - first);
    int need = rows * recordBytes;
    if (assembled == null || assembled.length < need) {
      assembled = new byte[chunk[0] * recordBytes];
    }
    assembleBand(first, rows);
    band.data = assembled;
  }

  /** Decodes every chunk of the chunk row starting at {@code first} into {@link #assembled}. */
  private void assembleBand(long first, int rows) throws Hdf5DataException {
    int rank = dims.length;
    long[] offset = new long[rank];
    offset[0] = first;
    while (true) {
      byte[] data = chunkBytes(offset, first, first + rows);
      copyChunk(data, offset, rows);
      // next chunk along dimensions 1..rank-1, last dimension fastest
      int k = rank - 1;
      while (k >= 1) {
        offset[k] += chunk[k];
        if (offset[k] < dims[k]) {
          break;
        }
        offset[k] = 0;
        k--;
      }
      if (k < 1) {
        return;
      }
    }
  }

  /** Copies the in-range lines of one decoded chunk into the band buffer. */
  private void copyChunk(byte[] data, long[] offset, int rows) {
    int rank = dims.length;
    int[] extent = new int[rank];
    extent[0] = rows;
    for (int k = 1; k < rank; k++) {
      extent[k] = (int) Math.min(chunk[k], dims[k] - offset[k]);
    }
    long[] bandStride = new long[rank];
    int[] chunkStride = new int[rank];
    bandStride[rank - 1] = elementSize;
    chunkStride[rank - 1] = elementSize;
    for (int k = rank - 2; k >= 0; k--) {
      bandStride[k] = bandStride[k + 1] * dims[k + 1];
      chunkStride[k] = chunkStride[k + 1] * chunk[k + 1];
    }
    int lineBytes = extent[rank - 1] * elementSize;
    int[] i = new int[rank];
    while (true) {
      long dst = 0;
      int src = 0;
      for (int k = 0; k < rank - 1; k++) {
        long pos = k == 0 ? i[0] : offset[k] + i[k];
        dst += pos * bandStride[k];
        src += i[k] * chunkStride[k];
      }
      dst += offset[rank - 1] * elementSize;
      System.arraycopy(data, src, assembled, (int) dst, lineBytes);
      int k = rank - 2;
      while (k >= 0) {
        if (++i[k] < extent[k]) {
          break;
        }
        i[k] = 0;
        k--;
      }
      if (k < 0) {
        return;
      }
    }
  }

  /** The decoded bytes of the chunk at {@code offset}, or a chunk of fill values. */
  private byte[] chunkBytes(long[] offset, long first, long end) throws Hdf5DataException {
    JhdfChunkIndex.ChunkRef ref = index.at(offset);
    int chunkBytes = chunkElements() * elementSize;
    if (ref == null) {
      return fillChunk(chunkBytes);
    }
    String which = "chunk " + Arrays.toString(offset) + " (rows " + first + ".." + (end - 1) + ")";
    long fileEnd = storage.getUserBlockSize() + ref.address() + ref.size();
    if (fileEnd > fileSize) {
      throw new Hdf5DataException(where + ": " + which + " lies past the end of the file (bytes up to "
          + fileEnd + ", file has " + fileSize + "): the file is truncated");
    }
    byte[] decoded;
    try {
      ByteBuffer stored = storage.map(ref.address(), ref.size());
      decoded = decoder.decode(toArray(stored), ref.filterMask(), chunkBytes);
      chunksRead++;
      bytesRead += ref.size();
    } catch (RuntimeException e) {
      throw new Hdf5DataException(where + ": " + which + ": " + Hdf5Files.oneLine(e), e);
    }
    if (decoded.length < chunkBytes) {
      throw new Hdf5DataException(where + ": " + which + " decodes to " + decoded.length
          + " bytes, expected " + chunkBytes);
    }
    return decoded;
  }

  private int chunkElements() {
    int n = 1;
    for (int c : chunk) {
      n = Math.multiplyExact(n, c);
    }
    return n;
  }

  private byte[] fillChunk(int bytes) {
    if (fillChunk == null) {
      fillChunk = new byte[bytes];
      for (int p = 0; p + elementSize <= bytes; p += elementSize) {
        System.arraycopy(fillElement, 0, fillChunk, p, elementSize);
      }
    }
    return fillChunk;
  }

  private static byte[] toArray(ByteBuffer b) {
    if (b.hasArray() && b.arrayOffset() == 0 && b.position() == 0 && b.remaining() == b.array().length) {
      return b.array();
    }
    byte[] out = new byte[b.remaining()];
    b.duplicate().get(out);
    return out;
  }
}
