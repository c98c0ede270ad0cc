package io.lakemr.agg;

import java.util.Arrays;

/**
 * A hash table from encoded group keys to dense group numbers 0, 1, 2, ...
 *
 * <p>Keys are copied into one byte arena; the table holds only ints. Its memory use is known
 * at every moment, so the mapper can flush before it passes its budget.
 */
public final class GroupTable {

  private byte[] arena = new byte[1 << 16];
  private int arenaUsed;
  private int[] offsets = new int[1024];
  private int[] lengths = new int[1024];
  private int[] hashes = new int[1024];
  private int size;
  private int[] slots = new int[2048]; // group + 1; 0 is empty
  private int mask = slots.length - 1;

  public int size() {
    return size;
  }

  public byte[] arena() {
    return arena;
  }

  public int keyOffset(int group) {
    return offsets[group];
  }

  public int keyLength(int group) {
    return lengths[group];
  }

  /** Bytes held by the table, arena included. */
  public long memoryBytes() {
    return (long) arena.length + 12L * offsets.length + 4L * slots.length;
  }

  /** The group number of a key, adding the key as a new group when it is not yet known. */
  public int findOrAdd(byte[] key, int off, int len) {
    int h = hash(key, off, len);
    int i = h & mask;
    while (true) {
      int s = slots[i];
      if (s == 0) {
        return add(i, h, key, off, len);
      }
      int g = s - 1;
      if (hashes[g] == h && lengths[g] == len
          && Arrays.equals(arena, offsets[g], offsets[g] + len, key, off, off + len)) {
        return g;
      }
      i = (i + 1) & mask;
    }
  }

  private int add(int slot, int h, byte[] key, int off, int len) {
    if (arenaUsed + len > arena.length) {
      long want = Math.max((long) arenaUsed + len, (long) arena.length * 2);
      if (want > Integer.MAX_VALUE - 16) {
        throw new IllegalStateException("group table arena passed 2 GiB; lower "
            + "lakemr.aggregate.map.memory.bytes");
      }
      arena = Arrays.copyOf(arena, (int) want);
    }
    System.arraycopy(key, off, arena, arenaUsed, len);
    if (size == offsets.length) {
      int cap = size * 2;
      offsets = Arrays.copyOf(offsets, cap);
      lengths = Arrays.copyOf(lengths, cap);
      hashes = Arrays.copyOf(hashes, cap);
    }
    int g = size++;
    offsets[g] = arenaUsed;
    lengths[g] = len;
    hashes[g] = h;
    arenaUsed += len;
    slots[slot] = g + 1;
    if (size * 2 > slots.length) {
      rehash();
    }
    return g;
  }

  private void rehash() {
    slots = new int[slots.length * 2];
    mask = slots.length - 1;
    for (int g = 0; g < size; g++) {
      int i = hashes[g] & mask;
      while (slots[i] != 0) {
        i = (i + 1) & mask;
      }
      slots[i] = g + 1;
    }
  }

  /** Forgets every key, keeping the arrays for reuse. */
  public void clear() {
    Arrays.fill(slots, 0);
    size = 0;
    arenaUsed = 0;
  }

  static int hash(byte[] b, int off, int len) {
    int h = 0x9747b28c ^ len;
    int end = off + len;
    for (int i = off; i < end; i++) {
      h = (h ^ b[i]) * 0x01000193;
    }
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    h *= 0xc2b2ae35;
    h ^= h >>> 16;
    return h;
  }
}
