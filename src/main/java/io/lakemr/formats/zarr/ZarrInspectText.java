package io.lakemr.formats.zarr;

import static io.lakemr.formats.InspectDoc.map;
import static io.lakemr.formats.InspectDoc.strings;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Prints the {@code inspect} document of a Zarr store as indented text for people. */
final class ZarrInspectText {

  private ZarrInspectText() {
  }

  static void print(Map<String, Object> doc, PrintStream out) {
    out.printf("%s: Zarr v%s%s%n", doc.get("store"), doc.get("zarrFormat"),
        Boolean.TRUE.equals(doc.get("consolidatedMetadata")) ? ", consolidated metadata" : "");
    node(map(doc.get("root")), out, "");
  }

  private static void node(Map<String, Object> n, PrintStream out, String indent) {
    String kind = String.valueOf(n.get("kind"));
    String in = indent + "    ";
    if (kind.equals("unreadable")) {
      out.printf("%s%s  cannot be read: %s%n", indent, n.get("path"), n.get("error"));
      return;
    }
    if (kind.equals("group")) {
      out.printf("%s%s  group%n", indent, n.get("path"));
    } else {
      out.printf("%s%s  array %s %s%n", indent, n.get("path"), shape(n.get("shape")), n.get("dtype"));
      StringBuilder s = new StringBuilder(in).append("chunks ").append(shape(n.get("chunks")));
      if (n.containsKey("innerChunks")) {
        s.append(" (shards of inner chunks ").append(shape(n.get("innerChunks"))).append(")");
        s.append(", ").append(n.get("shardsPresent")).append(" of ").append(n.get("gridChunks")).append(" shards present");
      } else {
        s.append(", ").append(n.get("chunksPresent")).append(" of ").append(n.get("gridChunks")).append(" present");
      }
      s.append(String.format(", %,d bytes stored", (Long) n.get("storedBytes")));
      out.println(s);
      List<String> codecs = strings(n.get("codecs"));
      out.println(in + "codecs: " + (codecs.isEmpty() ? "none" : String.join(", ", codecs)));
      out.println(in + "fill value: " + n.get("fillValue"));
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
