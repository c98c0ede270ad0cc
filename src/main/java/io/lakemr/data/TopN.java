package io.lakemr.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The {@code n} smallest (key, value) pairs offered, keys compared as unsigned bytes: a bounded
 * max-heap that holds at most {@code n} entries, so finding the top N of any number of rows
 * takes memory for N rows. Keys are expected to be distinct; of equal keys, one is kept.
 */
public final class TopN {

  /** One kept pair. */
  public record Entry(byte[] key, byte[] value) {
  }

  private static final Comparator<Entry> BY_KEY = (a, b) -> Arrays.compareUnsigned(a.key, b.key);

  private final int n;
  private final PriorityQueue<Entry> heap;

  public TopN(int n) {
    if (n < 1) {
      throw new IllegalArgumentException("n = " + n);
    }
    this.n = n;
    this.heap = new PriorityQueue<>(Math.min(n, 1024) + 1, BY_KEY.reversed());
  }

  /** Offers a pair; copies the bytes only when it is kept. */
  public void offer(byte[] key, int keyLength, byte[] value, int valueLength) {
    if (heap.size() >= n) {
      Entry largest = heap.peek();
      if (Arrays.compareUnsigned(key, 0, keyLength, largest.key, 0, largest.key.length) >= 0) {
        return;
      }
      heap.poll();
    }
    heap.add(new Entry(Arrays.copyOf(key, keyLength), Arrays.copyOf(value, valueLength)));
  }

  public int size() {
    return heap.size();
  }

  /** The kept pairs, smallest key first. */
  public List<Entry> sorted() {
    List<Entry> out = new ArrayList<>(heap);
    out.sort(BY_KEY);
    return out;
  }
}
