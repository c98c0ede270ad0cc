package io.lakemr.formats.zarr;

/**
 * The layout of a v3 {@code sharding_indexed} shard: inner chunks of {@code innerChunks}, each
 * encoded by {@code inner}, and an index of one (offset, nbytes) little-endian uint64 pair per
 * inner chunk (C order; both 2^64-1 for an empty chunk), encoded by {@code index} (usually
 * {@code bytes} and {@code crc32c}), at the start or the end of the shard.
 *
 * @param innerChunks the inner chunk shape
 * @param inner the inner chunks' codec chain
 * @param index the index's codec chain
 * @param indexAtStart true when the index precedes the chunks
 * @param indexChecksums number of 4-byte checksums the index codecs append
 */
public record ZarrSharding(int[] innerChunks, ZarrCodecChain inner, ZarrCodecChain index, boolean indexAtStart,
    int indexChecksums) {

  public ZarrSharding {
    innerChunks = innerChunks.clone();
  }

  @Override
  public int[] innerChunks() {
    return innerChunks.clone();
  }

  /** Stored bytes of an index of {@code chunks} entries. */
  public int indexBytes(int chunks) {
    return 16 * chunks + 4 * indexChecksums;
  }
}
