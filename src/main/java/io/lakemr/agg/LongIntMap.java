package io.lakemr.agg;

import java.util.Arrays;

/** An open-addressing map from long keys to non-negative ints, for value and group codes. */
final class LongIntMap {

  private long[] keys = new long[1024];
  private int[] values = new int[1024]; // -1: empty
  private int mask = 1023;
  private int size;

  LongIntMap() {
    Arrays.fill(values, -1);
  }

  /** The value of a key, or -1. */
  int get(long key) {
    int i = slot(key);
    while (true) {
      int v = values[i];
      if (v < 0 || keys[i] == key) {
        return v;
      }
      i = (i + 1) & mask;
    }
  }

  /** The value of a key, adding {@code value} for it when it has none. */
  int putIfAbsent(long key, int value) {
    int i = slot(key);
    while (true) {
      int v = values[i];
      if (v < 0) {
        keys[i] = key;
        values[i] = value;
        if (++size * 2 > values.length) {
          grow();
        }
        return value;
      }
      if (keys[i] == key) {
        return v;
      }
      i = (i + 1) & mask;
    }
  }

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  private void grow() {
    long[] oldKeys = keys;
    int[] oldValues = values;
    keys = new long[oldKeys.length * 2];
    values = new int[oldValues.length * 2];
    Arrays.fill(values, -1);
    mask = values.length - 1;
    for (int j = 0; j < oldValues.length; j++) {
      if (oldValues[j] >= 0) {
        int i = slot(oldKeys[j]);
        while (values[i] >= 0) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[j];
        values[i] = oldValues[j];
      }
    }
  }

  int size() {
    return size;
  }

  long memoryBytes() {
    return 12L * values.length;
  }

  void clear() {
    Arrays.fill(values, -1);
    size = 0;
  }
}
