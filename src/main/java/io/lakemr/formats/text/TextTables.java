package io.lakemr.formats.text;

import io.lakemr.conf.BadInputException;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.TableSchema;
import io.lakemr.formats.FormatOptions;
import io.lakemr.formats.InputFile;
import io.lakemr.formats.InputFiles;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * The table of a CSV or JSON Lines input, resolved on the client: from {@code --schema}, from
 * {@code --schema-file} (an Avro {@code .avsc}, nested records flattened), or inferred from a
 * sample of the first {@value #SAMPLE_FILES} files; then the partition-directory columns.
 */
public final class TextTables {

  /** Files sampled at most when inferring a schema. */
  public static final int SAMPLE_FILES = 4;

  /** Rows sampled by default: {@value}. */
  public static final int SAMPLE_ROWS_DEFAULT = 10_000;

  /** Infers the columns of some files from at most so many rows. */
  @FunctionalInterface
  public interface Inference {
    List<Column> infer(List<Path> files, int sampleRows) throws IOException;
  }

  private TextTables() {
  }

  /**
   * @throws BadInputException naming the option or file that is wrong
   */
  public static TableSchema resolve(Configuration conf, InputFiles files, FormatOptions options, Inference inference) {
    String spec = options.get("schema");
    String file = options.get("schema-file");
    if (spec != null && file != null) {
      throw new BadInputException("give --schema or --schema-file, not both");
    }
    TableSchema table;
    if (spec != null) {
      try {
        table = new TableSchema("--schema", SchemaSpec.parse(spec), Map.of());
      } catch (IllegalArgumentException e) {
        throw new BadInputException("--" + e.getMessage(), e);
      }
    } else if (file != null) {
      table = NestedColumns.flatten(file, readAvsc(conf, file));
    } else {
      table = new TableSchema(sampleSource(files), infer(files, options, inference), Map.of());
    }
    List<Column> partitions = new ArrayList<>();
    for (String p : files.partitionColumns()) {
      if (table.indexOf(p) >= 0) {
        throw new BadInputException("partition column " + p + " is also a column of " + table.source());
      }
      partitions.add(new Column(p, ColumnType.STRING));
    }
    return table.withColumns(partitions);
  }

  private static String sampleSource(InputFiles files) {
    return files.isEmpty() ? "no input files" : files.files().get(0).path().toString();
  }

  private static List<Column> infer(InputFiles files, FormatOptions options, Inference inference) {
    int rows = sampleRows(options);
    List<Path> paths = new ArrayList<>();
    for (InputFile f : files.files()) {
      if (paths.size() < SAMPLE_FILES) {
        paths.add(f.path());
      }
    }
    if (paths.isEmpty()) {
      return List.of();
    }
    try {
      List<Column> columns = inference.infer(paths, rows);
      if (columns.isEmpty()) {
        throw new BadInputException("found no columns in the first rows of " + paths.get(0) + "; give --schema");
      }
      return columns;
    } catch (IOException e) {
      throw new BadInputException("cannot infer a schema from " + paths.get(0) + ": " + e.getMessage(), e);
    }
  }

  /** {@code --sample-rows}, at least 1. */
  public static int sampleRows(FormatOptions options) {
    return positiveInt(options, "sample-rows", SAMPLE_ROWS_DEFAULT);
  }

  /** A positive integer option, or its default when absent. */
  public static int positiveInt(FormatOptions options, String name, int fallback) {
    String v = options.get(name);
    if (v == null) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n < 1) {
        throw new NumberFormatException();
      }
      return n;
    } catch (NumberFormatException e) {
      throw new BadInputException("--" + name + " '" + v + "' is not a positive integer", e);
    }
  }

  /** The Avro schema in an {@code .avsc} file on any file system. */
  public static Schema readAvsc(Configuration conf, String file) {
    Path p = new Path(file);
    try (InputStream in = p.getFileSystem(conf).open(p)) {
      Schema s = new Schema.Parser().parse(in);
      if (s.getType() != Schema.Type.RECORD) {
        throw new BadInputException("--schema-file " + file + ": the schema is a " + s.getType().getName()
            + ", not a record");
      }
      return s;
    } catch (IOException | SchemaParseException e) {
      throw new BadInputException("--schema-file " + file + ": " + e.getMessage(), e);
    }
  }

  /** What {@code inspect} shows of a text file: format, file, bytes, compression and the inferred schema. */
  public static Map<String, Object> inspection(String format, InputFile file, List<Column> schema) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("format", format);
    doc.put("file", file.path().toString());
    doc.put("bytes", file.length());
    doc.put("compression", Compression.of(file.path()).name().toLowerCase(Locale.ROOT));
    doc.put("schema", SchemaSpec.format(schema));
    return doc;
  }
}
