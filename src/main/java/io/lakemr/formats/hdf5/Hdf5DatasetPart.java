package io.lakemr.formats.hdf5;

import io.jhdf.AbstractNode;
import io.jhdf.ObjectHeader;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.dataset.DatasetBase;
import io.jhdf.dataset.chunked.ChunkedDatasetBase;
import io.jhdf.object.message.FillValueMessage;
import io.jhdf.object.message.FillValueOldMessage;
import io.jhdf.storage.HdfBackingStorage;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One dataset behind a table: its shape, element size, storage (chunked, contiguous or
 * compact), filters and fill value, and how to read its records band by band. Built from
 * metadata only.
 */
final class Hdf5DatasetPart {

  /** How the dataset's data is stored. */
  enum Storage { CHUNKED, CONTIGUOUS, COMPACT }

  final String file;
  final String path;
  final Dataset dataset;
  final long[] dims;
  final int elementSize;
  final Storage storage;
  /** Chunk shape (same rank as the dataset), null unless chunked. */
  final int[] chunk;
  final Hdf5ChunkDecoder decoder;
  final byte[] fillElement;
  private JhdfChunkIndex index;

  Hdf5DatasetPart(String file, Dataset dataset) {
    this.file = file;
    this.path = dataset.getPath();
    this.dataset = dataset;
    this.dims = dataset.getDimensionsAsLong();
    this.elementSize = dataset.getDataType().getSize();
    if (dataset instanceof ChunkedDatasetBase) {
      this.storage = Storage.CHUNKED;
      int[] c = ((ChunkedDatasetBase) dataset).getChunkDimensions();
      this.chunk = Arrays.copyOf(c, dims.length);
    } else if (dataset instanceof ContiguousDataset) {
      this.storage = Storage.CONTIGUOUS;
      this.chunk = null;
    } else {
      this.storage = Storage.COMPACT;
      this.chunk = null;
    }
    this.decoder = storage == Storage.CHUNKED ? Hdf5ChunkDecoder.of(dataset) : null;
    this.fillElement = fillElement(dataset, elementSize);
  }

  /** "FILE: dataset PATH", the start of every message about this dataset. */
  String where() {
    return file + ": dataset " + path;
  }

  long records() {
    return dims.length == 0 ? 1 : dims[0];
  }

  /** Bytes of one record (one index of dimension 0), decoded. */
  long recordBytes() {
    long b = elementSize;
    for (int k = 1; k < dims.length; k++) {
      b *= dims[k];
    }
    return b;
  }

  /** Chunk size along dimension 0, or 0 when the dataset is not chunked. */
  int chunkRecords() {
    return chunk == null ? 0 : chunk[0];
  }

  /** The chunk index, read from the file the first time it is asked for. */
  JhdfChunkIndex chunkIndex() {
    if (index == null) {
      index = JhdfChunkIndex.of((ChunkedDatasetBase) dataset, dims.length);
    }
    return index;
  }

  /** A reader of this dataset's records. */
  Hdf5RecordSource openSource(HdfBackingStorage backing, long fileSize, int contiguousReadBytes) {
    int recordBytes = Math.toIntExact(recordBytes());
    switch (storage) {
      case CHUNKED:
        return new ChunkedRecordSource(where(), dims, chunk, elementSize, fillElement, decoder,
            chunkIndex(), backing, fileSize);
      case CONTIGUOUS:
        ContiguousDataset c = (ContiguousDataset) dataset;
        long address = dataset.isEmpty() && records() > 0 ? ContiguousRecordSource.UNDEFINED : c.getDataAddress();
        return ContiguousRecordSource.contiguous(where(), records(), recordBytes, contiguousReadBytes,
            backing, address, fileSize, fillElement);
      case COMPACT:
        ByteBuffer b = ((DatasetBase) dataset).getDataBuffer();
        byte[] data = new byte[b.remaining()];
        b.get(data);
        return ContiguousRecordSource.compact(where(), records(), recordBytes, data);
      default:
        throw new AssertionError(storage);
    }
  }

  /**
   * Where this dataset's bytes are in the file, from metadata only: one extent per allocated
   * chunk, or one for contiguous data; none for compact or unwritten data. Addresses are file
   * offsets (the user block included).
   */
  List<Hdf5ByteExtent> extents() {
    List<Hdf5ByteExtent> out = new ArrayList<>();
    long base = dataset.getHdfFile().getUserBlockSize();
    if (storage == Storage.CHUNKED) {
      for (JhdfChunkIndex.ChunkRef c : chunkIndex().all()) {
        long first = c.offset()[0];
        out.add(new Hdf5ByteExtent(first, Math.min(first + chunk[0], records()), base + c.address(), c.size()));
      }
    } else if (storage == Storage.CONTIGUOUS && !dataset.isEmpty()) {
      long address = ((ContiguousDataset) dataset).getDataAddress();
      out.add(new Hdf5ByteExtent(0, records(), base + address, records() * recordBytes()));
    }
    return out;
  }

  private static byte[] fillElement(Dataset dataset, int size) {
    byte[] fill = new byte[size];
    ObjectHeader header = ((AbstractNode) dataset).getHeader();
    ByteBuffer value = null;
    if (header.hasMessageOfType(FillValueMessage.class)) {
      FillValueMessage m = header.getMessageOfType(FillValueMessage.class);
      if (m.isFillValueDefined()) {
        value = m.getFillValue();
      }
    } else if (header.hasMessageOfType(FillValueOldMessage.class)) {
      value = header.getMessageOfType(FillValueOldMessage.class).getFillValue();
    }
    if (value != null && value.remaining() >= size) {
      value.duplicate().get(fill, 0, size);
    }
    return fill;
  }
}
