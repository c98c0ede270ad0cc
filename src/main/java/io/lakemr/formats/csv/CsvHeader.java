package io.lakemr.formats.csv;

import io.lakemr.data.Column;
import java.io.IOException;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A CSV file's header: its column names, and where the columns a job wants are in it. A
 * wanted column matches a header name exactly, or else case-insensitively; one the header
 * lacks reads as null. Two header columns of the same name, or two that both match a wanted
 * column case-insensitively, are an error naming both.
 */
final class CsvHeader {

  private CsvHeader() {
  }

  /** The names of a header record split by the tokenizer, unquoted and decoded. */
  static List<String> names(CsvRecords record, Charset encoding) {
    CsvTokenizer t = record.fields;
    List<String> names = new ArrayList<>(t.count);
    for (int i = 0; i < t.count; i++) {
      String name;
      if ((t.flags[i] & CsvTokenizer.ESCAPED) != 0) {
        int n = t.unescape(record.buffer(), i);
        name = new String(t.unescapedBuffer(), 0, n, encoding);
      } else {
        name = new String(record.buffer(), t.starts[i], t.ends[i] - t.starts[i], encoding);
        if ((t.flags[i] & CsvTokenizer.QUOTED) == 0) {
          name = name.strip();
        }
      }
      names.add(name);
    }
    return names;
  }

  /**
   * For each wanted column, its index in the header, or -1 when the header lacks it.
   *
   * @throws IOException naming the file and both columns when the header repeats a name or two
   *     names match one column
   */
  static int[] positions(List<String> header, List<Column> wanted, String file) throws IOException {
    Map<String, Integer> exact = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      Integer before = exact.putIfAbsent(header.get(i), i);
      if (before != null) {
        throw new IOException(file + ": header columns " + (before + 1) + " and " + (i + 1) + " are both named '"
            + header.get(i) + "'");
      }
    }
    int[] positions = new int[wanted.size()];
    for (int c = 0; c < wanted.size(); c++) {
      String name = wanted.get(c).name();
      Integer at = exact.get(name);
      positions[c] = at != null ? at : caseInsensitive(header, name, file);
    }
    return positions;
  }

  private static int caseInsensitive(List<String> header, String name, String file) throws IOException {
    int found = -1;
    for (int i = 0; i < header.size(); i++) {
      if (header.get(i).equalsIgnoreCase(name)) {
        if (found >= 0) {
          throw new IOException(file + ": header columns " + (found + 1) + " '" + header.get(found) + "' and "
              + (i + 1) + " '" + header.get(i) + "' both match column " + name);
        }
        found = i;
      }
    }
    return found;
  }
}
