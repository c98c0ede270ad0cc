package io.lakemr.formats.hdf5;

import static io.lakemr.formats.InspectDoc.map;
import static io.lakemr.formats.InspectDoc.strings;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Prints the {@code inspect} document of an HDF5 file as indented text for people. */
final class Hdf5InspectText {

  private Hdf5InspectText() {
  }

  static void print(Map<String, Object> doc, PrintStream out) {
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

  private static String shape(Object o) {
    if (o instanceof long[]) {
      return Arrays.toString((long[]) o);
    }
    if (o instanceof int[]) {
      return Arrays.toString((int[]) o);
    }
    return String.valueOf(o);
  }
}
