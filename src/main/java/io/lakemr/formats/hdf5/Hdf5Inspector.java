package io.lakemr.formats.hdf5;

import io.jhdf.AbstractNode;
import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Link;
import io.jhdf.api.Node;
import io.jhdf.dataset.chunked.ChunkedDatasetV3;
import io.jhdf.links.ExternalLink;
import io.jhdf.object.datatype.ArrayDataType;
import io.jhdf.object.datatype.CompoundDataType;
import io.jhdf.object.datatype.DataType;
import io.jhdf.object.datatype.EnumDataType;
import io.jhdf.object.datatype.FixedPoint;
import io.jhdf.object.datatype.FloatingPoint;
import io.jhdf.object.datatype.StringData;
import io.jhdf.object.datatype.VariableLength;
import io.jhdf.object.message.DataLayoutMessage;
import io.lakemr.conf.BadInputException;
import io.lakemr.data.Column;
import java.lang.reflect.Array;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The structure of an HDF5 file from metadata only, as a document of maps, lists, strings and
 * numbers (what {@code inspect} prints as text or JSON): the tree of groups and datasets with
 * shape, type, storage, chunk index, chunk shape, filters, fill value and attributes; soft and
 * external links (not followed); and for each dataset, and each group of 1-D datasets, the
 * table lakemr would read from it.
 */
public final class Hdf5Inspector {

  /** Array attributes show at most this many values. */
  static final int MAX_ATTRIBUTE_VALUES = 32;

  private final HdfFile file;
  private final String fileName;

  private Hdf5Inspector(HdfFile file, String fileName) {
    this.file = file;
    this.fileName = fileName;
  }

  /** The document of an open file. */
  public static Map<String, Object> inspect(HdfFile file, String fileName) {
    Hdf5Inspector in = new Hdf5Inspector(file, fileName);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("file", fileName);
    doc.put("format", "hdf5");
    doc.put("bytes", file.size());
    doc.put("superblockVersion", file.getHdfBackingStorage().getSuperblock().getVersionOfSuperblock());
    if (file.getUserBlockSize() > 0) {
      doc.put("userBlockBytes", file.getUserBlockSize());
    }
    doc.put("root", in.group(file));
    return doc;
  }

