package io.lakemr.formats.hdf5;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jhdf.filter.ByteShuffleFilter;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;

/** The decoder's own deflate and shuffle give what jhdf's filters and java.util.zip give. */
class Hdf5ChunkDecoderTest {

  @Test
  void unshuffleMatchesJhdfForEveryElementSizeAndRemainder() {
    SplittableRandom r = new SplittableRandom(3);
    for (int size = 1; size <= 16; size++) {
      for (int length : new int[] {0, 1, size, 1000 * size, 1000 * size + size / 2, 4099}) {
        byte[] data = new byte[length];
        for (int i = 0; i < length; i++) {
          data[i] = (byte) r.nextInt(256);
        }
        byte[] want = new ByteShuffleFilter().decode(data.clone(), new int[] {size});
        assertArrayEquals(want, Hdf5ChunkDecoder.unshuffle(data.clone(), size), "size " + size + " length " + length);
      }
    }
  }

  @Test
  void inflateWhateverTheSizeHint() {
    byte[] data = new byte[300_001];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i % 251 * (i % 7));
    }
    Deflater d = new Deflater();
    d.setInput(data);
    d.finish();
    byte[] buf = new byte[data.length + 1024];
    int n = d.deflate(buf);
    d.end();
    byte[] stored = Arrays.copyOf(buf, n);
    for (int hint : new int[] {0, 1, 1000, data.length, data.length + 4, 10 * data.length}) {
      assertArrayEquals(data, Hdf5ChunkDecoder.inflate(stored, hint), "hint " + hint);
    }
    assertThrows(IllegalStateException.class, () -> Hdf5ChunkDecoder.inflate(Arrays.copyOf(stored, n / 2), data.length));
  }
}
