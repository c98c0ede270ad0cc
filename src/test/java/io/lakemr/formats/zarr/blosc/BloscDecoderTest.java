package io.lakemr.formats.zarr.blosc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Frames written by the reference library (numcodecs.Blosc, c-blosc 1.x) under
 * src/test/resources/zarr/blosc, each named {@code CNAME_SHUFFLE_KIND_TYPESIZE_bBLOCKSIZE_cLEVEL},
 * decode to the bytes in {@code KIND.bin}.
 */
class BloscDecoderTest {

  static Path dir() throws URISyntaxException {
    return Paths.get(BloscDecoderTest.class.getResource("/zarr/blosc/i4.bin").toURI()).getParent();
  }

  static List<Path> frames() throws Exception {
    List<Path> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(dir())) {
      s.filter(p -> p.toString().endsWith(".blosc")).sorted().forEach(out::add);
    }
    return out;
  }

  static byte[] expected(Path frame) throws IOException {
    String kind = frame.getFileName().toString().split("_")[2];
    return Files.readAllBytes(frame.resolveSibling(kind + ".bin"));
  }

  @Test
  void everyReferenceFrameDecodes() throws Exception {
    List<Path> frames = frames();
    assertEquals(64, frames.size());
    List<String> codecs = new ArrayList<>();
    for (Path f : frames) {
      byte[] frame = Files.readAllBytes(f);
      assertArrayEquals(expected(f), BloscDecoder.decode(frame), f.getFileName().toString());
      codecs.add(BloscDecoder.codecName(frame));
    }
    for (String c : List.of("blosclz", "lz4", "zstd", "zlib")) {
      assertTrue(codecs.contains(c), c);
    }
  }

  @Test
  void framesDecodeInPlaceOfAReusedArrayOfTheirSize() throws Exception {
    for (Path f : frames()) {
      byte[] frame = Files.readAllBytes(f);
      byte[] want = expected(f);
      byte[] held = Arrays.copyOf(frame, frame.length + 100);
      byte[] reuse = new byte[want.length];
      Arrays.fill(reuse, (byte) 0x5A);
      byte[] got = BloscDecoder.decode(held, frame.length, reuse);
      assertSame(reuse, got, f.getFileName() + " decodes into the array given");
      assertArrayEquals(want, got, f.getFileName().toString());
      byte[] other = BloscDecoder.decode(frame, frame.length, new byte[want.length + 1]);
      assertArrayEquals(want, other, f.getFileName() + " with an array of another size");
    }
  }

  @Test
  void framesCoverSplitsLeftoversAndCopies() throws Exception {
    boolean memcpyed = false;
    boolean multiBlock = false;
    boolean bitshuffle = false;
    for (Path f : frames()) {
      byte[] frame = Files.readAllBytes(f);
      int flags = frame[2] & 0xFF;
      memcpyed |= (flags & 0x2) != 0;
      bitshuffle |= (flags & 0x4) != 0;
      multiBlock |= BloscDecoder.readInt(frame, 4) > BloscDecoder.readInt(frame, 8);
    }
    assertTrue(memcpyed, "a memcpyed frame");
    assertTrue(multiBlock, "a frame of several blocks");
    assertTrue(bitshuffle, "a bit-shuffled frame");
  }

  @Test
  void corruptFramesFailAndNeverDecodeWrongly() throws Exception {
    int failed = 0;
    for (Path f : frames()) {
      byte[] frame = Files.readAllBytes(f);
      if ((frame[2] & 0x2) != 0 || frame.length < 64) {
        continue;
      }
      byte[] cut = Arrays.copyOf(frame, frame.length - 7);
      assertThrows(BloscException.class, () -> BloscDecoder.decode(cut), f.toString());
      failed++;
    }
    assertTrue(failed >= 30, failed + " compressed frames");
  }

  @Test
  void unsupportedCodecIsNamed() throws Exception {
    byte[] frame = Files.readAllBytes(dir().resolve("lz4_shuffle_i4_4_b0_c5.blosc"));
    frame[2] = (byte) ((frame[2] & 0x1F) | (2 << 5));
    BloscException e = assertThrows(BloscException.class, () -> BloscDecoder.decode(frame));
    assertTrue(e.getMessage().contains("snappy"), e.getMessage());
  }

  @Test
  void shuffleRoundTripsByHand() {
    for (int typesize : new int[] {2, 3, 4, 8, 16}) {
      int size = 16 * typesize + typesize - 1;
      byte[] plain = new byte[size];
      for (int i = 0; i < plain.length; i++) {
        plain[i] = (byte) (i * 37 + 11);
      }
      byte[] shuffled = new byte[size + 5];
      int n = size / typesize;
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < typesize; j++) {
          shuffled[5 + j * n + i] = plain[i * typesize + j];
        }
      }
      System.arraycopy(plain, n * typesize, shuffled, 5 + n * typesize, size - n * typesize);
      byte[] out = new byte[size + 3];
      Shuffle.unshuffle(typesize, size, shuffled, 5, out, 3);
      assertArrayEquals(plain, Arrays.copyOfRange(out, 3, 3 + size), "type size " + typesize);
    }
  }
}
