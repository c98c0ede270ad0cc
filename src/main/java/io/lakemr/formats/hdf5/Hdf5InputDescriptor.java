package io.lakemr.formats.hdf5;

import io.jhdf.HdfFile;
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
import org.apache.hadoop.fs.FileSystem;

/**
 * HDF5 input (NetCDF-4 included): files ending {@code .h5}, {@code .hdf5}, {@code .he5} or
 * {@code .nc}, starting with the HDF5 signature; options {@code --dataset}, {@code --columns}
 * and {@code --layout}.
 */
public final class Hdf5InputDescriptor implements InputFormatDescriptor {

  @Override
  public String name() {
    return "hdf5";
  }

  @Override
  public String displayName() {
    return "HDF5";
  }

  @Override
  public List<String> suffixes() {
    return List.of(".h5", ".hdf5", ".he5", ".nc");
  }

  @Override
  public byte[] magic() {
    return new byte[] {(byte) 0x89, 'H', 'D', 'F', '\r', '\n', 0x1a, '\n'};
  }

  @Override
  public Set<String> options() {
    return Set.of("dataset", "columns", "layout");
  }

  @Override
  public List<String> optionUsage() {
    return List.of(
        "  --dataset PATH             HDF5: dataset or group of 1-D datasets (default: the only dataset)",
        "  --columns COL[,COL...]     HDF5: read only these columns of the dataset",
        "  --layout rows|cells        HDF5: rows over the leading dimensions (default), or one row per element");
  }

  @Override
  public List<String> inspectUsage() {
    return List.of(
        "HDF5: groups, datasets (shape, type, storage, chunk index, chunks, filters, fill value),",
        "attributes, links, and the columns lakemr reads from each dataset and group.");
  }

  @Override
  public InputTable open(Configuration conf, InputFiles files, FormatOptions options) {
    return new Hdf5InputTable(conf, files, options.get("dataset"), options.list("columns"),
        options.get("layout"));
  }

  /** The file's groups, arrays and attributes, as {@link #inspect} shows them. */
  @Override
  public Map<String, Object> lineage(Configuration conf, InputFile file) throws IOException {
    return inspect(conf, file);
  }

  @Override
  public Map<String, Object> inspect(Configuration conf, InputFile file) throws IOException {
    FileSystem fs = file.path().getFileSystem(conf);
    try (HdfFile hdf = Hdf5Files.open(fs, file.path())) {
      return Hdf5Inspector.inspect(hdf, file.path().toString());
    }
  }

  @Override
  public void printInspection(Map<String, Object> doc, PrintStream out) {
    Hdf5InspectText.print(doc, out);
  }
}
