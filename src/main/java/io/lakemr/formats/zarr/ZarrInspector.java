package io.lakemr.formats.zarr;

import io.lakemr.conf.BadInputException;
import io.lakemr.data.Column;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The structure of a Zarr store from metadata and listings only, as a document of maps, lists,
 * strings and numbers (what {@code inspect} prints as text or JSON): the tree of groups and
 * arrays with shape, chunks (and shards), dtype, codecs, fill value, attributes, the number of
 * chunks present and their stored bytes; for each array, and each group of 1-D arrays, the
 * table lakemr reads from it, or why it cannot.
 */
public final class ZarrInspector {

  private final ZarrHierarchy hierarchy;

  private ZarrInspector(ZarrHierarchy hierarchy) {
    this.hierarchy = hierarchy;
  }

  /** The document of a store. */
  public static Map<String, Object> inspect(ZarrHierarchy h) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("store", h.store().name());
    doc.put("format", "zarr");
    doc.put("zarrFormat", h.format());
    doc.put("consolidatedMetadata", h.consolidated());
    doc.put("root", new ZarrInspector(h).node(h.node("")));
    return doc;
  }

  private Map<String, Object> node(ZarrNode n) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", n.display());
    switch (n.kind()) {
      case ARRAY:
        m.put("kind", "array");
        array(n.array(), m);
        break;
      case BROKEN:
        m.put("kind", "unreadable");
        m.put("error", n.problem());
        break;
      default:
        m.put("kind", "group");
        putAttributes(n, m);
        boolean columns = false;
        List<Object> children = new ArrayList<>();
        for (ZarrNode c : hierarchy.children(n.path())) {
          columns |= c.kind() == ZarrNode.Kind.ARRAY && c.array().rank() == 1;
          children.add(node(c));
        }
        if (columns) {
          m.put("table", table(new ZarrReadOptions(n.display(), List.of(), false)));
        }
        m.put("children", children);
    }
    return m;
  }

  private void array(ZarrArrayMeta a, Map<String, Object> m) throws IOException {
    m.put("shape", a.shape());
    m.put("dtype", a.dtype().describe());
    m.put("chunks", a.chunks());
    if (a.chain().sharding() != null) {
      m.put("shards", a.chunks());
      m.put("innerChunks", a.readChunks());
    }
    m.put("codecs", a.chain().describe());
    m.put("fillValue", a.fillJson() == null ? null : ZarrMetadata.plain(a.fillJson()));
    List<ZarrStoredChunk> stored = ZarrChunkListing.list(hierarchy.store(), a);
    long bytes = 0;
    for (ZarrStoredChunk c : stored) {
      bytes += c.bytes();
    }
    m.put(a.chain().sharding() != null ? "shardsPresent" : "chunksPresent", stored.size());
    m.put("gridChunks", a.gridChunks());
    m.put("storedBytes", bytes);
    putAttributes(hierarchy.node(a.path()), m);
    m.put("table", table(new ZarrReadOptions("/" + a.path(), List.of(), false)));
    if (a.rank() >= 2) {
      m.put("tableAsCells", table(new ZarrReadOptions("/" + a.path(), List.of(), true)));
    }
  }

  private static void putAttributes(ZarrNode n, Map<String, Object> m) {
    if (n.attributes() != null && n.attributes().size() > 0) {
      m.put("attributes", ZarrMetadata.plain(n.attributes()));
    }
  }

  private Map<String, Object> table(ZarrReadOptions options) {
    Map<String, Object> t = new LinkedHashMap<>();
    try {
      ZarrTableMapping mapping = ZarrTableMapping.resolve(hierarchy, options);
      t.put("layout", options.cells() ? "cells" : "rows");
      t.put("mapping", mapping.layout().description());
      t.put("rows", mapping.rowCount());
      List<Object> columns = new ArrayList<>();
      for (Column c : mapping.schema().columns()) {
        columns.add(Map.of("name", c.name(), "type", c.type().displayName()));
      }
      t.put("columns", columns);
      if (!mapping.schema().unreadable().isEmpty()) {
        t.put("unreadable", mapping.schema().unreadable());
      }
    } catch (BadInputException e) {
      t.put("error", e.getMessage());
    }
    return t;
  }
}
