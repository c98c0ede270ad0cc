package io.lakemr.formats.csv;

import io.lakemr.conf.BadInputException;
import io.lakemr.formats.FormatOptions;
import io.lakemr.formats.InputFile;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.InputFormatDescriptor;
import io.lakemr.formats.InputTable;
import io.lakemr.formats.text.Compression;
import io.lakemr.formats.text.TextOptionValues;
import io.lakemr.formats.text.TextTables;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * CSV input: files ending {@code .csv} or {@code .tsv} (tab-delimited by default), plain or
 * {@code .gz}, {@code .bz2}, {@code .zst}.
 */
public final class CsvInputDescriptor implements InputFormatDescriptor {

  /** Options every text format takes. */
  static final List<String> SHARED_USAGE = List.of(
      "  --schema NAME:TYPE,...     CSV/JSON Lines: the columns (types boolean int long float double string date",
      "                             timestamp); default: inferred from a sample and printed by inspect",
      "  --schema-file F.avsc       CSV/JSON Lines/Avro: the columns as an Avro record schema",
      "  --sample-rows N            CSV/JSON Lines: rows sampled to infer the schema (default 10000)",
      "  --timestamp-format P       CSV/JSON Lines: DateTimeFormatter pattern (default ISO 8601; no offset is UTC)",
      "  --max-line-bytes N         CSV/JSON Lines: longer lines are bad records (default 16777216)",
      "  --bad-records MODE         CSV/JSON Lines/Avro: fail (default), skip or quarantine (to _bad_records/)",
      "  --max-bad-records N|N%     CSV/JSON Lines/Avro: fail the job past this many bad records in all");

  @Override
  public String name() {
    return "csv";
  }

  @Override
  public String displayName() {
    return "CSV";
  }

  @Override
  public List<String> suffixes() {
    return withCompressions(".csv", ".tsv");
  }

  /** Each suffix, and each with every compression suffix after it. */
  public static List<String> withCompressions(String... suffixes) {
    List<String> out = new ArrayList<>();
    for (String s : suffixes) {
      for (Compression c : Compression.values()) {
        out.add(s + c.suffix());
      }
    }
    return out;
  }

  @Override
  public Set<String> options() {
    return TextOptionValues.sharedAnd("header", "delimiter", "quote", "escape", "null-value", "comment", "encoding",
        "multiline");
  }

  @Override
  public List<String> optionUsage() {
    List<String> lines = new ArrayList<>(SHARED_USAGE);
    lines.addAll(List.of(
        "  --header true|false        CSV: first line names the columns (default true)",
        "  --delimiter C              CSV: field delimiter (default , or tab for .tsv; \\t for tab)",
        "  --quote C / --escape C     CSV: quote (default \") and escape inside quotes (default: doubled quote)",
        "  --null-value S             CSV: unquoted text read as null (an unquoted empty field always is)",
        "  --comment C                CSV: skip lines starting with C",
        "  --encoding NAME            CSV: character set (default UTF-8; a BOM is skipped)",
        "  --multiline true|false     CSV: quoted fields may hold line ends; each file is read whole"));
    return lines;
  }

  @Override
  public List<String> inspectUsage() {
    return List.of("CSV: size, compression, header and the inferred schema (in --schema syntax).");
  }

  @Override
  public InputTable open(Configuration conf, InputFiles files, FormatOptions options) {
    CsvOptions csv = options(files.files(), options);
    return new CsvInputTable(conf, files, options, csv);
  }

  /** The CSV options given, with defaults. */
  static CsvOptions options(List<InputFile> files, FormatOptions o) {
    boolean tsv = !files.isEmpty() && files.stream()
        .allMatch(f -> Compression.baseName(f.path()).toLowerCase(Locale.ROOT).endsWith(".tsv"));
    try {
      CsvOptions d = CsvOptions.DEFAULTS;
      byte delimiter = o.get("delimiter") != null ? CsvOptions.charOption("--delimiter", o.get("delimiter"))
          : tsv ? (byte) '\t' : d.delimiter();
      byte quote = o.get("quote") != null ? CsvOptions.charOption("--quote", o.get("quote")) : d.quote();
      byte escape = o.get("escape") != null ? CsvOptions.charOption("--escape", o.get("escape")) : quote;
      Charset encoding = o.get("encoding") == null ? d.encoding() : Charset.forName(o.get("encoding").trim());
      return new CsvOptions(TextOptionValues.bool(o, "header", true), delimiter, quote, escape,
          o.get("null-value") == null ? "" : o.get("null-value"),
          o.get("comment") == null ? 0 : CsvOptions.charOption("--comment", o.get("comment")), encoding,
          o.get("timestamp-format"), TextOptionValues.bool(o, "multiline", false), TextOptionValues.maxLineBytes(o));
    } catch (IllegalArgumentException e) {
      throw new BadInputException(e.getMessage().startsWith("--") ? e.getMessage() : "CSV options: " + e.getMessage(),
          e);
    }
  }

  @Override
  public Map<String, Object> inspect(Configuration conf, InputFile file) throws IOException {
    CsvOptions o = options(List.of(file), FormatOptions.none());
    return TextTables.inspection(name(), file, CsvSchemaInference.infer(conf, List.of(file.path()), o,
        TextTables.SAMPLE_ROWS_DEFAULT, 1));
  }

  @Override
  public void printInspection(Map<String, Object> doc, PrintStream out) {
    doc.forEach((k, v) -> out.println(k + ": " + v));
  }
}
