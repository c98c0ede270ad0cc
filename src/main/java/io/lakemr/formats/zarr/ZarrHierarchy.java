package io.lakemr.formats.zarr;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakemr.conf.BadInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The groups and arrays of a Zarr store, from metadata only. Consolidated metadata (v2
 * {@code .zmetadata}, v3 inline {@code consolidated_metadata}) is used when present: one read
 * instead of a listing. Otherwise the tree is walked with one directory listing per group or
 * array (never per chunk: a walk stops at an array). A folder under a group with neither
 * {@code .zarray} nor {@code .zgroup}, or with unreadable metadata, is a
 * {@link ZarrNode.Kind#BROKEN} node carrying the reason.
 */
public final class ZarrHierarchy {

  /** The metadata keys whose presence at a folder's top makes it a store. */
  private static final List<String> STORE_KEYS = List.of("zarr.json", ".zgroup", ".zarray");

  private final ZarrStore store;
  private final int format;
  private final boolean consolidated;
  private final Map<String, ZarrNode> nodes;

  private ZarrHierarchy(ZarrStore store, int format, boolean consolidated, Map<String, ZarrNode> nodes) {
    this.store = store;
    this.format = format;
    this.consolidated = consolidated;
    this.nodes = nodes;
  }

  /**
   * Reads a store's hierarchy.
   *
   * @throws BadInputException naming the store when it is not a Zarr store or its root or
   *     consolidated metadata cannot be read
   * @throws IOException when the file system fails
   */
  public static ZarrHierarchy open(ZarrStore store) throws IOException {
    return open(store, "");
  }

  /**
   * Reads the node at a path and everything under it (all of the store for the root, or when
   * its metadata is consolidated): what a task needs to read one array or group, without
   * walking the rest of the store. A missing node is simply absent.
   *
   * @throws BadInputException naming the store when it is not a Zarr store or its root or
   *     consolidated metadata cannot be read
   * @throws IOException when the file system fails
   */
  public static ZarrHierarchy open(ZarrStore store, String at) throws IOException {
    String path = trim(at == null ? "" : at);
    Map<String, ZarrNode> nodes = new TreeMap<>();
    byte[] v3 = store.read("zarr.json");
    if (v3 != null) {
      JsonNode root = parse(store, "zarr.json", v3);
      JsonNode inline = root.path("consolidated_metadata").path("metadata");
      nodes.put("", v3Node(store, "", root));
      if (inline.isObject() && nodes.get("").kind() == ZarrNode.Kind.GROUP) {
        for (Iterator<Map.Entry<String, JsonNode>> it = inline.fields(); it.hasNext();) {
          Map.Entry<String, JsonNode> e = it.next();
          String p = trim(e.getKey());
          nodes.put(p, v3Node(store, p, e.getValue()));
        }
        return new ZarrHierarchy(store, 3, true, nodes);
      }
      if (path.isEmpty()) {
        walkV3(store, "", nodes);
      } else {
        v3Subtree(store, path, nodes);
      }
      return new ZarrHierarchy(store, 3, false, nodes);
    }
    byte[] zmeta = store.read(".zmetadata");
    if (zmeta != null) {
      JsonNode meta = parse(store, ".zmetadata", zmeta).path("metadata");
      if (!meta.isObject()) {
        throw new BadInputException(store.name() + ": .zmetadata: no metadata object");
      }
      consolidatedV2(store, meta, nodes);
      return new ZarrHierarchy(store, 2, true, nodes);
    }
    if (path.isEmpty() && !walkV2(store, "", nodes)) {
      throw new BadInputException(store.name() + ": not a Zarr store: no zarr.json, .zmetadata, .zgroup or .zarray");
    }
    if (!path.isEmpty() && store.length(".zgroup") >= 0) {
      walkV2(store, path, nodes);
    }
    return new ZarrHierarchy(store, 2, false, nodes);
  }

  private static void v3Subtree(ZarrStore store, String path, Map<String, ZarrNode> nodes) throws IOException {
    byte[] meta = store.read(key(path, "zarr.json"));
    if (meta == null) {
      return;
    }
    ZarrNode n;
    try {
      n = v3Node(store, path, ZarrMetadata.json(meta));
    } catch (IllegalArgumentException e) {
      n = broken(path, ZarrMetadata.empty(), key(path, "zarr.json") + ": " + e.getMessage());
    }
    nodes.put(path, n);
    if (n.kind() == ZarrNode.Kind.GROUP) {
      walkV3(store, path, nodes);
    }
  }

  private static JsonNode parse(ZarrStore store, String key, byte[] bytes) {
    try {
      return ZarrMetadata.json(bytes);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(store.name() + ": " + key + ": " + e.getMessage(), e);
    }
  }

  private static String trim(String path) {
    String p = path;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }

  private static String child(String parent, String name) {
    return parent.isEmpty() ? name : parent + "/" + name;
  }

  private static String key(String path, String name) {
    return path.isEmpty() ? name : path + "/" + name;
  }

  private static List<String> list(ZarrStore store, String path) throws IOException {
    List<String> names = new ArrayList<>();
    for (FileStatus s : store.fs().listStatus(store.path(path))) {
      names.add(s.getPath().getName() + (s.isDirectory() ? "/" : ""));
    }
    return names;
  }

  private static ZarrNode v3Node(ZarrStore store, String path, JsonNode meta) {
    JsonNode attrs = meta.path("attributes").isObject() ? meta.path("attributes") : ZarrMetadata.empty();
    if (meta.path("zarr_format").asInt() != 3) {
      return broken(path, attrs, key(path, "zarr.json") + ": zarr_format " + meta.path("zarr_format") + ", expected 3");
    }
    String type = meta.path("node_type").asText();
    if (type.equals("group")) {
      return new ZarrNode(path, ZarrNode.Kind.GROUP, attrs, null, null);
    }
    if (!type.equals("array")) {
      return broken(path, attrs, key(path, "zarr.json") + ": node_type " + meta.path("node_type") + " is neither group nor array");
    }
    try {
      return new ZarrNode(path, ZarrNode.Kind.ARRAY, attrs, ZarrMetadata.v3(path, meta), null);
    } catch (IllegalArgumentException e) {
      return broken(path, attrs, key(path, "zarr.json") + ": " + e.getMessage());
    }
  }

  private static ZarrNode broken(String path, JsonNode attrs, String problem) {
    return new ZarrNode(path, ZarrNode.Kind.BROKEN, attrs, null, problem);
  }

  private static void walkV3(ZarrStore store, String path, Map<String, ZarrNode> nodes) throws IOException {
    for (String name : list(store, path)) {
      if (!name.endsWith("/")) {
        continue;
      }
      String sub = child(path, name.substring(0, name.length() - 1));
      byte[] meta = store.read(key(sub, "zarr.json"));
      if (meta == null) {
        continue;
      }
      ZarrNode n;
      try {
        n = v3Node(store, sub, ZarrMetadata.json(meta));
      } catch (IllegalArgumentException e) {
        n = broken(sub, ZarrMetadata.empty(), key(sub, "zarr.json") + ": " + e.getMessage());
      }
      nodes.put(sub, n);
      if (n.kind() == ZarrNode.Kind.GROUP) {
        walkV3(store, sub, nodes);
      }
    }
  }

  /**
   * Adds the v2 node at a path and, for a group, everything under it: metadata keys are read
   * directly, and only groups are listed (never an array's folder of chunks).
   *
   * @return false when the folder holds neither {@code .zarray} nor {@code .zgroup}
   */
  private static boolean walkV2(ZarrStore store, String path, Map<String, ZarrNode> nodes) throws IOException {
    JsonNode attrs = ZarrMetadata.empty();
    String problem = null;
    byte[] zattrs = store.read(key(path, ".zattrs"));
    if (zattrs != null) {
      try {
        attrs = ZarrMetadata.json(zattrs);
      } catch (IllegalArgumentException e) {
        problem = key(path, ".zattrs") + ": " + e.getMessage();
      }
    }
    byte[] zarray = store.read(key(path, ".zarray"));
    if (zarray != null) {
      nodes.put(path, problem == null ? v2Array(store, path, zarray, attrs) : broken(path, attrs, problem));
      return true;
    }
    if (store.length(key(path, ".zgroup")) < 0) {
      nodes.put(path, broken(path, attrs, "missing .zarray (and .zgroup): not a Zarr array or group"));
      return false;
    }
    nodes.put(path, problem == null ? new ZarrNode(path, ZarrNode.Kind.GROUP, attrs, null, null)
        : broken(path, attrs, problem));
    for (String name : list(store, path)) {
      if (name.endsWith("/")) {
        walkV2(store, child(path, name.substring(0, name.length() - 1)), nodes);
      }
    }
    return true;
  }

  private static ZarrNode v2Array(ZarrStore store, String path, byte[] zarray, JsonNode attrs) {
    try {
      return new ZarrNode(path, ZarrNode.Kind.ARRAY, attrs, ZarrMetadata.v2(path, ZarrMetadata.json(zarray), attrs), null);
    } catch (IllegalArgumentException e) {
      return broken(path, attrs, key(path, ".zarray") + ": " + e.getMessage());
    }
  }

  private static void consolidatedV2(ZarrStore store, JsonNode meta, Map<String, ZarrNode> nodes) {
    Map<String, JsonNode> attrs = new HashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = meta.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      if (e.getKey().endsWith(".zattrs")) {
        attrs.put(trim(e.getKey().substring(0, e.getKey().length() - ".zattrs".length())), e.getValue());
      }
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = meta.fields(); it.hasNext();) {
      Map.Entry<String, JsonNode> e = it.next();
      String k = e.getKey();
      if (k.endsWith(".zgroup")) {
        String path = trim(k.substring(0, k.length() - ".zgroup".length()));
        nodes.put(path, new ZarrNode(path, ZarrNode.Kind.GROUP, attrs.getOrDefault(path, ZarrMetadata.empty()), null, null));
      } else if (k.endsWith(".zarray")) {
        String path = trim(k.substring(0, k.length() - ".zarray".length()));
        JsonNode a = attrs.getOrDefault(path, ZarrMetadata.empty());
        try {
          nodes.put(path, new ZarrNode(path, ZarrNode.Kind.ARRAY, a, ZarrMetadata.v2(path, e.getValue(), a), null));
        } catch (IllegalArgumentException ex) {
          nodes.put(path, broken(path, a, ".zmetadata: " + k + ": " + ex.getMessage()));
        }
      }
    }
    if (!nodes.containsKey("")) {
      throw new BadInputException(store.name() + ": .zmetadata has no root .zgroup or .zarray");
    }
  }

  public ZarrStore store() {
    return store;
  }

  /** 2 or 3. */
  public int format() {
    return format;
  }

  /** True when the tree came from consolidated metadata. */
  public boolean consolidated() {
    return consolidated;
  }

  /** Every node by path, sorted ({@code ""} first). */
  public Map<String, ZarrNode> nodes() {
    return nodes;
  }

  /** The node at a path ({@code /a/b}, {@code a/b} or {@code /}), or null. */
  public ZarrNode node(String path) {
    return nodes.get(trim(path == null ? "" : path));
  }

  /** The direct children of a node, in path order. */
  public List<ZarrNode> children(String path) {
    String p = trim(path);
    List<ZarrNode> out = new ArrayList<>();
    for (ZarrNode n : nodes.values()) {
      if (n.path().isEmpty() || !n.path().startsWith(p.isEmpty() ? "" : p + "/")) {
        continue;
      }
      String rest = p.isEmpty() ? n.path() : n.path().substring(p.length() + 1);
      if (!rest.contains("/")) {
        out.add(n);
      }
    }
    return out;
  }

  /** Every array, in path order. */
  public List<ZarrArrayMeta> arrays() {
    List<ZarrArrayMeta> out = new ArrayList<>();
    for (ZarrNode n : nodes.values()) {
      if (n.kind() == ZarrNode.Kind.ARRAY) {
        out.add(n.array());
      }
    }
    return out;
  }

  /**
   * Whether a folder holds Zarr metadata at its top (for format detection): {@code zarr.json},
   * {@code .zgroup} or {@code .zarray} (a v2 {@code .zmetadata} always sits beside a
   * {@code .zgroup}). At most three lookups, no listing.
   */
  public static boolean isStore(FileSystem fs, Path dir) throws IOException {
    for (String k : STORE_KEYS) {
      if (fs.exists(new Path(dir, k))) {
        return true;
      }
    }
    return false;
  }

  /** Whether a file name in a folder marks the folder as a store (see {@link #isStore}). */
  public static boolean isStoreKey(String name) {
    return STORE_KEYS.contains(name);
  }
}
