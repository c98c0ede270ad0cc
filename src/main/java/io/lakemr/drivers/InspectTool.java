package io.lakemr.drivers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jhdf.HdfFile;
import io.lakemr.conf.BadInputException;
import io.lakemr.formats.InputFile;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.hdf5.Hdf5Files;
import io.lakemr.formats.hdf5.Hdf5Inspector;
import io.lakemr.formats.parquet.ParquetInspector;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code lakemr inspect PATH [--json]}: the structure of an HDF5 or Parquet file, or of a
 * directory of them, from metadata only (HDF5 object headers and chunk indexes, Parquet
 * footers); no data is read. {@code --json} prints the same as one JSON document.
 */
public final class InspectTool extends LakemrTool {

  private static final Set<String> FLAGS = CommandLine.set("json");
  private static final byte[] HDF5_SIGNATURE = {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  private static final byte[] PARQUET_MAGIC = {'P', 'A', 'R', '1'};

  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new Configuration(), new InspectTool(), args));
  }

  @Override
  String name() {
    return "inspect";
  }

  @Override
  String usage() {
    return String.join("\n",
        "usage: lakemr inspect [generic options] PATH [--json]",
        "  PATH    an HDF5 or Parquet file, or a directory (its files with sizes, and the first",
        "          file of each format inspected)",
        "  --json  print one JSON document instead of text",
        "HDF5: groups, datasets (shape, type, storage, chunk index, chunks, filters, fill value),",
        "attributes, links, and the columns lakemr reads from each dataset and group.",
        "Parquet: schema with lakemr types, row groups with codecs and min/max, key-value metadata.");
  }

  @Override
  int execute(String[] args) throws Exception {
    CommandLine cl = CommandLine.parse(name(), args, CommandLine.set(), FLAGS);
    if (cl.positional().size() != 1) {
      throw new BadInputException(cl.positional().isEmpty() ? "give the PATH to inspect"
          : "inspect takes one PATH, not " + cl.positional().size());
    }
    Configuration conf = getConf();
    Path path = new Path(cl.positional().get(0));
    FileSystem fs = path.getFileSystem(conf);
    FileStatus status;
    try {
      status = fs.getFileStatus(path);
    } catch (FileNotFoundException e) {
      throw new BadInputException("path does not exist: " + path, e);
    }
    Map<String, Object> doc = status.isDirectory() ? directory(conf, status.getPath())
        : file(conf, InputFiles.list(conf, List.of(status.getPath().toString())).files().get(0));
    if (cl.has("json")) {
      ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      out().println(mapper.writeValueAsString(doc));
    } else {
      InspectText.print(doc, out());
    }
    return EXIT_OK;
  }

  private Map<String, Object> directory(Configuration conf, Path dir) throws IOException {
    InputFiles files = InputFiles.list(conf, List.of(dir.toString()));
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
    String format = format(conf, f);
    if ("hdf5".equals(format)) {
      FileSystem fs = f.path().getFileSystem(conf);
      try (HdfFile hdf = Hdf5Files.open(fs, f.path())) {
        return Hdf5Inspector.inspect(hdf, f.path().toString());
      }
    }
    if ("parquet".equals(format)) {
      return ParquetInspector.inspect(conf, f);
    }
    throw new BadInputException(f.path() + ": neither HDF5 nor Parquet (no HDF5 signature or PAR1 magic, "
        + "and the name does not say)");
  }

  /** hdf5 or parquet by the file's first bytes, else by its name; null when neither says. */
  static String format(Configuration conf, InputFile f) throws IOException {
    byte[] head = new byte[8];
    if (f.length() >= 8) {
      FileSystem fs = f.path().getFileSystem(conf);
      try (FSDataInputStream in = fs.open(f.path())) {
        in.readFully(0, head);
      }
      if (Arrays.equals(head, HDF5_SIGNATURE)) {
        return "hdf5";
      }
      if (Arrays.equals(head, 0, 4, PARQUET_MAGIC, 0, 4)) {
        return "parquet";
      }
    }
    String n = f.path().getName().toLowerCase(Locale.ROOT);
    if (n.endsWith(".h5") || n.endsWith(".hdf5") || n.endsWith(".he5") || n.endsWith(".nc")) {
      return "hdf5";
    }
    if (n.endsWith(".parquet") || n.endsWith(".parq") || n.endsWith(".pq")) {
      return "parquet";
    }
    return null;
  }
}
