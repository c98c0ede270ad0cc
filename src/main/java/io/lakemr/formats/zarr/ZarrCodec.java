package io.lakemr.formats.zarr;

import java.io.IOException;

/**
 * One bytes-to-bytes step of a chunk's codec chain (a v2 compressor or filter, a v3
 * bytes-to-bytes codec), decoding only.
 */
public interface ZarrCodec {

  /** The codec's name with its settings, for {@code inspect} and messages: {@code blosc(lz4, shuffle)}. */
  String describe();

  /**
   * Decodes one chunk's bytes.
   *
   * @param in the encoded bytes
   * @param sizeHint the decoded size when known, or -1
   * @throws IOException naming the codec and what is wrong, without the chunk (the caller adds it)
   */
  byte[] decode(byte[] in, int sizeHint) throws IOException;
}
