package io.lakemr.formats.zarr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How one chunk (or one inner chunk of a shard) is encoded: an optional axis permutation of
 * the stored elements (v2 {@code order: "F"}, v3 {@code transpose}), then either plain element
 * bytes or a shard ({@code sharding_indexed}), then bytes-to-bytes codecs (v2 filters and
 * compressor, v3 compressors and {@code crc32c}), listed in encoding order.
 *
 * @param transpose the stored axis order: stored axis {@code i} is chunk axis {@code transpose[i]};
 *     null when the chunk is stored in C order
 * @param codecs bytes-to-bytes codecs in encoding order (decoded last to first)
 * @param sharding the shard layout when the chunk is a shard, else null
 * @param vlen true when elements are variable-length ({@code vlen-utf8}, {@code vlen-bytes}):
 *     a little-endian uint32 count, then per element a uint32 length and its bytes
 */
public record ZarrCodecChain(int[] transpose, List<ZarrCodec> codecs, ZarrSharding sharding, boolean vlen) {

  public ZarrCodecChain {
    transpose = transpose == null ? null : transpose.clone();
    codecs = List.copyOf(codecs);
  }

  /** The codec names and settings, in encoding order, for {@code inspect}. */
  public List<String> describe() {
    List<String> out = new ArrayList<>();
    if (transpose != null) {
      out.add("transpose" + Arrays.toString(transpose));
    }
    if (vlen) {
      out.add("vlen");
    }
    if (sharding != null) {
      out.add("sharding_indexed(chunks " + Arrays.toString(sharding.innerChunks()) + ", index at "
          + (sharding.indexAtStart() ? "start" : "end") + ", inner " + sharding.inner().describe()
          + ", index " + sharding.index().describe() + ")");
    }
    for (ZarrCodec c : codecs) {
      out.add(c.describe());
    }
    return out;
  }
}
