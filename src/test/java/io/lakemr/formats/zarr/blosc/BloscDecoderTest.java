package io.lakemr.formats.zarr.blosc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
    byte[] plain = new byte[70];
    for (int i = 0; i < plain.length; i++) {
      plain[i] = (byte) (i * 37 + 11);
    }
    byte[] shuffled = new byte[70];
    int n = 70 / 4;
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 4; j++) {
        shuffled[j * n + i] = plain[i * 4 + j];
      }
    }
    shuffled[68] = plain[68];
    shuffled[69] = plain[69];
    byte[] out = new byte[70];
    Shuffle.unshuffle(4, 70, shuffled, 0, out, 0);
    assertArrayEquals(plain, out);
  }
}
