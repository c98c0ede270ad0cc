package io.lakemr.formats.zarr;

import io.lakemr.data.Schemas;
import io.lakemr.formats.array.ArrayRowSource;
import java.io.IOException;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * Reads table rows {@code [firstRow, lastRow)} of a {@link ZarrTableMapping} into batches, one
 * chunk row at a time, in order, decoding straight into the batch's column vectors. It knows
 * nothing of MapReduce. Memory is about one decoded chunk row per array read, whatever the
 * array's size. A range that starts or ends inside a chunk decodes that chunk and uses only its
 * rows, so any range is correct; ranges on chunk boundaries decode every chunk once.
 */
public final class ZarrBatchReader implements ArrayRowSource.Reader {

  private final ZarrTableMapping mapping;
  private final long firstRow;
  private final long lastRow;
  private final long rowsPerRecord;
  private final ZarrRecordSource[] sources;
  private final ZarrBand[] bands;
  private final int[] strides;
  private final ZarrValueDecoder[] decoders;
  private final List<ZarrColumnSource> columns;
  private final long[] elementStrides;
  private final long[] dims;
  private long row;

  /**
   * @param store the store the mapping was made from
   * @param mapping the table
   * @param firstRow first table row to read
   * @param lastRow one past the last table row to read
   */
  public ZarrBatchReader(ZarrStore store, ZarrTableMapping mapping, long firstRow, long lastRow) {
    if (firstRow < 0 || lastRow < firstRow || lastRow > mapping.rowCount()) {
      throw new IllegalArgumentException("rows " + firstRow + ".." + lastRow + " outside 0.."
          + mapping.rowCount() + " of " + mapping.store() + ": " + mapping.dataset());
    }
    this.mapping = mapping;
    this.firstRow = firstRow;
    this.lastRow = lastRow;
    this.row = firstRow;
    this.rowsPerRecord = Math.max(1, mapping.rowsPerRecord());
    List<ZarrArrayMeta> arrays = mapping.arrays();
    this.sources = new ZarrRecordSource[arrays.size()];
    this.bands = new ZarrBand[arrays.size()];
    this.strides = new int[arrays.size()];
    this.columns = mapping.sources();
    this.decoders = new ZarrValueDecoder[columns.size()];
    boolean[] keep = new boolean[arrays.size()];
    for (int c = 0; c < columns.size(); c++) {
      ZarrColumnSource s = columns.get(c);
      decoders[c] = s.isIndex() ? null : new ZarrValueDecoder(s.type());
      if (!s.isIndex() && decoders[c].refersToChunk()) {
        keep[s.part()] = true;
      }
    }
    for (int i : mapping.usedParts()) {
      sources[i] = new ZarrRecordSource(store, arrays.get(i), keep[i]);
      bands[i] = new ZarrBand();
      strides[i] = (int) (sources[i].recordBytes() / rowsPerRecord);
    }
    this.dims = mapping.dimensions();
    this.elementStrides = new long[dims.length];
    long st = 1;
    for (int k = dims.length - 1; k >= 0; k--) {
      elementStrides[k] = st;
      st *= dims[k];
    }
  }

  /** A batch with one vector per column of the mapping's schema. */
  public VectorizedRowBatch createBatch(int maxRows) {
    return Schemas.newBatch(mapping.schema().columns(), maxRows);
  }

  /**
   * Fills the batch with the next rows, up to its maximum size.
   *
   * @return false when every row of the range has been read (the batch is then empty)
   * @throws ZarrDataException naming the store, array and chunk when data is bad
   */
  public boolean next(VectorizedRowBatch batch) throws ZarrDataException {
    batch.reset();
    int want = (int) Math.min(batch.getMaxSize(), lastRow - row);
    int filled = 0;
    while (filled < want) {
      long record = row / rowsPerRecord;
      long runEnd = lastRow;
      for (int i = 0; i < sources.length; i++) {
        if (sources[i] == null) {
          continue;
        }
        if (!bands[i].contains(record)) {
          sources[i].load(record, bands[i]);
        }
        runEnd = Math.min(runEnd, bands[i].end * rowsPerRecord);
      }
      int n = (int) Math.min(want - filled, runEnd - row);
      fill(batch, filled, n, record);
      filled += n;
      row += n;
    }
    batch.size = filled;
    return filled > 0;
  }

  private void fill(VectorizedRowBatch batch, int out, int n, long record) throws ZarrDataException {
    long inRecord = row - record * rowsPerRecord;
    for (int c = 0; c < columns.size(); c++) {
      ZarrColumnSource s = columns.get(c);
      ColumnVector v = batch.cols[c];
      if (s.isIndex()) {
        long[] dst = ((LongColumnVector) v).vector;
        int k = s.indexDim();
        for (int i = 0; i < n; i++) {
          dst[out + i] = ((row + i) / elementStrides[k]) % dims[k];
        }
        continue;
      }
      ZarrBand band = bands[s.part()];
      int stride = strides[s.part()];
      long pos = (record - band.first) * (stride * rowsPerRecord) + inRecord * stride + s.offset();
      int bad = decoders[c].decode(band.data, band.heap, (int) pos, stride, n, v, out);
      if (bad >= 0) {
        throw new ZarrDataException(sources[s.part()].reader().where() + ": column " + s.column().name()
            + ": uint64 value " + decoders[c].unsigned(band.data, (int) pos + bad * stride) + " at row "
            + (row + bad) + " is above the long range (" + Long.MAX_VALUE + ")");
      }
    }
  }

  /** Share of the range read so far, 0 to 1. */
  public float progress() {
    return lastRow == firstRow ? 1f : (float) (row - firstRow) / (lastRow - firstRow);
  }

  /** Rows handed out so far. */
  public long rowsRead() {
    return row - firstRow;
  }

  /** Chunks (inner chunks when sharded) read from the store so far. */
  public long chunksRead() {
    long n = 0;
    for (ZarrRecordSource s : sources) {
      n += s == null ? 0 : s.reader().chunksRead();
    }
    return n;
  }

  /** Stored bytes read so far. */
  public long bytesRead() {
    long n = 0;
    for (ZarrRecordSource s : sources) {
      n += s == null ? 0 : s.reader().bytesRead();
    }
    return n;
  }

  public ZarrTableMapping mapping() {
    return mapping;
  }

  /** Closes the shard files kept open; the store itself is not the reader's. */
  @Override
  public void close() throws IOException {
    IOException failed = null;
    for (int i = 0; i < bands.length; i++) {
      if (bands[i] != null) {
        bands[i].data = null;
        bands[i].heap = null;
      }
      if (sources[i] != null) {
        try {
          sources[i].reader().close();
        } catch (IOException e) {
          failed = e;
        }
      }
      sources[i] = null;
    }
    if (failed != null) {
      throw failed;
    }
  }
}
