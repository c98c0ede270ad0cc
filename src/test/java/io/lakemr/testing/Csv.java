package io.lakemr.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads RFC 4180 CSV (as lakemr writes it) back for checking; an empty unquoted field is null. */
public final class Csv {

  private Csv() {
  }

  /** Records of one file, header included. */
  public static List<List<String>> read(Path file) throws IOException {
    String text = Files.readString(file, StandardCharsets.UTF_8);
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
            field.append('"');
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
        wasQuoted = true;
      } else if (c == ',') {
        row.add(!wasQuoted && field.length() == 0 ? null : field.toString());
        field.setLength(0);
        wasQuoted = false;
      } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
        continue;
      } else if (c == '\n') {
        row.add(!wasQuoted && field.length() == 0 ? null : field.toString());
        rows.add(row);
        row = new ArrayList<>();
        field.setLength(0);
        wasQuoted = false;
      } else {
        field.append(c);
      }
    }
    if (field.length() > 0 || !row.isEmpty()) {
      row.add(field.toString());
      rows.add(row);
    }
    return rows;
  }

  /** The data rows of every {@code part-*.csv} under a directory, each file's header checked equal. */
  public static List<List<String>> readParts(Path dir, List<String> header) throws IOException {
    List<List<String>> all = new ArrayList<>();
    List<Path> parts;
    try (Stream<Path> s = Files.walk(dir)) {
      parts = s.filter(p -> p.getFileName().toString().matches("part-.*\\.csv")).sorted().toList();
    }
    for (Path p : parts) {
      List<List<String>> rows = read(p);
      if (!rows.get(0).equals(header)) {
        throw new AssertionError(p + ": header " + rows.get(0) + ", expected " + header);
      }
      all.addAll(rows.subList(1, rows.size()));
    }
    return all;
  }
}
