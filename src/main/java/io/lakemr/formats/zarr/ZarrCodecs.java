package io.lakemr.formats.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import io.airlift.compress.MalformedInputException;
import io.airlift.compress.lz4.Lz4Decompressor;
import io.airlift.compress.zstd.ZstdDecompressor;
import io.airlift.compress.zstd.ZstdInputStream;
import io.lakemr.formats.zarr.blosc.BloscDecoder;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.CRC32C;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * The codecs lakemr decodes, in pure Java, made from their JSON configuration: v2 compressors
 * (numcodecs ids {@code zlib, gzip, zstd, lz4, bz2, blosc}) and v3 bytes-to-bytes codecs
 * ({@code gzip, zstd, blosc, crc32c}). Any other codec or filter is refused by name with an
 * {@link IllegalArgumentException}.
 */
public final class ZarrCodecs {

  private ZarrCodecs() {
  }

  /** A v2 compressor or filter from its {@code {"id": ...}} configuration. */
  public static ZarrCodec v2(JsonNode config) {
    String id = config.path("id").asText("");
    switch (id) {
      case "zlib":
        return named("zlib(level " + config.path("level").asInt() + ")", ZarrCodecs::inflate);
      case "gzip":
        return named("gzip(level " + config.path("level").asInt() + ")", ZarrCodecs::gunzip);
      case "zstd":
        return named("zstd(level " + config.path("level").asInt() + ")", ZarrCodecs::unzstd);
      case "lz4":
        return named("lz4", ZarrCodecs::unlz4Framed);
      case "bz2":
        return named("bz2(level " + config.path("level").asInt() + ")", ZarrCodecs::bunzip2);
      case "blosc":
        return reusing(bloscName(config.path("cname").asText(), shuffleName(config.path("shuffle"))),
            (in, length, hint, reuse) -> BloscDecoder.decode(in, length, reuse));
      default:
        throw new IllegalArgumentException("codec " + (id.isEmpty() ? config.toString() : id)
            + " is not supported");
    }
  }

  /** A v3 bytes-to-bytes codec from its {@code {"name": ..., "configuration": ...}}. */
  public static ZarrCodec v3(JsonNode codec) {
    String name = codec.path("name").asText("");
    JsonNode c = codec.path("configuration");
    switch (name) {
      case "gzip":
        return named("gzip(level " + c.path("level").asInt() + ")", ZarrCodecs::gunzip);
      case "zstd":
        return named("zstd(level " + c.path("level").asInt() + ")", ZarrCodecs::unzstd);
      case "blosc":
        return reusing(bloscName(c.path("cname").asText(), shuffleName(c.path("shuffle"))),
            (in, length, hint, reuse) -> BloscDecoder.decode(in, length, reuse));
      case "crc32c":
        return named("crc32c", ZarrCodecs::checkCrc32c);
      default:
        throw new IllegalArgumentException("codec " + (name.isEmpty() ? codec.toString() : name)
            + " is not supported");
    }
  }

  private static String bloscName(String cname, String shuffle) {
    return "blosc(" + cname + ", " + shuffle + ")";
  }

  private static String shuffleName(JsonNode shuffle) {
    if (shuffle.isTextual()) {
      return shuffle.asText();
    }
    switch (shuffle.asInt(1)) {
      case 0:
        return "noshuffle";
      case 2:
        return "bitshuffle";
      case -1:
        return "autoshuffle";
      default:
        return "shuffle";
    }
  }

  /** A decoding function of a whole array. */
  @FunctionalInterface
  private interface Decoding {
    byte[] decode(byte[] in, int sizeHint) throws IOException;
  }

  /** A decoding function of {@code in[0, length)}, into {@code reuse} when it can. */
  @FunctionalInterface
  private interface ReusingDecoding {
    byte[] decode(byte[] in, int length, int sizeHint, byte[] reuse) throws IOException;
  }

  private static ZarrCodec named(String description, Decoding d) {
    return reusing(description, (in, length, hint, reuse) ->
        d.decode(length == in.length ? in : Arrays.copyOf(in, length), hint));
  }

