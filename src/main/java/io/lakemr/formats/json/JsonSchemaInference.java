package io.lakemr.formats.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import io.lakemr.data.Column;
import io.lakemr.formats.text.LineSource;
import io.lakemr.formats.text.LineSources;
import io.lakemr.formats.text.NestedColumns;
import io.lakemr.formats.text.ValueParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Infers the columns of JSON Lines files from the first lines of the first few files: a column
 * per key (nested objects flattened to {@code outer_inner}), in order of first appearance.
 * Integers are longs, widened to double when a fraction appears; {@code true}/{@code false}
 * are booleans; strings holding ISO 8601 dates or timestamps are dates or timestamps; other
 * strings, arrays and mixed values are strings. Nulls say nothing; a column of nothing but
 * nulls is a string. Lines that do not parse are left out of the sample.
 */
public final class JsonSchemaInference {

  private JsonSchemaInference() {
  }

  /**
   * @param files the input files, in order; at most {@code maxFiles} of them are read
   * @param sampleRows lines read at most, over all files read
   */
  public static List<Column> infer(Configuration conf, List<Path> files, JsonOptions options, int sampleRows,
      int maxFiles) throws IOException {
    JsonFactory factory = JsonFactory.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
    ValueParser parser = new ValueParser(options.timestampFormatter());
    Map<String, int[]> kinds = new LinkedHashMap<>();
    int left = sampleRows;
    for (int i = 0; i < files.size() && i < maxFiles && left > 0; i++) {
      try (LineSource lines = LineSources.openWhole(conf, files.get(i), options.maxLineBytes())) {
        while (left > 0 && lines.next()) {
          if (lines.tooLong() || lines.end() == lines.start()) {
            continue;
          }
          try (JsonParser p = factory.createParser(lines.buffer(), lines.start(), lines.end() - lines.start())) {
            if (p.nextToken() == JsonToken.START_OBJECT) {
              Map<String, int[]> row = new LinkedHashMap<>();
              observeObject(p, "", row, parser);
              row.forEach((k, v) -> kinds.computeIfAbsent(k, x -> new int[1])[0] |= v[0]);
              left--;
            }
          } catch (JsonProcessingException e) {
            // a line that does not parse says nothing about the columns
          }
        }
      }
    }
    List<Column> columns = new ArrayList<>(kinds.size());
    kinds.forEach((k, v) -> columns.add(new Column(k, ValueParser.typeOf(v[0]))));
    return columns;
  }

  private static void observeObject(JsonParser p, String prefix, Map<String, int[]> kinds, ValueParser parser)
      throws IOException {
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = prefix + p.currentName();
      JsonToken v = p.nextToken();
      if (v == JsonToken.START_OBJECT) {
        observeObject(p, name + NestedColumns.SEPARATOR, kinds, parser);
        continue;
      }
      int kind = kindOf(p, v, parser);
      p.skipChildren();
      kinds.computeIfAbsent(name, k -> new int[1])[0] |= kind;
    }
  }

  private static int kindOf(JsonParser p, JsonToken v, ValueParser parser) throws IOException {
    switch (v) {
      case VALUE_NULL:
        return 0;
      case VALUE_TRUE:
      case VALUE_FALSE:
        return ValueParser.KIND_BOOLEAN;
      case VALUE_NUMBER_INT:
        return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? ValueParser.KIND_DOUBLE : ValueParser.KIND_LONG;
      case VALUE_NUMBER_FLOAT:
        return ValueParser.KIND_DOUBLE;
      case VALUE_STRING:
        byte[] b = p.getText().getBytes(StandardCharsets.UTF_8);
        if (parser.parseDate(b, 0, b.length)) {
          return ValueParser.KIND_DATE;
        }
        return parser.parseTimestamp(b, 0, b.length) ? ValueParser.KIND_TIMESTAMP : ValueParser.KIND_STRING;
      default:
        return ValueParser.KIND_STRING;
    }
  }
}
