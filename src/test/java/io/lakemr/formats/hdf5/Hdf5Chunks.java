package io.lakemr.formats.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.dataset.chunked.ChunkedDatasetBase;
import java.nio.file.Path;
import java.util.List;

/** Where a chunk of an HDF5 dataset lies in its file, from its chunk index: for tests that damage one. */
public final class Hdf5Chunks {

  /** A stored chunk: its first row, file address and stored (filtered) size in bytes. */
  public record Stored(long firstRow, long address, int size) {
  }

  private Hdf5Chunks() {
  }

  /** The stored chunks of a chunked dataset, in row order. */
  public static List<Stored> of(Path file, String dataset) {
    try (HdfFile hdf = new HdfFile(file)) {
      ChunkedDatasetBase d = (ChunkedDatasetBase) hdf.getDatasetByPath(dataset);
      return JhdfChunkIndex.of(d, d.getDimensions().length).all().stream()
          .map(c -> new Stored(c.offset()[0], c.address(), c.size())).toList();
    }
  }
}
