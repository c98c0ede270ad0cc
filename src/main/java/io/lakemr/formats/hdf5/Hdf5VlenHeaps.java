package io.lakemr.formats.hdf5;

import io.jhdf.GlobalHeap;
import io.jhdf.storage.HdfBackingStorage;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads variable-length values (strings) from an HDF5 file's global heap collections, keeping
 * the few most recently used collections, so reading a chunk of strings costs one read per
 * collection and memory stays bounded.
 */
final class Hdf5VlenHeaps {

  private static final int KEEP = 8;

  private final HdfBackingStorage storage;
  private final Map<Long, GlobalHeap> heaps = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<Long, GlobalHeap> eldest) {
      return size() > KEEP;
    }
  };

  Hdf5VlenHeaps(HdfBackingStorage storage) {
    this.storage = storage;
  }

  /** Size in bytes of a file address in this file. */
  int sizeOfOffsets() {
    return storage.getSizeOfOffsets();
  }

  /** The bytes of one heap object, no more than {@code length} of them. */
  ByteBuffer object(long heapAddress, int index, int length) {
    GlobalHeap heap = heaps.computeIfAbsent(heapAddress, a -> new GlobalHeap(storage, a));
    ByteBuffer data = heap.getObjectData(index);
    if (data.remaining() > length) {
      data.limit(data.position() + length);
    }
    return data;
  }
}
