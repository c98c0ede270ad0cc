package io.lakemr.formats.zarr.blosc;

import io.airlift.compress.MalformedInputException;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decodes a Blosc (version 1 format, as c-blosc 1.x and numcodecs write it) frame, in pure Java.
 *
 * <p>The frame starts with a 16-byte header: format version, codec version, flags, type size,
 * then the decoded size, the block size and the frame size as little-endian 32-bit integers.
 * Flags: bit 0 byte shuffle, bit 1 a plain copy follows the header (memcpyed), bit 2 bit
 * shuffle, bit 4 blocks were not split, bits 5-7 the codec (0 BloscLZ, 1 LZ4 and LZ4HC, 2
 * Snappy, 3 zlib, 4 Zstandard). Unless memcpyed, the header is followed by one 32-bit offset per
 * block, and each block by one stream per split (the type size's number of splits, or one):
 * a 32-bit compressed size, then the bytes, stored as they are when that size equals the
 * split's decoded size. Each block is then unshuffled on its own.
 */
public final class BloscDecoder {

  /** Size of the frame header. */
  public static final int HEADER_BYTES = 16;

  private static final int FLAG_SHUFFLE = 0x1;
  private static final int FLAG_MEMCPYED = 0x2;
  private static final int FLAG_BITSHUFFLE = 0x4;
  private static final int FLAG_RESERVED = 0x8;
  private static final int FLAG_DONT_SPLIT = 0x10;
  private static final int MAX_SPLITS = 16;
  private static final int MIN_BUFFERSIZE = 128;
  private static final String[] CODECS = {"blosclz", "lz4", "snappy", "zlib", "zstd"};
  /** Stateless, so shared. */
  private static final Lz4Decompressor LZ4 = new Lz4Decompressor();
  /** Per thread, the buffer a shuffled block is decompressed into before it is unshuffled. */
  private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[0]);

  private BloscDecoder() {
  }

  /** The decoded size a frame announces. */
  public static int decodedSize(byte[] frame) throws BloscException {
    if (frame.length < HEADER_BYTES) {
      throw new BloscException("blosc: frame of " + frame.length + " bytes is shorter than its header");
    }
    return readInt(frame, 4);
  }

  /** The codec name of a frame's flags, for messages and {@code inspect}. */
  public static String codecName(byte[] frame) {
    int code = (frame[2] & 0xFF) >>> 5;
    return code < CODECS.length ? CODECS[code] : "codec " + code;
  }

  /**
   * Decodes one frame.
   *
   * @throws BloscException naming what is wrong: truncated frame, bad sizes, an unsupported
   *     codec (Snappy) or a stream that does not decode to its announced size
   */
  public static byte[] decode(byte[] frame) throws BloscException {
    return decode(frame, frame.length, null);
  }

  /**
   * Decodes one frame held in {@code frame[0, length)}, into {@code reuse} when that is not null
   * and exactly the decoded size, else into a new array.
   *
   * @return the decoded bytes: {@code reuse} or a new array
   * @throws BloscException as {@link #decode(byte[])}
   */
  public static byte[] decode(byte[] frame, int length, byte[] reuse) throws BloscException {
    if (length < HEADER_BYTES) {
      throw new BloscException("blosc: frame of " + length + " bytes is shorter than its header");
    }
    int nbytes = readInt(frame, 4);
    int version = frame[0] & 0xFF;
    int flags = frame[2] & 0xFF;
    int typesize = frame[3] & 0xFF;
    int blocksize = readInt(frame, 8);
    int cbytes = readInt(frame, 12);
    if (version == 0 || version > 2) {
      throw new BloscException("blosc: unsupported format version " + version);
    }
    if (nbytes < 0 || cbytes < HEADER_BYTES || cbytes > length) {
      throw new BloscException("blosc: frame says " + cbytes + " bytes holding " + nbytes
          + ", it has " + length);
    }
    byte[] out = reuse != null && reuse.length == nbytes ? reuse : new byte[nbytes];
    if (nbytes == 0) {
      return out;
    }
    if ((flags & FLAG_MEMCPYED) != 0) {
      if (cbytes != nbytes + HEADER_BYTES) {
        throw new BloscException("blosc: copied frame of " + cbytes + " bytes cannot hold " + nbytes);
      }
      System.arraycopy(frame, HEADER_BYTES, out, 0, nbytes);
      return out;
    }
    if ((flags & FLAG_RESERVED) != 0) {
      throw new BloscException("blosc: unsupported flags 0x" + Integer.toHexString(flags));
    }
    if (blocksize <= 0 || typesize == 0) {
      throw new BloscException("blosc: bad block size " + blocksize + " or type size " + typesize);
    }
    int nblocks = nbytes / blocksize + (nbytes % blocksize > 0 ? 1 : 0);
    if (HEADER_BYTES + 4L * nblocks > cbytes) {
      throw new BloscException("blosc: frame too short for its " + nblocks + " block offsets");
    }
    Frame f = new Frame(frame, cbytes, flags, typesize, blocksize);
    for (int b = 0; b < nblocks; b++) {
      int size = Math.min(blocksize, nbytes - b * blocksize);
      f.block(readInt(frame, HEADER_BYTES + 4 * b), size, size < blocksize, out, b * blocksize);
    }
    return out;
  }

  static int readInt(byte[] b, int p) {
    return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
  }

  /** One frame being decoded, with its scratch buffer. */
  private static final class Frame {
    private final byte[] src;
    private final int cbytes;
    private final int flags;
    private final int typesize;
    private final int codec;
    private final byte[] tmp;

    Frame(byte[] src, int cbytes, int flags, int typesize, int blocksize) throws BloscException {
      this.src = src;
      this.cbytes = cbytes;
      this.flags = flags;
      this.typesize = typesize;
      this.codec = flags >>> 5;
      if (codec >= CODECS.length) {
        throw new BloscException("blosc: unknown codec " + codec);
      }
      if (codec == 2) {
        throw new BloscException("blosc: codec snappy is not supported");
      }
      byte[] scratch = SCRATCH.get();
      if (scratch.length < blocksize) {
        scratch = new byte[blocksize];
        SCRATCH.set(scratch);
      }
      this.tmp = scratch;
    }

    void block(int start, int size, boolean leftover, byte[] out, int outOff) throws BloscException {
      boolean shuffle = (flags & FLAG_SHUFFLE) != 0 && typesize > 1;
      boolean bitshuffle = !shuffle && (flags & FLAG_BITSHUFFLE) != 0 && size >= typesize;
      byte[] dst = shuffle || bitshuffle ? tmp : out;
      int dstOff = shuffle || bitshuffle ? 0 : outOff;
      boolean split = (flags & FLAG_DONT_SPLIT) == 0 && typesize <= MAX_SPLITS
          && size / typesize >= MIN_BUFFERSIZE && !leftover;
      int nsplits = split ? typesize : 1;
      int neblock = size / nsplits;
      int p = start;
      for (int j = 0; j < nsplits; j++) {
        if (p < HEADER_BYTES || p + 4 > cbytes) {
          throw new BloscException("blosc: stream offset " + p + " outside the frame of " + cbytes + " bytes");
        }
        int len = readInt(src, p);
        p += 4;
        if (len < 0 || p + len > cbytes) {
          throw new BloscException("blosc: stream of " + len + " bytes at " + p + " runs past the frame");
        }
        if (len == neblock) {
          System.arraycopy(src, p, dst, dstOff, neblock);
        } else {
          int got = inflate(p, len, dst, dstOff, neblock);
          if (got != neblock) {
            throw new BloscException("blosc: " + CODECS[codec] + " stream decodes to " + got
                + " bytes, expected " + neblock);
          }
        }
        p += len;
        dstOff += neblock;
      }
      if (shuffle) {
        Shuffle.unshuffle(typesize, size, tmp, 0, out, outOff);
      } else if (bitshuffle) {
        Shuffle.bitUnshuffle(typesize, size, tmp, 0, out, outOff);
      }
    }

    private int inflate(int p, int len, byte[] dst, int dstOff, int want) throws BloscException {
      try {
        switch (codec) {
          case 0:
            return Blosclz.decompress(src, p, len, dst, dstOff, want);
          case 1:
            return LZ4.decompress(src, p, len, dst, dstOff, want);
          case 3:
            return zlib(p, len, dst, dstOff, want);
          default:
            return new ZstdDecompressor().decompress(src, p, len, dst, dstOff, want);
        }
      } catch (MalformedInputException | IndexOutOfBoundsException e) {
        throw new BloscException("blosc: corrupt " + CODECS[codec] + " stream: " + e.getMessage(), e);
      }
    }

    private int zlib(int p, int len, byte[] dst, int dstOff, int want) throws BloscException {
      Inflater inflater = new Inflater();
      try {
        inflater.setInput(src, p, len);
        int n = inflater.inflate(dst, dstOff, want);
        if (!inflater.finished()) {
          throw new BloscException("blosc: zlib stream does not end after " + want + " bytes");
        }
        return n;
      } catch (DataFormatException e) {
        throw new BloscException("blosc: corrupt zlib stream: " + e.getMessage(), e);
      } finally {
        inflater.end();
      }
    }
  }
}
