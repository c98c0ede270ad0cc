package io.lakemr.drivers;

import static io.lakemr.formats.InspectDoc.map;
import static io.lakemr.formats.InspectDoc.strings;

import io.lakemr.formats.InputFormats;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/**
 * Prints an {@code inspect} document as indented text for people: a directory here, a file by
 * its format's printer.
 */
final class InspectText {

  private InspectText() {
  }

  static void print(Map<String, Object> doc, PrintStream out) {
    String format = String.valueOf(doc.get("format"));
    if (format.equals("directory")) {
      directory(doc, out);
    } else {
      InputFormats.byName(format).printInspection(doc, out);
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
}
