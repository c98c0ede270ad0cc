package io.lakemr.formats.zarr;

import java.io.Closeable;
import java.io.IOException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.fs.FSDataInputStream;

/**
 * Reads and decodes the chunks of one array, one at a time, into C-order element bytes of the
 * full chunk shape (edge chunks included, as stored). For a sharded array the unit read is an
 * inner chunk: the shard's index is read once (and its crc32c checked) and each inner chunk is
 * a byte-range read of the shard file. A missing chunk or inner chunk is the fill value; an
 * array without a fill value cannot have one missing.
 *
 * <p>Stored bytes are read into one buffer reused from chunk to chunk. Unless the caller keeps
 * chunks, the array a chunk decodes into is reused too, once the next chunk is read.
 */
final class ZarrChunkReader implements Closeable {

  /** Shard indexes kept for the shards of one chunk row. */
  private static final int SHARD_CACHE = 64;
  private static final long EMPTY = -1L;

  private final ZarrStore store;
  private final ZarrArrayMeta meta;
  private final String where;
  private final int[] readChunks;
  private final int elementSize;
  private final int chunkBytes;
  private final byte[] fillElement;
  private final Map<String, long[]> shardIndexes = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
      return size() > SHARD_CACHE;
    }
  };
  private final boolean vlen;
  private final boolean keep;
  private final ZarrBytes stored = new ZarrBytes();
  /** The array the last chunk was decoded into, for the next chunk when chunks are not kept. */
  private byte[] spare;
  private byte[] fillChunk;
  private byte[] heap;
  /** The shard file read last, kept open for its next inner chunk. */
  private String openKey;
  private FSDataInputStream openShard;
  private long chunksRead;
  private long bytesRead;

  /**
   * @param keep true when the caller keeps using a chunk's bytes after reading the next one
   *     (so each chunk is decoded into an array of its own)
   */
  ZarrChunkReader(ZarrStore store, ZarrArrayMeta meta, boolean keep) {
    this.keep = keep;
    this.store = store;
    this.meta = meta;
    this.where = store.name() + ": array /" + meta.path();
    this.readChunks = meta.readChunks();
    this.elementSize = meta.dtype().size();
    this.chunkBytes = Math.toIntExact(meta.readChunkBytes());
    this.vlen = meta.dtype().isVariableLength();
    this.fillElement = vlen ? null : meta.fill();
  }

  /**
   * For variable-length elements, the bytes the 8-byte handles of the chunk last returned by
   * {@link #read} point into (little-endian int32 offset, int32 length); else null.
   */
  byte[] heap() {
    return heap;
  }

  /** Store, array, for messages. */
  String where() {
    return where;
  }

  long chunksRead() {
    return chunksRead;
  }

  long bytesRead() {
    return bytesRead;
  }

  /**
   * The decoded bytes of the read chunk at {@code index} (in the grid of read chunks), or a
   * chunk of fill values. The array returned may be shared; callers only read it.
   */
  byte[] read(long[] index) throws ZarrDataException {
    ZarrSharding sharding = meta.chain().sharding();
    if (sharding == null) {
      String key = meta.chunkKey(index);
      return readKey(key) ? decode(meta.chain(), key) : fill(key);
    }
    int[] outer = meta.chunks();
    long[] shard = new long[index.length];
    int inner = 0;
    for (int k = 0; k < index.length; k++) {
      int per = outer[k] / readChunks[k];
      shard[k] = index[k] / per;
      inner = inner * per + (int) (index[k] % per);
    }
    String key = meta.chunkKey(shard);
    long[] entries = shardIndex(key, sharding, outer);
    String which = key + " inner chunk " + Arrays.toString(index);
    if (entries == null || (entries[2 * inner] == EMPTY && entries[2 * inner + 1] == EMPTY)) {
      return fill(which);
    }
    long offset = entries[2 * inner];
    long nbytes = entries[2 * inner + 1];
    try {
      readShard(key, offset, Math.toIntExact(nbytes));
    } catch (IOException | ArithmeticException e) {
      throw new ZarrDataException(where + ": chunk " + which + ": cannot read bytes " + offset + ".."
          + (offset + nbytes) + ": " + e.getMessage(), e);
    }
    chunksRead++;
    bytesRead += nbytes;
    return decode(sharding.inner(), which);
  }

  /** Bytes of a shard file into {@link #stored}, through one stream kept open while the same shard is read. */
  private void readShard(String key, long offset, int length) throws IOException {
    if (!key.equals(openKey)) {
      close();
      openShard = store.open(arrayKey(key));
      openKey = key;
    }
    openShard.readFully(offset, stored.reserve(length), 0, length);
  }

  @Override
  public void close() throws IOException {
    if (openShard != null) {
      FSDataInputStream in = openShard;
      openShard = null;
      openKey = null;
      in.close();
    }
  }

  private String arrayKey(String chunkKey) {
    return meta.path().isEmpty() ? chunkKey : meta.path() + "/" + chunkKey;
  }

  /** Reads a chunk file into {@link #stored}; false when it is missing. */
  private boolean readKey(String key) throws ZarrDataException {
    try {
      boolean found = store.read(arrayKey(key), stored);
      if (found) {
        chunksRead++;
        bytesRead += stored.length;
      }
      return found;
    } catch (IOException e) {
      throw new ZarrDataException(where + ": chunk " + key + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /** The (offset, nbytes) pairs of a shard, or null when the shard is missing. */
  private long[] shardIndex(String key, ZarrSharding sharding, int[] outer) throws ZarrDataException {
    if (shardIndexes.containsKey(key)) {
      return shardIndexes.get(key);
    }
    int n = 1;
    for (int k = 0; k < outer.length; k++) {
      n *= outer[k] / readChunks[k];
    }
    int indexBytes = sharding.indexBytes(n);
    long[] entries;
    try {
      long length = store.length(arrayKey(key));
      if (length < 0) {
        entries = null;
      } else if (length < indexBytes) {
        throw new ZarrDataException(where + ": shard " + key + " has " + length
            + " bytes, too few for its index of " + indexBytes);
      } else {
        readShard(key, sharding.indexAtStart() ? 0 : length - indexBytes, indexBytes);
        bytesRead += indexBytes;
        entries = parseIndex(key, decodeBytes(sharding.index(), "shard index of " + key, null), n, length);
      }
    } catch (IOException e) {
      if (e instanceof ZarrDataException) {
        throw (ZarrDataException) e;
      }
      throw new ZarrDataException(where + ": shard " + key + ": cannot be read: " + e.getMessage(), e);
    }
    shardIndexes.put(key, entries);
    return entries;
  }

  private long[] parseIndex(String key, byte[] raw, int n, long length) throws ZarrDataException {
    if (raw.length != 16 * n) {
      throw new ZarrDataException(where + ": shard " + key + ": index of " + raw.length + " bytes, expected " + 16 * n);
    }
    long[] e = new long[2 * n];
    for (int i = 0; i < 2 * n; i++) {
      long v = 0;
      for (int b = 7; b >= 0; b--) {
        v = (v << 8) | (raw[8 * i + b] & 0xFF);
      }
      e[i] = v;
    }
    for (int i = 0; i < n; i++) {
      long off = e[2 * i];
      long nb = e[2 * i + 1];
      boolean empty = off == EMPTY && nb == EMPTY;
      if (!empty && (off < 0 || nb < 0 || off + nb > length)) {
        throw new ZarrDataException(where + ": shard " + key + ": inner chunk " + i + " at bytes " + off + ".."
            + (off + nb) + " lies outside the shard of " + length + " bytes");
      }
    }
    return e;
  }

  private byte[] fill(String which) throws ZarrDataException {
    if (vlen) {
      return vlenFill(which);
    }
    if (fillElement == null) {
      throw new ZarrDataException(where + ": chunk " + which + " is missing and the array has no fill_value");
    }
    if (fillChunk == null) {
      fillChunk = new byte[chunkBytes];
      for (int p = 0; p + elementSize <= chunkBytes; p += elementSize) {
        System.arraycopy(fillElement, 0, fillChunk, p, elementSize);
      }
    }
    return fillChunk;
  }

  private byte[] vlenFill(String which) throws ZarrDataException {
    byte[] value = meta.fill();
    if (value == null) {
      throw new ZarrDataException(where + ": chunk " + which + " is missing and the array has no fill_value");
    }
    heap = value;
    if (fillChunk == null) {
      fillChunk = new byte[chunkBytes];
      for (int p = 0; p < chunkBytes; p += ZarrDataType.HANDLE_BYTES) {
        putInt(fillChunk, p + 4, value.length);
      }
    }
    return fillChunk;
  }

  private static void putInt(byte[] b, int p, int v) {
    b[p] = (byte) v;
    b[p + 1] = (byte) (v >>> 8);
    b[p + 2] = (byte) (v >>> 16);
    b[p + 3] = (byte) (v >>> 24);
  }

  private static int getInt(byte[] b, int p) {
    return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
  }

  /** Handles (offset, length) of the elements of a vlen-encoded chunk; the chunk is the heap. */
  private byte[] vlenHandles(byte[] data, String which) throws ZarrDataException {
    int n = chunkBytes / ZarrDataType.HANDLE_BYTES;
    if (data.length < 4 || getInt(data, 0) != n) {
      throw new ZarrDataException(where + ": chunk " + which + " holds "
          + (data.length < 4 ? "no count" : Integer.toUnsignedString(getInt(data, 0)) + " elements")
          + ", expected " + n);
    }
    byte[] handles = new byte[chunkBytes];
    int p = 4;
    for (int i = 0; i < n; i++) {
      int len = p + 4 <= data.length ? getInt(data, p) : -1;
      if (len < 0 || p + 4 + (long) len > data.length) {
        throw new ZarrDataException(where + ": chunk " + which + ": element " + i + " runs past the chunk's "
            + data.length + " bytes");
      }
      putInt(handles, 8 * i, p + 4);
      putInt(handles, 8 * i + 4, len);
      p += 4 + len;
    }
    if (p != data.length) {
      throw new ZarrDataException(where + ": chunk " + which + " has " + (data.length - p)
          + " bytes after its last element");
    }
    heap = data;
    return handles;
  }

  /** Decodes the chunk in {@link #stored}. */
  private byte[] decode(ZarrCodecChain chain, String which) throws ZarrDataException {
    byte[] reuse = keep || chain.vlen() || chain.transpose() != null ? null : spare;
    byte[] data = decodeBytes(chain, which, reuse);
    if (chain.vlen()) {
      data = vlenHandles(data, which);
    }
    if (data.length != chunkBytes) {
      throw new ZarrDataException(where + ": chunk " + which + " decodes to " + data.length
          + " bytes, expected " + chunkBytes + " (" + Arrays.toString(readChunks) + " x " + elementSize + ")");
    }
    if (chain.transpose() != null) {
      return toC(data, chain.transpose());
    }
    spare = keep || chain.vlen() ? null : data;
    return data;
  }

  /** Decodes the bytes in {@link #stored} through a chain's codecs, the last step into {@code reuse} if it can. */
  private byte[] decodeBytes(ZarrCodecChain chain, String which, byte[] reuse) throws ZarrDataException {
    List<ZarrCodec> codecs = chain.codecs();
    if (codecs.isEmpty()) {
      return Arrays.copyOf(stored.data, stored.length);
    }
    byte[] data = stored.data;
    int length = stored.length;
    for (int i = codecs.size() - 1; i >= 0; i--) {
      ZarrCodec c = codecs.get(i);
      try {
        data = c.decode(data, length, i == 0 ? chunkBytes : -1, i == 0 ? reuse : null);
        length = data.length;
      } catch (IOException | RuntimeException e) {
        throw new ZarrDataException(where + ": chunk " + which + ": " + c.describe() + ": "
            + String.valueOf(e.getMessage()).split("\n")[0], e);
      }
    }
    // a codec that gave its input back would leave the result in the buffer the next read refills
    return data == stored.data ? Arrays.copyOf(data, length) : data;
  }

  /** Reorders elements stored along axes {@code order} (stored axis i = chunk axis order[i]) to C order. */
  private byte[] toC(byte[] data, int[] order) {
    int rank = readChunks.length;
    long[] cStride = new long[rank];
    long s = elementSize;
    for (int k = rank - 1; k >= 0; k--) {
      cStride[k] = s;
      s *= readChunks[k];
    }
    int[] storedShape = new int[rank];
    long[] step = new long[rank];
    for (int i = 0; i < rank; i++) {
      storedShape[i] = readChunks[order[i]];
      step[i] = cStride[order[i]];
    }
    byte[] out = new byte[data.length];
    int[] idx = new int[rank];
    long dst = 0;
    for (int src = 0; src < data.length; src += elementSize) {
      System.arraycopy(data, src, out, (int) dst, elementSize);
      int k = rank - 1;
      while (k >= 0) {
        idx[k]++;
        dst += step[k];
        if (idx[k] < storedShape[k]) {
          break;
        }
        dst -= step[k] * storedShape[k];
        idx[k] = 0;
        k--;
      }
    }
    return out;
  }
}
