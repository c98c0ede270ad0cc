package io.lakemr.formats.hdf5;

import io.jhdf.dataset.chunked.Chunk;
import io.jhdf.dataset.chunked.ChunkedDatasetBase;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The allocated chunks of a chunked dataset, from its chunk index (v1 or v2 B-tree, fixed or
 * extensible array, single chunk, implicit), without reading any chunk's data: offset, file
 * address, stored size and filter mask of each.
 *
 * <p>jhdf 0.13 parses every index type but keeps the result behind the protected
 * {@code ChunkedDatasetBase.getChunkLookup()}; its public API only decodes a chunk by offset,
 * ignores the per-chunk filter mask and says nothing of addresses. This class is the one place
 * that reaches in, by reflection, so chunk addresses (split locality), allocation (fill values)
 * and filter masks (chunks libhdf5 stored unfiltered) are known.
 */
final class JhdfChunkIndex {

  /** One allocated chunk. Offsets are in dataset element coordinates. */
  record ChunkRef(long[] offset, long address, int size, BitSet filterMask) {
  }

  private static final Method LOOKUP = lookupMethod();

  private final Map<Key, ChunkRef> byOffset;
  private final int rank;

  private JhdfChunkIndex(Map<Key, ChunkRef> byOffset, int rank) {
    this.byOffset = byOffset;
    this.rank = rank;
  }

  private static Method lookupMethod() {
    try {
      Method m = ChunkedDatasetBase.class.getDeclaredMethod("getChunkLookup");
      m.setAccessible(true);
      return m;
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /**
   * Reads the chunk index of a dataset.
   *
   * @throws IllegalStateException if this jhdf version does not offer the chunk lookup
   */
  static JhdfChunkIndex of(ChunkedDatasetBase dataset, int rank) {
    if (LOOKUP == null) {
      throw new IllegalStateException("this jhdf version does not expose chunk locations");
    }
    Map<?, ?> lookup;
    try {
      lookup = (Map<?, ?>) LOOKUP.invoke(dataset);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException) {
        throw (RuntimeException) cause;
      }
      throw new IllegalStateException(cause);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
    Map<Key, ChunkRef> out = new HashMap<>(lookup.size() * 2);
    for (Object value : lookup.values()) {
      Chunk c = (Chunk) value;
      long[] offset = Arrays.copyOf(c.getChunkOffset(), rank);
      ChunkRef ref = new ChunkRef(offset, c.getAddress(), c.getSize(), c.getFilterMask());
      out.put(new Key(offset), ref);
    }
    return new JhdfChunkIndex(out, rank);
  }

  /** The chunk starting at the given element offset, or null when it is not allocated. */
  ChunkRef at(long[] offset) {
    return byOffset.get(new Key(offset));
  }

  /** Every allocated chunk, ordered by offset (dimension 0 first). */
  List<ChunkRef> all() {
    List<ChunkRef> list = new ArrayList<>(byOffset.values());
    list.sort((a, b) -> Arrays.compare(a.offset(), b.offset()));
    return Collections.unmodifiableList(list);
  }

  int rank() {
    return rank;
  }

  private static final class Key {
    private final long[] offset;
    private final int hash;

    Key(long[] offset) {
      this.offset = offset;
      this.hash = Arrays.hashCode(offset);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key && Arrays.equals(offset, ((Key) o).offset);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
