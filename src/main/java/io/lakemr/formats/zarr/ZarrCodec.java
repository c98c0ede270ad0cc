package io.lakemr.formats.zarr;

import java.io.IOException;
import java.util.Arrays;

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

  /**
   * Decodes the encoded bytes {@code in[0, length)}. A codec that can decodes into
   * {@code reuse} when that is not null and exactly the decoded size; this one copies the input
   * when it is not the whole array and decodes into a new array.
   *
   * @param reuse an array the caller no longer needs, or null
   * @return the decoded bytes: {@code reuse} or a new array
   * @throws IOException as {@link #decode(byte[], int)}
   */
  default byte[] decode(byte[] in, int length, int sizeHint, byte[] reuse) throws IOException {
    return decode(length == in.length ? in : Arrays.copyOf(in, length), sizeHint);
  }
}
