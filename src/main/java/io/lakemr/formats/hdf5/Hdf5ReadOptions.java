package io.lakemr.formats.hdf5;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;

/**
 * What to read from an HDF5 file, read once from a job's configuration.
 *
 * @param dataset path of the dataset or group in the file, or null to use the file's only dataset
 * @param columns the columns to read, in order, or an empty list for all
 * @param cells true for the {@link Hdf5Layout#CELLS} layout (one row per element)
 */
public record Hdf5ReadOptions(String dataset, List<String> columns, boolean cells) {

  public Hdf5ReadOptions {
    columns = List.copyOf(columns);
  }

  /** Every column of the only dataset, in the default layout. */
  public static Hdf5ReadOptions defaults() {
    return new Hdf5ReadOptions(null, List.of(), false);
  }

  /**
   * Reads {@link LakemrConfig#HDF5_DATASET}, {@link LakemrConfig#HDF5_COLUMNS} and
   * {@link LakemrConfig#HDF5_LAYOUT}.
   *
   * @throws BadInputException for a layout other than {@code rows} or {@code cells}
   */
  public static Hdf5ReadOptions from(Configuration conf) {
    String dataset = conf.getTrimmed(LakemrConfig.HDF5_DATASET);
    List<String> columns = new ArrayList<>();
    for (String c : conf.getTrimmedStrings(LakemrConfig.HDF5_COLUMNS)) {
      if (!c.isEmpty()) {
        columns.add(c);
      }
    }
    String layout = conf.getTrimmed(LakemrConfig.HDF5_LAYOUT, LakemrConfig.HDF5_LAYOUT_DEFAULT)
        .toLowerCase(Locale.ROOT);
    if (!layout.equals("rows") && !layout.equals("cells")) {
      throw new BadInputException("--layout " + layout + ": expected rows or cells");
    }
    return new Hdf5ReadOptions(dataset == null || dataset.isEmpty() ? null : dataset, columns,
        layout.equals("cells"));
  }
}
