package io.lakemr.formats.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.StringJoiner;

/**
 * The metadata of one Zarr array (v2 {@code .zarray} + {@code .zattrs}, or v3 {@code zarr.json}):
 * shape, chunk grid, element type, fill value, codec chain and chunk key encoding. For a
 * sharded v3 array the grid's chunks are shards (one file each) and {@link #readChunks()} is the
 * inner chunk shape a reader decodes one at a time.
 */
public final class ZarrArrayMeta {

  private final String path;
  private final int format;
  private final long[] shape;
  private final int[] chunks;
  private final ZarrDataType dtype;
  private final byte[] fill;
  private final JsonNode fillJson;
  private final ZarrCodecChain chain;
  private final String keyPrefix;
  private final String separator;
  private final JsonNode attributes;

  /**
   * @param path the array's path in the store, {@code ""} for the root
   * @param format 2 or 3
   * @param shape the array's shape
   * @param chunks the chunk grid's chunk shape (shards for a sharded array)
   * @param dtype element type, in the stored byte order
   * @param fill one element of fill value, or null when the array has none
   * @param fillJson the fill value as written
   * @param chain how a chunk is encoded
   * @param keyPrefix {@code "c"} for v3's default chunk key encoding, else {@code ""}
   * @param separator the chunk key separator
   * @param attributes the user attributes (an object node, maybe empty)
   */
  public ZarrArrayMeta(String path, int format, long[] shape, int[] chunks, ZarrDataType dtype, byte[] fill,
      JsonNode fillJson, ZarrCodecChain chain, String keyPrefix, String separator, JsonNode attributes) {
    this.path = path;
    this.format = format;
    this.shape = shape.clone();
    this.chunks = chunks.clone();
    this.dtype = dtype;
    this.fill = fill == null ? null : fill.clone();
    this.fillJson = fillJson;
    this.chain = chain;
    this.keyPrefix = keyPrefix;
    this.separator = separator;
    this.attributes = attributes;
  }

  public String path() {
    return path;
  }

  /** The last path component, or {@code fallback} for the root. */
  public String name(String fallback) {
    return path.isEmpty() ? fallback : path.substring(path.lastIndexOf('/') + 1);
  }

  public int format() {
    return format;
  }

  public long[] shape() {
    return shape.clone();
  }

  public int rank() {
    return shape.length;
  }

  /** The chunk grid's chunk shape (shard shape when sharded). */
  public int[] chunks() {
    return chunks.clone();
  }

  /** The chunk shape decoded at a time: the inner chunk shape when sharded, else {@link #chunks()}. */
  public int[] readChunks() {
    return chain.sharding() != null ? chain.sharding().innerChunks() : chunks.clone();
  }

  public ZarrDataType dtype() {
    return dtype;
  }

  /** One element of fill value in the dtype's byte order, or null. */
  public byte[] fill() {
    return fill == null ? null : fill.clone();
  }

  public JsonNode fillJson() {
    return fillJson;
  }

  public ZarrCodecChain chain() {
    return chain;
  }

  public JsonNode attributes() {
    return attributes;
  }

  /** Chunks of the grid along each dimension. */
  public long[] gridShape() {
    long[] g = new long[shape.length];
    for (int k = 0; k < shape.length; k++) {
      g[k] = (shape[k] + chunks[k] - 1) / chunks[k];
    }
    return g;
  }

  /** Number of chunks (shards) in the grid. */
  public long gridChunks() {
    long n = 1;
    for (long g : gridShape()) {
      n = Math.multiplyExact(n, g);
    }
    return n;
  }

  /** The store key of the grid chunk at {@code index}, relative to the array. */
  public String chunkKey(long[] index) {
    StringJoiner j = new StringJoiner(separator);
    if (!keyPrefix.isEmpty()) {
      j.add(keyPrefix);
    }
    for (long i : index) {
      j.add(Long.toString(i));
    }
    if (index.length == 0 && keyPrefix.isEmpty()) {
      return "0";
    }
    return j.toString();
  }

  /**
   * The grid index a chunk key (relative to the array, {@code /}-separated as listed) names, or
   * null when the key is not a chunk of this array (a metadata file, a stray file).
   */
  public long[] parseChunkKey(String key) {
    String rest = key;
    if (!keyPrefix.isEmpty()) {
      if (rest.equals(keyPrefix) && shape.length == 0) {
        return new long[0];
      }
      if (!rest.startsWith(keyPrefix + separator)) {
        return null;
      }
      rest = rest.substring(keyPrefix.length() + separator.length());
    }
    if (!separator.equals("/") && rest.contains("/")) {
      return null;
    }
    String[] parts = rest.split(separator.equals(".") ? "\\." : "/", -1);
    if (shape.length == 0) {
      return parts.length == 1 && parts[0].equals("0") ? new long[0] : null;
    }
    if (parts.length != shape.length) {
      return null;
    }
    long[] g = gridShape();
    long[] out = new long[parts.length];
    for (int k = 0; k < parts.length; k++) {
      try {
        out[k] = Long.parseLong(parts[k]);
      } catch (NumberFormatException e) {
        return null;
      }
      if (out[k] < 0 || out[k] >= g[k]) {
        return null;
      }
    }
    return out;
  }

  /** Decoded bytes of one read chunk. */
  public long readChunkBytes() {
    long n = dtype.size();
    for (int c : readChunks()) {
      n *= c;
    }
    return n;
  }

  @Override
  public String toString() {
    return path + " " + Arrays.toString(shape) + " " + dtype;
  }
}