  private Map<String, Object> group(Group g) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", groupPath(g));
    m.put("kind", "group");
    putAttributes(m, g);
    Map<String, Object> table = groupTable(g);
    if (table != null) {
      m.put("table", table);
    }
    List<Object> children = new ArrayList<>();
    for (Node n : g.getChildren().values()) {
      children.add(node(n));
    }
    m.put("children", children);
    return m;
  }

  private Map<String, Object> node(Node n) {
    if (n instanceof Link) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("path", n.getPath());
      if (n instanceof ExternalLink) {
        m.put("kind", "external link");
      } else {
        m.put("kind", "soft link");
      }
      // FILE:PATH for an external link
      m.put("targetPath", ((Link) n).getTargetPath());
      return m;
    }
    if (n instanceof Group) {
      return group((Group) n);
    }
    return dataset((Dataset) n);
  }

  private Map<String, Object> dataset(Dataset d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("path", d.getPath());
    m.put("kind", "dataset");
    m.put("shape", d.getDimensionsAsLong());
    m.put("dtype", describe(d.getDataType()));
    try {
      Hdf5DatasetPart part = new Hdf5DatasetPart(fileName, d);
      m.put("storage", part.storage.name().toLowerCase(java.util.Locale.ROOT));
      if (part.storage == Hdf5DatasetPart.Storage.CHUNKED) {
        m.put("chunkIndex", chunkIndex(d));
        m.put("chunkShape", part.chunk);
        m.put("filters", part.decoder.filterNames());
        List<Hdf5ByteExtent> extents = part.extents();
        long stored = 0;
        for (Hdf5ByteExtent e : extents) {
          stored += e.length();
        }
        m.put("allocatedChunks", extents.size());
        m.put("storedBytes", stored);
      }
    } catch (RuntimeException e) {
      m.put("storageError", Hdf5Files.oneLine(e));
    }
    try {
      Object fill = d.getFillValue();
      if (fill != null) {
        m.put("fillValue", value(fill));
      }
    } catch (RuntimeException e) {
      // a fill value of a type jhdf cannot decode (compound) is left out
    }
    putAttributes(m, d);
    m.put("table", table(new Hdf5ReadOptions(d.getPath(), List.of(), false)));
    if (d.getDimensions().length >= 2) {
      m.put("tableAsCells", table(new Hdf5ReadOptions(d.getPath(), List.of(), true)));
    }
    return m;
  }

  /** The table of a group of 1-D datasets, or null when the group holds none. */
  private Map<String, Object> groupTable(Group g) {
    for (Node n : g.getChildren().values()) {
      if (n instanceof Dataset && !n.isLink() && ((Dataset) n).getDimensions().length == 1) {
        return table(new Hdf5ReadOptions(groupPath(g), List.of(), false));
      }
    }
    return null;
  }

  /** A group's path without the trailing slash jhdf gives it ({@code /} for the root). */
  private static String groupPath(Group g) {
    String p = g.getPath();
    return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
  }

  private Map<String, Object> table(Hdf5ReadOptions options) {
    Map<String, Object> t = new LinkedHashMap<>();
    try {
      Hdf5TableMapping mapping = Hdf5TableMapping.resolve(file, fileName, options);
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

  private void putAttributes(Map<String, Object> m, Node n) {
    Map<String, Object> attributes = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, Attribute> a : n.getAttributes().entrySet()) {
        try {
          attributes.put(a.getKey(), value(a.getValue().getData()));
        } catch (RuntimeException e) {
          attributes.put(a.getKey(), "(cannot be read: " + Hdf5Files.oneLine(e) + ")");
        }
      }
    } catch (RuntimeException e) {
      attributes.put("(attributes)", "(cannot be read: " + Hdf5Files.oneLine(e) + ")");
    }
    if (!attributes.isEmpty()) {
      m.put("attributes", attributes);
    }
  }

  /** A value as a string, number, boolean, or list of them (arrays cut short). */
  static Object value(Object v) {
    if (v == null) {
      return null;
    }
    if (v.getClass().isArray()) {
      int n = Array.getLength(v);
      List<Object> out = new ArrayList<>();
      for (int i = 0; i < Math.min(n, MAX_ATTRIBUTE_VALUES); i++) {
        out.add(value(Array.get(v, i)));
      }
      if (n > MAX_ATTRIBUTE_VALUES) {
        out.add("... " + (n - MAX_ATTRIBUTE_VALUES) + " more");
      }
      return out;
    }
    if (v instanceof Number || v instanceof Boolean || v instanceof String) {
      return v;
    }
    return v.toString();
  }

  /** The chunk index type of a chunked dataset. */
  static String chunkIndex(Dataset d) {
    if (d instanceof ChunkedDatasetV3) {
      return "v1 B-tree";
    }
    DataLayoutMessage layout = ((AbstractNode) d).getHeader().getMessageOfType(DataLayoutMessage.class);
    if (layout instanceof DataLayoutMessage.ChunkedDataLayoutMessageV4) {
      switch (((DataLayoutMessage.ChunkedDataLayoutMessageV4) layout).getIndexingType()) {
        case 1:
          return "single chunk";
        case 2:
          return "implicit";
        case 3:
          return "fixed array";
        case 4:
          return "extensible array";
        case 5:
          return "v2 B-tree";
        default:
          return "unknown";
      }
    }
    return "unknown";
  }

  /** A short description of an HDF5 type: {@code int32 le}, {@code string[8] nul-padded ascii}, ... */
  static String describe(DataType t) {
    if (t instanceof FixedPoint) {
      FixedPoint f = (FixedPoint) t;
      return (f.isSigned() ? "int" : "uint") + f.getSize() * 8 + order(f.getByteOrder());
    }
    if (t instanceof FloatingPoint) {
      return "float" + t.getSize() * 8 + order(((FloatingPoint) t).getByteOrder());
    }
    if (t instanceof StringData) {
      StringData s = (StringData) t;
      return "string[" + t.getSize() + "] " + s.getPaddingType().name().toLowerCase(java.util.Locale.ROOT)
          .replace('_', '-') + " " + s.getCharset().name().toLowerCase(java.util.Locale.ROOT);
    }
    if (t instanceof VariableLength) {
      VariableLength v = (VariableLength) t;
      return v.isVariableLengthString() ? "vlen string " + v.getEncoding().name().toLowerCase(java.util.Locale.ROOT)
          : "vlen sequence of " + describe(v.getParent());
    }
    if (t instanceof EnumDataType) {
      EnumDataType e = (EnumDataType) t;
      return "enum " + describe(e.getBaseType()) + " " + e.getEnumMapping().values();
    }
    if (t instanceof ArrayDataType) {
      ArrayDataType a = (ArrayDataType) t;
      return describe(a.getBaseType()) + Arrays.toString(a.getArrayTypeDimensions());
    }
    if (t instanceof CompoundDataType) {
      List<String> members = new ArrayList<>();
      for (CompoundDataType.CompoundDataMember member : ((CompoundDataType) t).getMembers()) {
        members.add(member.getName() + ": " + describe(member.getDataType()));
      }
      return "compound {" + String.join(", ", members) + "}";
    }
    return t.getClass().getSimpleName().toLowerCase(Locale.ROOT) + "[" + t.getSize() + "]";
  }

  private static String order(ByteOrder o) {
    return o == ByteOrder.BIG_ENDIAN ? " be" : " le";
  }
}
