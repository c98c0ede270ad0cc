package io.lakemr.drivers;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Prints an {@code inspect} document as indented text for people. */
final class InspectText {

  private InspectText() {
  }

  static void print(Map<String, Object> doc, PrintStream out) {
    switch (String.valueOf(doc.get("format"))) {
      case "directory":
        directory(doc, out);
        break;
      case "hdf5":
        hdf5(doc, out);
        break;
      default:
        parquet(doc, out);
        break;
    }
  }

  private static void directory(Map<String, Object> doc, PrintStream out) {
    List<?> files = (List<?>) doc.get("files");
    out.printf("%s: directory, %d file%s, %,d bytes%n", doc.get("directory"), files.size(),
        files.size() == 1 ? "" : "s", (Long) doc.get("totalBytes"));
    if (doc.containsKey("partitionColumns")) {
      out.println("  partition columns: " + String.join(", ", strings(doc.get("partitionColumns"))));
    }
    for (Object o : files) {
      Map<?, ?> f = (Map<?, ?>) o;
      out.printf("  %,15d  %-8s %s%n", (Long) f.get("bytes"), f.get("format"), f.get("path"));
    }
    for (Object o : (List<?>) doc.get("inspected")) {
      out.println();
      print(map(o), out);
    }
  }

  private static void hdf5(Map<String, Object> doc, PrintStream out) {
    out.printf("%s: HDF5, %,d bytes, superblock version %s%n", doc.get("file"), (Long) doc.get("bytes"),
        doc.get("superblockVersion"));
    node(map(doc.get("root")), out, "");
  }

  private static void node(Map<String, Object> n, PrintStream out, String indent) {
    String kind = String.valueOf(n.get("kind"));
    if (kind.endsWith("link")) {
      out.printf("%s%s  %s -> %s%n", indent, n.get("path"), kind, n.get("targetPath"));
      return;
    }
    String in = indent + "    ";
    if (kind.equals("group")) {
      out.printf("%s%s  group%n", indent, n.get("path"));
    } else {
      out.printf("%s%s  dataset %s %s%n", indent, n.get("path"), shape(n.get("shape")), n.get("dtype"));
      if (n.containsKey("storage")) {
        StringBuilder s = new StringBuilder(in).append("storage: ").append(n.get("storage"));
        if (n.containsKey("chunkIndex")) {
          s.append(", chunk index ").append(n.get("chunkIndex")).append(", chunks ").append(shape(n.get("chunkShape")))
              .append(", ").append(n.get("allocatedChunks")).append(" allocated, ")
              .append(String.format("%,d", (Long) n.get("storedBytes"))).append(" bytes stored");
        }
        out.println(s);
      }
      if (n.containsKey("storageError")) {
        out.println(in + "storage: " + n.get("storageError"));
      }
      if (n.containsKey("filters")) {
        List<String> f = strings(n.get("filters"));
        out.println(in + "filters: " + (f.isEmpty() ? "none" : String.join(", ", f)));
      }
      if (n.containsKey("fillValue")) {
        out.println(in + "fill value: " + n.get("fillValue"));
      }
    }
    if (n.containsKey("attributes")) {
      for (Map.Entry<String, Object> a : map(n.get("attributes")).entrySet()) {
        Object v = a.getValue();
        out.println(in + "@" + a.getKey() + " = " + (v instanceof String ? "\"" + v + "\"" : v));
      }
    }
    if (n.containsKey("table")) {
      table(map(n.get("table")), out, in, kind.equals("group") ? "as a table (--dataset " + n.get("path") + ")"
          : "lakemr reads");
    }
    if (n.containsKey("tableAsCells")) {
      table(map(n.get("tableAsCells")), out, in, "with --layout cells");
    }
    if (n.containsKey("children")) {
      for (Object c : (List<?>) n.get("children")) {
        node(map(c), out, indent + "  ");
      }
    }
  }

  private static void table(Map<String, Object> t, PrintStream out, String indent, String what) {
    if (t.containsKey("error")) {
      out.println(indent + what + ": cannot be read: " + t.get("error"));
      return;
    }
    List<String> cols = new ArrayList<>();
    for (Object c : (List<?>) t.get("columns")) {
      Map<?, ?> m = (Map<?, ?>) c;
      cols.add(m.get("name") + " " + m.get("type"));
    }
    out.printf("%s%s: %,d rows, %s: %s%n", indent, what, (Long) t.get("rows"), t.get("mapping"),
        String.join(", ", cols));
    if (t.containsKey("unreadable")) {
      for (Map.Entry<String, Object> u : map(t.get("unreadable")).entrySet()) {
        out.println(indent + "  not read: " + u.getKey() + " (" + u.getValue() + ")");
      }
    }
  }

  private static void parquet(Map<String, Object> doc, PrintStream out) {
    List<?> groups = (List<?>) doc.get("rowGroups");
    out.printf("%s: Parquet, %,d bytes, %,d rows in %d row group%s, written by %s%n", doc.get("file"),
        (Long) doc.get("bytes"), (Long) doc.get("rows"), groups.size(), groups.size() == 1 ? "" : "s",
        doc.get("createdBy"));
    out.println("  schema:");
    for (Object o : (List<?>) doc.get("schema")) {
      Map<?, ?> c = (Map<?, ?>) o;
      out.printf("    %-24s %s   (%s)%n", c.get("name"),
          c.containsKey("type") ? c.get("type") : "not read: " + c.get("unreadable"), c.get("parquetType"));
    }
    int i = 0;
    for (Object o : groups) {
      Map<?, ?> g = (Map<?, ?>) o;
      out.printf("  row group %d: %,d rows, %,d bytes (%,d uncompressed) at byte %,d%n", i++, (Long) g.get("rows"),
          (Long) g.get("compressedBytes"), (Long) g.get("uncompressedBytes"), (Long) g.get("startingByte"));
      for (Object co : (List<?>) g.get("columns")) {
        Map<?, ?> c = (Map<?, ?>) co;
        out.printf("    %-24s %-12s %,12d bytes%s%s%n", c.get("path"), c.get("codec"), (Long) c.get("compressedBytes"),
            c.containsKey("min") ? "  min " + c.get("min") + "  max " + c.get("max") : "",
            c.containsKey("nulls") ? "  nulls " + c.get("nulls") : "");
      }
    }
    Map<String, Object> kv = map(doc.get("keyValueMetadata"));
    if (!kv.isEmpty()) {
      out.println("  key-value metadata:");
      for (Map.Entry<String, Object> e : kv.entrySet()) {
        out.println("    " + e.getKey() + " = " + e.getValue());
      }
    }
  }

  private static String shape(Object o) {
    if (o instanceof long[]) {
      return Arrays.toString((long[]) o);
    }
    if (o instanceof int[]) {
      return Arrays.toString((int[]) o);
    }
    return String.valueOf(o);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    return (Map<String, Object>) o;
  }

  private static List<String> strings(Object o) {
    List<String> out = new ArrayList<>();
    for (Object x : (List<?>) o) {
      out.add(String.valueOf(x));
    }
    return out;
  }
}
