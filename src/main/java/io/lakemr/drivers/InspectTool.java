package io.lakemr.drivers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lakemr.catalog.Catalog;
import io.lakemr.catalog.TableLog;
import io.lakemr.conf.BadInputException;
import io.lakemr.formats.InputFile;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.InputFormatDescriptor;
import io.lakemr.formats.InputFormats;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code lakemr inspect PATH|table:NAME [--json]}: the structure of a file of any registered
 * input format ({@link InputFormats}), or of a directory of them, from metadata only; no data is
 * read. The format is told by the file's first bytes, else by its name. A directory of Hive
 * {@code key=value} partition directories (a partitioned output) or a table is described by its
 * partitions ({@link PartitionReport}). {@code --json} prints the same as one JSON document.
 */
public final class InspectTool extends LakemrTool {

  private static final Set<String> FLAGS = CommandLine.set("json");

  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new Configuration(), new InspectTool(), args));
  }

  @Override
  String name() {
    return "inspect";
  }

  @Override
  String usage() {
    List<String> lines = new ArrayList<>(List.of(
        "usage: lakemr inspect [generic options] PATH|table:NAME [--json]",
        "  PATH    a file of a format lakemr reads (" + String.join(", ", InputFormats.names()) + "), or a",
        "          directory (its files with sizes, and the first file of each format inspected); for an",
        "          output of key=value partition directories or a table, its partitions: files, rows,",
        "          bytes and share of each, the largest over the median and a histogram of sizes",
        "  table:NAME  a catalog table (or table:PATH): its partitions as for an output directory",
        "  --json  print one JSON document instead of text"));
    for (InputFormatDescriptor f : InputFormats.ALL) {
      lines.addAll(f.inspectUsage());
    }
    return String.join("\n", lines);
  }

  @Override
  int execute(String[] args) throws Exception {
    CommandLine cl = CommandLine.parse(name(), args, CommandLine.set(), FLAGS);
    if (cl.positional().size() != 1) {
      throw new BadInputException(cl.positional().isEmpty() ? "give the PATH to inspect"
          : "inspect takes one PATH, not " + cl.positional().size());
    }
    Configuration conf = getConf();
    String given = cl.positional().get(0);
    Map<String, Object> doc = Catalog.isTableSpec(given)
        ? PartitionReport.ofTable(given, Catalog.openTable(conf, given).snapshot()) : path(conf, new Path(given));
    if (cl.has("json")) {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      out().println(mapper.writeValueAsString(doc));
    } else {
      InspectText.print(doc, out());
    }
    return EXIT_OK;
  }

  /**
   * The document of a file; of a directory holding a table, its partitions by its log; of a
   * directory of Hive {@code key=value} directories, its partitions; else of a directory's files.
   */
  private Map<String, Object> path(Configuration conf, Path path) throws IOException {
    FileSystem fs = path.getFileSystem(conf);
    FileStatus status;
    try {
      status = fs.getFileStatus(path);
    } catch (FileNotFoundException e) {
      throw new BadInputException("path does not exist: " + path, e);
    }
    if (!status.isDirectory()) {
      return file(conf, InputFiles.list(conf, List.of(status.getPath().toString())).files().get(0));
    }
    if (TableLog.isTable(fs, status.getPath())) {
      return PartitionReport.ofTable(status.getPath().toString(), TableLog.open(conf, status.getPath()).snapshot());
    }
    InputFiles files = InputFiles.list(conf, List.of(status.getPath().toString()));
    return files.partitionColumns().isEmpty() ? directory(conf, status.getPath(), files)
        : PartitionReport.ofDirectory(conf, status.getPath(), files);
  }

  private Map<String, Object> directory(Configuration conf, Path dir, InputFiles files) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("directory", dir.toString());
    doc.put("format", "directory");
    if (!files.partitionColumns().isEmpty()) {
      doc.put("partitionColumns", files.partitionColumns());
    }
    List<Object> list = new ArrayList<>();
    Map<String, InputFile> firstOfFormat = new LinkedHashMap<>();
    for (InputFile f : files.files()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("path", f.path().toString());
      entry.put("bytes", f.length());
      String format = format(conf, f);
      entry.put("format", format == null ? "unknown" : format);
      list.add(entry);
      if (format != null) {
        firstOfFormat.putIfAbsent(format, f);
      }
    }
    doc.put("files", list);
    doc.put("totalBytes", files.totalBytes());
    List<Object> inspected = new ArrayList<>();
    for (InputFile f : firstOfFormat.values()) {
      inspected.add(file(conf, f));
    }
    doc.put("inspected", inspected);
    return doc;
  }

  private Map<String, Object> file(Configuration conf, InputFile f) throws IOException {
    InputFormatDescriptor format = InputFormats.detect(conf, f);
    if (format == null) {
      throw new BadInputException(f.path() + ": not a format lakemr reads ("
          + String.join(", ", InputFormats.names()) + "): no magic bytes match and the name does not say");
    }
    return format.inspect(conf, f);
  }

  /** The name of a file's format by its first bytes, else by its name; null when neither says. */
  static String format(Configuration conf, InputFile f) throws IOException {
    InputFormatDescriptor format = InputFormats.detect(conf, f);
    return format == null ? null : format.name();
  }
}
