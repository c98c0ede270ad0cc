package io.lakemr.formats.zarr;

import io.lakemr.formats.FormatOptions;
import io.lakemr.formats.InputFile;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.InputFormatDescriptor;
import io.lakemr.formats.InputTable;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;

/**
 * Zarr input (v2 and v3 directory stores): a directory named {@code *.zarr}, or one holding
 * {@code zarr.json}, {@code .zgroup} or {@code .zarray}, is one input;
 * options {@code --dataset}, {@code --columns} and {@code --layout}.
 */
public final class ZarrInputDescriptor implements InputFormatDescriptor {

  @Override
  public String name() {
    return "zarr";
  }

  @Override
  public String displayName() {
    return "Zarr";
  }

  @Override
  public List<String> suffixes() {
    return List.of(".zarr");
  }

  @Override
  public boolean claimsDirectory(FileSystem fs, FileStatus dir) throws IOException {
    return dir.getPath().getName().endsWith(".zarr") || ZarrHierarchy.isStore(fs, dir.getPath());
  }

  /** Decides from the names of the listed children: no request to the file system. */
  @Override
  public boolean claimsDirectory(FileSystem fs, FileStatus dir, List<? extends FileStatus> children) {
    if (dir.getPath().getName().endsWith(".zarr")) {
      return true;
    }
    for (FileStatus c : children) {
      if (!c.isDirectory() && ZarrHierarchy.isStoreKey(c.getPath().getName())) {
        return true;
      }
    }
    return false;
  }

  @Override
  public Set<String> options() {
    return Set.of("dataset", "columns", "layout");
  }

  @Override
  public List<String> optionUsage() {
    return List.of(
        "  --dataset PATH             Zarr: array or group of 1-D arrays in the store (default: the only array)");
  }

  @Override
  public List<String> inspectUsage() {
    return List.of(
        "Zarr: groups, arrays (shape, chunks, shards, dtype, codecs, fill value, chunks present),",
        "attributes, and the columns lakemr reads from each array and group.");
  }

  @Override
  public InputTable open(Configuration conf, InputFiles files, FormatOptions options) {
    return new ZarrInputTable(conf, files, options.get("dataset"), options.list("columns"), options.get("layout"));
  }

  /** The file's groups, arrays and attributes, as {@link #inspect} shows them. */
  @Override
  public Map<String, Object> lineage(Configuration conf, InputFile file) throws IOException {
    return inspect(conf, file);
  }

  @Override
  public Map<String, Object> inspect(Configuration conf, InputFile file) throws IOException {
    FileSystem fs = file.path().getFileSystem(conf);
    return ZarrInspector.inspect(ZarrHierarchy.open(new ZarrStore(fs, file.path())));
  }

  @Override
  public void printInspection(Map<String, Object> doc, PrintStream out) {
    ZarrInspectText.print(doc, out);
  }
}
