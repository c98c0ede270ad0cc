package io.lakemr.formats.parquet;

import static io.lakemr.formats.InspectDoc.map;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** Prints the {@code inspect} document of a Parquet file as indented text for people. */
final class ParquetInspectText {

  private ParquetInspectText() {
  }

  static void print(Map<String, Object> doc, PrintStream out) {
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
}
