package io.lakemr.formats.json;

import io.lakemr.formats.FormatOptions;
import io.lakemr.formats.InputFile;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.InputFormatDescriptor;
import io.lakemr.formats.InputTable;
import io.lakemr.formats.csv.CsvInputDescriptor;
import io.lakemr.formats.text.TextOptionValues;
import io.lakemr.formats.text.TextTables;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * JSON Lines input: files ending {@code .jsonl}, {@code .ndjson} or {@code .json}, plain or
 * {@code .gz}, {@code .bz2}, {@code .zst}; one object per line.
 */
public final class JsonLinesInputDescriptor implements InputFormatDescriptor {

  @Override
  public String name() {
    return "jsonl";
  }

  @Override
  public String displayName() {
    return "JSON Lines";
  }

  @Override
  public List<String> suffixes() {
    return CsvInputDescriptor.withCompressions(".jsonl", ".ndjson", ".json");
  }

  @Override
  public Set<String> options() {
    return TextOptionValues.SHARED;
  }

  @Override
  public List<String> inspectUsage() {
    return List.of("JSON Lines: size, compression and the inferred schema (in --schema syntax).");
  }

  @Override
  public InputTable open(Configuration conf, InputFiles files, FormatOptions options) {
    return new JsonLinesInputTable(conf, files, options);
  }

  @Override
  public Map<String, Object> inspect(Configuration conf, InputFile file) throws IOException {
    return TextTables.inspection(name(), file, JsonSchemaInference.infer(conf, List.of(file.path()),
        JsonOptions.DEFAULTS, TextTables.SAMPLE_ROWS_DEFAULT, 1));
  }

  @Override
  public void printInspection(Map<String, Object> doc, PrintStream out) {
    doc.forEach((k, v) -> out.println(k + ": " + v));
  }
}
