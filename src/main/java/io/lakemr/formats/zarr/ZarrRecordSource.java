package io.lakemr.formats.zarr;

/**
 * Records of one array, one band (one row of read chunks along dimension 0) at a time. When a
 * chunk spans whole records (every dimension but the first is whole) a band is that chunk's
 * decoded bytes, used as they are; otherwise the chunks of the chunk row are decoded one after
 * another and their in-range parts copied into a band buffer. Edge chunks are cut to the
 * array's shape.
 *
 * <p>A band's bytes stay valid after the next band is loaded only when the source keeps bands
 * (its values are referred to, not copied, by the column vectors); else its buffers are reused.
 */
final class ZarrRecordSource {

  private final ZarrChunkReader reader;
  private final long[] dims;
  private final int[] chunk;
  private final int elementSize;
  private final int recordBytes;
  private final boolean wholeRecords;
  private final boolean keep;
  private byte[] assembled;

  ZarrRecordSource(ZarrStore store, ZarrArrayMeta meta, boolean keep) {
    this.reader = new ZarrChunkReader(store, meta, keep);
    this.keep = keep;
    this.dims = meta.shape();
    this.chunk = meta.readChunks();
    this.elementSize = meta.dtype().size();
    long perRecord = elementSize;
    boolean whole = true;
    for (int k = 1; k < dims.length; k++) {
      perRecord *= dims[k];
      whole &= chunk[k] == dims[k];
    }
    this.recordBytes = Math.toIntExact(perRecord);
    this.wholeRecords = whole;
  }

  int recordBytes() {
    return recordBytes;
  }

  ZarrChunkReader reader() {
    return reader;
  }

  /** Fills {@code band} with the band holding {@code record}. */
  void load(long record, ZarrBand band) throws ZarrDataException {
    long first = record - record % chunk[0];
    long end = Math.min(first + chunk[0], dims[0]);
    band.first = first;
    band.end = end;
    long[] offset = new long[dims.length];
    offset[0] = first / chunk[0];
    if (wholeRecords) {
      band.data = reader.read(offset);
      band.heap = reader.heap();
      return;
    }
    int rows = (int) (end - first);
    if (assembled == null || keep) {
      assembled = new byte[Math.multiplyExact(chunk[0], recordBytes)];
    }
    assemble(offset, rows);
    band.data = assembled;
  }

  /** Decodes every chunk of the chunk row {@code index[0]} into {@link #assembled}. */
  private void assemble(long[] index, int rows) throws ZarrDataException {
    int rank = dims.length;
    while (true) {
      copyChunk(reader.read(index), index, rows);
      int k = rank - 1;
      while (k >= 1) {
        index[k]++;
        if (index[k] * chunk[k] < dims[k]) {
          break;
        }
        index[k] = 0;
        k--;
      }
      if (k < 1) {
        return;
      }
    }
  }

  /** Copies the in-range lines of one decoded chunk into the band buffer. */
  private void copyChunk(byte[] data, long[] index, int rows) {
    int rank = dims.length;
    int[] extent = new int[rank];
    long[] offset = new long[rank];
    extent[0] = rows;
    for (int k = 1; k < rank; k++) {
      offset[k] = index[k] * chunk[k];
      extent[k] = (int) Math.min(chunk[k], dims[k] - offset[k]);
    }
    long[] bandStride = new long[rank];
    long[] chunkStride = new long[rank];
    bandStride[rank - 1] = elementSize;
    chunkStride[rank - 1] = elementSize;
    for (int k = rank - 2; k >= 0; k--) {
      bandStride[k] = bandStride[k + 1] * dims[k + 1];
      chunkStride[k] = chunkStride[k + 1] * chunk[k + 1];
    }
    int lineBytes = extent[rank - 1] * elementSize;
    int[] i = new int[rank];
    while (true) {
      long dst = offset[rank - 1] * elementSize;
      long src = 0;
      for (int k = 0; k < rank - 1; k++) {
        dst += (offset[k] + i[k]) * bandStride[k];
        src += i[k] * chunkStride[k];
      }
      System.arraycopy(data, (int) src, assembled, (int) dst, lineBytes);
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
}
