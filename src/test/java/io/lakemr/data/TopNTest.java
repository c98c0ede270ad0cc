package io.lakemr.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The bounded heap keeps exactly the N smallest keys, in unsigned byte order, and never more than N. */
class TopNTest {

  @Test
  void keepsTheSmallestKeys() {
    SplittableRandom r = new SplittableRandom(7);
    List<byte[]> all = new ArrayList<>();
    TopN top = new TopN(17);
    for (int i = 0; i < 5000; i++) {
      byte[] k = new byte[1 + r.nextInt(4)];
      for (int j = 0; j < k.length; j++) {
        k[j] = (byte) r.nextInt(256);
      }
      k[0] = (byte) (i >> 5); // distinct keys, high bytes included (unsigned order matters)
      byte[] padded = Arrays.copyOf(k, k.length + 2);
      padded[k.length] = (byte) (i >> 8);
      padded[k.length + 1] = (byte) i;
      all.add(padded);
      byte[] buffer = Arrays.copyOf(padded, padded.length + 9); // longer than the key, as Writables are
      top.offer(buffer, padded.length, new byte[] {(byte) i}, 1);
      assertEquals(Math.min(i + 1, 17), top.size());
    }
    all.sort(Arrays::compareUnsigned);
    List<TopN.Entry> kept = top.sorted();
    assertEquals(17, kept.size());
    for (int i = 0; i < 17; i++) {
      assertEquals(Arrays.toString(all.get(i)), Arrays.toString(kept.get(i).key()), "rank " + i);
    }
  }
}
