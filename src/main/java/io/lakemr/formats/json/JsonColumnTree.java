package io.lakemr.formats.json;

import io.lakemr.formats.text.NestedColumns;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each key of a JSON object leads, for a set of flattened column names: a node per
 * object level. Column {@code a_b_c} is reached by the key {@code a_b_c}, or by key {@code a}
 * then {@code b_c}, or {@code a} then {@code b} then {@code c}, and so on: every way its name
 * splits at an underscore, so nested objects and keys holding underscores both find it.
 */
final class JsonColumnTree {

  /** Names with more underscores than this are matched only whole or split at every one. */
  private static final int MAX_SPLIT_POINTS = 8;

  final Map<String, JsonColumnTree> children = new HashMap<>();
  /** The column a key's value fills, or -1. */
  int column = -1;
  /** The keys of {@link #children} as UTF-8, beside their nodes, for lookups from bytes. */
  private byte[][] keyBytes = new byte[0][];
  private JsonColumnTree[] keyNodes = new JsonColumnTree[0];

  /** The tree of some column names; column {@code i} is {@code names.get(i)}. */
  static JsonColumnTree of(List<String> names) {
    JsonColumnTree root = new JsonColumnTree();
    for (int c = 0; c < names.size(); c++) {
      String[] parts = names.get(c).split(NestedColumns.SEPARATOR, -1);
      if (parts.length - 1 > MAX_SPLIT_POINTS) {
        root.add(new String[] {names.get(c)}, 0, c);
        root.add(parts, 0, c);
      } else {
        root.addEverySplit(parts, 0, c);
      }
    }
    root.indexKeys();
    return root;
  }

  /** The node of the key whose UTF-8 bytes are {@code b[from, to)}, or null; allocates nothing. */
  JsonColumnTree child(byte[] b, int from, int to) {
    byte[][] keys = keyBytes;
    for (int i = 0; i < keys.length; i++) {
      if (Arrays.equals(keys[i], 0, keys[i].length, b, from, to)) {
        return keyNodes[i];
      }
    }
    return null;
  }

  private void indexKeys() {
    keyBytes = new byte[children.size()][];
    keyNodes = new JsonColumnTree[children.size()];
    int i = 0;
    for (Map.Entry<String, JsonColumnTree> e : children.entrySet()) {
      keyBytes[i] = e.getKey().getBytes(StandardCharsets.UTF_8);
      keyNodes[i] = e.getValue();
      e.getValue().indexKeys();
      i++;
    }
  }

  private void addEverySplit(String[] parts, int from, int column) {
    StringBuilder key = new StringBuilder();
    for (int i = from; i < parts.length; i++) {
      if (i > from) {
        key.append(NestedColumns.SEPARATOR);
      }
      key.append(parts[i]);
      JsonColumnTree child = children.computeIfAbsent(key.toString(), k -> new JsonColumnTree());
      if (i == parts.length - 1) {
        if (child.column < 0) {
          child.column = column;
        }
      } else {
        child.addEverySplit(parts, i + 1, column);
      }
    }
  }

  private void add(String[] parts, int i, int column) {
    JsonColumnTree child = children.computeIfAbsent(parts[i], k -> new JsonColumnTree());
    if (i == parts.length - 1) {
      if (child.column < 0) {
        child.column = column;
      }
    } else {
      child.add(parts, i + 1, column);
    }
  }
}
