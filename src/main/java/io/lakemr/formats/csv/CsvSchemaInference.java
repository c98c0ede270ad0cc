package io.lakemr.formats.csv;

import io.lakemr.data.Column;
import io.lakemr.formats.text.LineSources;
import io.lakemr.formats.text.ValueParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Infers the columns of CSV files from a sample: the first records of the first few files.
 * Column names come from the headers (in order of first appearance over the files) or, without
 * headers, are {@code _c0}, {@code _c1}, ...; each column's type is the narrowest that holds
 * every sampled value ({@link ValueParser#typeOf}). Empty and null-valued fields say nothing;
 * a column of nothing but nulls is a string. Records that do not split are left out of the
 * sample.
 */
public final class CsvSchemaInference {

  private CsvSchemaInference() {
  }

  /**
   * @param files the input files, in order; at most {@code maxFiles} of them are read
   * @param sampleRows records read at most, over all files read
   */
  public static List<Column> infer(Configuration conf, List<Path> files, CsvOptions options, int sampleRows,
      int maxFiles) throws IOException {
    Map<String, int[]> kinds = new LinkedHashMap<>();
    ValueParser parser = new ValueParser(options.timestampFormatter());
    int left = sampleRows;
    for (int i = 0; i < files.size() && i < maxFiles && left > 0; i++) {
      left -= sample(conf, files.get(i), options, parser, kinds, left);
    }
    List<Column> columns = new ArrayList<>(kinds.size());
    for (Map.Entry<String, int[]> e : kinds.entrySet()) {
      columns.add(new Column(e.getKey(), ValueParser.typeOf(e.getValue()[0])));
    }
    return columns;
  }

  private static int sample(Configuration conf, Path file, CsvOptions options, ValueParser parser,
      Map<String, int[]> kinds, int limit) throws IOException {
    int read = 0;
    try (CsvRecords records = new CsvRecords(LineSources.openWhole(conf, file, options.maxLineBytes()), options)) {
      List<int[]> slots = new ArrayList<>();
      if (options.header()) {
        if (!records.next()) {
          return 0;
        }
        if (records.error() != null) {
          throw new IOException(file + " line " + records.line() + ": header: " + records.error());
        }
        List<String> names = CsvHeader.names(records, options.encoding());
        CsvHeader.positions(names, List.of(), file.toString());
        for (String name : names) {
          slots.add(kinds.computeIfAbsent(name, n -> new int[1]));
        }
      }
      while (read < limit && records.next()) {
        if (records.error() != null) {
          continue;
        }
        read++;
        CsvTokenizer t = records.fields;
        while (!options.header() && slots.size() < t.count) {
          slots.add(kinds.computeIfAbsent("_c" + slots.size(), n -> new int[1]));
        }
        for (int f = 0; f < t.count && f < slots.size(); f++) {
          slots.get(f)[0] |= kindOf(records, f, options, parser);
        }
      }
    }
    return read;
  }

  private static int kindOf(CsvRecords records, int f, CsvOptions options, ValueParser parser) {
    CsvTokenizer t = records.fields;
    byte[] b = records.buffer();
    int s = t.starts[f];
    int e = t.ends[f];
    if (s == e) {
      return 0;
    }
    if ((t.flags[f] & CsvTokenizer.ESCAPED) != 0) {
      e = t.unescape(b, f);
      b = t.unescapedBuffer();
      s = 0;
    } else if (t.flags[f] == 0 && options.nullValue().equals(new String(b, s, e - s, options.encoding()))) {
      return 0;
    }
    while (s < e && b[s] == ' ') {
      s++;
    }
    while (e > s && b[e - 1] == ' ') {
      e--;
    }
    return s == e ? ValueParser.KIND_STRING : parser.kind(b, s, e);
  }
}
