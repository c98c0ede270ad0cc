package io.lakemr.formats.hdf5;

import io.jhdf.HdfFile;
import io.lakemr.data.Schemas;
import io.lakemr.formats.array.ArrayRowSource;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * Reads table rows {@code [firstRow, lastRow)} of an {@link Hdf5TableMapping} into batches,
 * one chunk at a time, in order, decoding straight into the batch's column vectors. It knows
 * nothing of MapReduce.
 *
 * <p>Memory is bounded by about one decoded chunk row per dataset read (plus the stored bytes
 * of the chunk being decoded), whatever the dataset's size: jhdf's whole-dataset
 * {@code getData()}, which decodes every chunk on the common ForkJoin pool, is never used.
 * A row range that starts or ends inside a chunk decodes that chunk and uses only its rows, so
 * any range is correct; ranges on chunk boundaries decode every chunk once.
 *
 * <p>The reader does not own the file; whoever opened it closes it.
 */
public final class Hdf5BatchReader implements ArrayRowSource.Reader {

  private final Hdf5TableMapping mapping;
  private final long firstRow;
  private final long lastRow;
  private final long rowsPerRecord;
  private final Hdf5RecordSource[] sources;
  private final Hdf5Band[] bands;
  private final int[] strides;
  private final Hdf5ValueDecoder[] decoders;
  private final List<Hdf5ColumnSource> columns;
  private final long[] elementStrides;
  private final long[] dims;
  private long row;

  /**
   * @param file the open file the mapping was made from
   * @param mapping the table
   * @param firstRow first table row to read
   * @param lastRow one past the last table row to read
   * @param contiguousReadBytes bytes read at a time from contiguous datasets
   */
  public Hdf5BatchReader(HdfFile file, Hdf5TableMapping mapping, long firstRow, long lastRow,
      int contiguousReadBytes) {
    if (firstRow < 0 || lastRow < firstRow || lastRow > mapping.rowCount()) {
      throw new IllegalArgumentException("rows " + firstRow + ".." + lastRow + " outside 0.."
          + mapping.rowCount() + " of " + mapping.file() + ": " + mapping.dataset());
    }
    this.mapping = mapping;
    this.firstRow = firstRow;
    this.lastRow = lastRow;
    this.row = firstRow;
    this.rowsPerRecord = Math.max(1, mapping.rowsPerRecord());
    List<Hdf5DatasetPart> parts = mapping.parts();
    this.sources = new Hdf5RecordSource[parts.size()];
    this.bands = new Hdf5Band[parts.size()];
    this.strides = new int[parts.size()];
    for (int i : mapping.usedParts()) {
      Hdf5DatasetPart p = parts.get(i);
      sources[i] = p.openSource(file.getHdfBackingStorage(), file.size(), contiguousReadBytes);
      bands[i] = new Hdf5Band();
      strides[i] = (int) (p.recordBytes() / rowsPerRecord);
    }
    this.columns = mapping.sources();
    Hdf5VlenHeaps heaps = new Hdf5VlenHeaps(file.getHdfBackingStorage());
    this.decoders = new Hdf5ValueDecoder[columns.size()];
    for (int c = 0; c < columns.size(); c++) {
      Hdf5ColumnSource s = columns.get(c);
      decoders[c] = s.isIndex() ? null : new Hdf5ValueDecoder(s.type(), heaps);
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
   * @throws Hdf5DataException naming the file, dataset and chunk or rows when data is bad
   */
  public boolean next(VectorizedRowBatch batch) throws Hdf5DataException {
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

  private void fill(VectorizedRowBatch batch, int out, int n, long record) throws Hdf5DataException {
    long inRecord = row - record * rowsPerRecord;
    for (int c = 0; c < columns.size(); c++) {
      Hdf5ColumnSource s = columns.get(c);
      ColumnVector v = batch.cols[c];
      if (s.isIndex()) {
        long[] dst = ((LongColumnVector) v).vector;
        int k = s.indexDim();
        for (int i = 0; i < n; i++) {
          dst[out + i] = ((row + i) / elementStrides[k]) % dims[k];
        }
        continue;
      }
      Hdf5Band band = bands[s.part()];
      int stride = strides[s.part()];
      long pos = band.offset + (record - band.first) * (stride * rowsPerRecord) + inRecord * stride + s.offset();
      int bad = decoders[c].decode(band.data, (int) pos, stride, n, v, out);
      if (bad >= 0) {
        Hdf5DatasetPart p = mapping.parts().get(s.part());
        long value = ByteBuffer.wrap(band.data, (int) pos + bad * stride, 8).order(s.type().order).getLong();
        throw new Hdf5DataException(p.where() + ": column " + s.column().name() + ": uint64 value "
            + Long.toUnsignedString(value) + " at row " + (row + bad) + " is above the long range ("
            + Long.MAX_VALUE + ")");
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

  /** Chunks decoded so far, over every dataset read. */
  public long chunksRead() {
    long n = 0;
    for (Hdf5RecordSource s : sources) {
      n += s == null ? 0 : s.chunksRead();
    }
    return n;
  }

  /** Stored bytes read from the file so far, over every dataset read. */
  public long bytesRead() {
    long n = 0;
    for (Hdf5RecordSource s : sources) {
      n += s == null ? 0 : s.bytesRead();
    }
    return n;
  }

  public Hdf5TableMapping mapping() {
    return mapping;
  }

  @Override
  public void close() {
    for (int i = 0; i < bands.length; i++) {
      if (bands[i] != null) {
        bands[i].data = null;
      }
      sources[i] = null;
    }
  }
}
