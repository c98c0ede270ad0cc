package io.lakemr.drivers;

import static io.lakemr.formats.InspectDoc.map;
import static io.lakemr.formats.InspectDoc.strings;

import io.lakemr.formats.InputFormats;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
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
    } else if (format.equals("partitions")) {
      partitions(doc, out);
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

  private static void partitions(Map<String, Object> doc, PrintStream out) {
    List<?> parts = (List<?>) doc.get("partitions");
    Map<String, Object> totals = map(doc.get("totals"));
    List<String> columns = strings(doc.get("partitionColumns"));
    String what = doc.containsKey("table")
        ? "table " + doc.get("table") + " at " + doc.get("location") + ", version " + doc.get("version")
        : String.valueOf(doc.get("directory"));
    out.printf("%s: %,d partition%s%s, %,d file%s, %s rows, %,d bytes%n", what, parts.size(),
        parts.size() == 1 ? "" : "s", columns.isEmpty() ? "" : " by " + String.join(", ", columns),
        (Integer) totals.get("files"), (Integer) totals.get("files") == 1 ? "" : "s",
        count(totals.get("rows")), (Long) totals.get("bytes"));
    List<String> from = strings(doc.get("rowsFrom"));
    out.println("  rows from: " + (from.isEmpty() ? "nothing (no metadata says them)" : String.join(", ", from)));
    int width = "(no partitions)".length();
    for (Object o : parts) {
      width = Math.max(width, String.valueOf(map(o).get("partition")).length());
    }
    String row = "  %-" + width + "s %7s %15s %17s %7s%n";
    out.println();
    out.printf(row, "partition", "files", "rows", "bytes", "rows %");
    for (Object o : parts) {
      Map<String, Object> p = map(o);
      Object share = p.get("rowShare");
      String name = String.valueOf(p.get("partition"));
      out.printf(row, name.isEmpty() ? "(no partitions)" : name, count(p.get("files")), count(p.get("rows")), count(p.get("bytes")),
          share == null ? "?" : String.format(Locale.ROOT, "%.1f", (Double) share * 100));
    }
    out.printf(row, "total", count(totals.get("files")), count(totals.get("rows")), count(totals.get("bytes")),
        totals.get("rows") == null ? "?" : "100.0");
    Map<String, Object> sizes = map(doc.get("sizes"));
    Object ratio = sizes.get("largestOverMedian");
    out.printf(Locale.ROOT, "  largest partition: %,d %s, %s%n", (Long) sizes.get("largest"), sizes.get("measure"),
        ratio == null ? "and the median partition is empty"
            : String.format(Locale.ROOT, "%.2f times the median's %,.0f", (Double) ratio, (Double) sizes.get("median")));
    histogram(map(doc.get("histogram")), out);
  }

  private static void histogram(Map<String, Object> h, PrintStream out) {
    String measure = String.valueOf(h.get("measure"));
    List<?> bars = (List<?>) h.get("bars");
    out.println();
    out.println(measure + " per partition (" + h.get("scale") + "):");
    int width = 1;
    for (Object o : bars) {
      width = Math.max(width, barLabel(map(o)).length());
    }
    for (Object o : bars) {
      Map<String, Object> b = map(o);
      Object n = b.containsKey("partition") ? count(b.get(measure)) : b.get("partitions");
      out.printf("  %-" + width + "s  %-" + SizeHistogram.WIDTH + "s %s%n", barLabel(b), b.get("bar"), n);
    }
  }

  private static String barLabel(Map<String, Object> bar) {
    if (bar.containsKey("partition")) {
      String name = String.valueOf(bar.get("partition"));
      return name.isEmpty() ? "(no partitions)" : name;
    }
    long from = (Long) bar.get("from");
    long to = (Long) bar.get("to");
    return from == to ? count(from) : count(from) + " - " + (to == Long.MAX_VALUE ? "" : count(to));
  }

  /** A number with thousands separators, or {@code ?} for null (not known). */
  private static String count(Object n) {
    return n == null ? "?" : String.format(Locale.ROOT, "%,d", ((Number) n).longValue());
  }
}