  private static ZarrCodec reusing(String description, ReusingDecoding d) {
    return new ZarrCodec() {
      @Override
      public String describe() {
        return description;
      }

      @Override
      public byte[] decode(byte[] in, int sizeHint) throws IOException {
        return decode(in, in.length, sizeHint, null);
      }

      @Override
      public byte[] decode(byte[] in, int length, int sizeHint, byte[] reuse) throws IOException {
        try {
          return d.decode(in, length, sizeHint, reuse);
        } catch (MalformedInputException | IndexOutOfBoundsException | IllegalStateException e) {
          throw new IOException(description.replaceAll("\\(.*", "") + ": corrupt data: " + e.getMessage(), e);
        }
      }

      @Override
      public String toString() {
        return description;
      }
    };
  }

  static byte[] inflate(byte[] in, int sizeHint) throws IOException {
    Inflater inf = new Inflater();
    try {
      inf.setInput(in);
      ByteArrayOutputStream out = new ByteArrayOutputStream(sizeHint > 0 ? sizeHint : in.length * 4);
      byte[] buf = new byte[sizeHint > 0 ? sizeHint : 65536];
      while (!inf.finished()) {
        int n = inf.inflate(buf);
        if (n == 0 && (inf.needsInput() || inf.needsDictionary())) {
          throw new IOException("zlib: truncated stream");
        }
        out.write(buf, 0, n);
      }
      return out.toByteArray();
    } catch (DataFormatException e) {
      throw new IOException("zlib: corrupt stream: " + e.getMessage(), e);
    } finally {
      inf.end();
    }
  }

  static byte[] gunzip(byte[] in, int sizeHint) throws IOException {
    try (InputStream s = new GZIPInputStream(new ByteArrayInputStream(in))) {
      return s.readAllBytes();
    } catch (IOException e) {
      throw new IOException("gzip: " + e.getMessage(), e);
    }
  }

  static byte[] bunzip2(byte[] in, int sizeHint) throws IOException {
    try (InputStream s = new BZip2CompressorInputStream(new ByteArrayInputStream(in))) {
      return s.readAllBytes();
    } catch (IOException e) {
      throw new IOException("bz2: " + e.getMessage(), e);
    }
  }

  static byte[] unzstd(byte[] in, int sizeHint) throws IOException {
    long size = ZstdDecompressor.getDecompressedSize(in, 0, in.length);
    if (size < 0) {
      try (InputStream s = new ZstdInputStream(new ByteArrayInputStream(in))) {
        return s.readAllBytes();
      }
    }
    if (size > Integer.MAX_VALUE - 16) {
      throw new IOException("zstd: frame says " + size + " bytes");
    }
    byte[] out = new byte[(int) size];
    int n = new ZstdDecompressor().decompress(in, 0, in.length, out, 0, out.length);
    if (n != size) {
      throw new IOException("zstd: frame decodes to " + n + " bytes, it says " + size);
    }
    return out;
  }

  /** numcodecs LZ4: a little-endian 32-bit decoded size, then one LZ4 block. */
  static byte[] unlz4Framed(byte[] in, int sizeHint) throws IOException {
    if (in.length < 4) {
      throw new IOException("lz4: " + in.length + " bytes is too short for its size header");
    }
    int size = (in[0] & 0xFF) | (in[1] & 0xFF) << 8 | (in[2] & 0xFF) << 16 | (in[3] & 0xFF) << 24;
    if (size < 0) {
      throw new IOException("lz4: bad size header " + Integer.toUnsignedString(size));
    }
    byte[] out = new byte[size];
    int n = new Lz4Decompressor().decompress(in, 4, in.length - 4, out, 0, size);
    if (n != size) {
      throw new IOException("lz4: block decodes to " + n + " bytes, its header says " + size);
    }
    return out;
  }

  /** v3 crc32c: the last 4 bytes are the little-endian CRC-32C of the others. */
  static byte[] checkCrc32c(byte[] in, int sizeHint) throws IOException {
    if (in.length < 4) {
      throw new IOException("crc32c: " + in.length + " bytes is too short for a checksum");
    }
    int n = in.length - 4;
    CRC32C crc = new CRC32C();
    crc.update(in, 0, n);
    long stored = (in[n] & 0xFFL) | (in[n + 1] & 0xFFL) << 8 | (in[n + 2] & 0xFFL) << 16 | (in[n + 3] & 0xFFL) << 24;
    if (crc.getValue() != stored) {
      throw new IOException(String.format(Locale.ROOT, "crc32c mismatch: stored %08x, computed %08x",
          stored, crc.getValue()));
    }
    byte[] out = new byte[n];
    System.arraycopy(in, 0, out, 0, n);
    return out;
  }
}
