package io.lakemr.formats.zarr;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;

/**
 * What to read from a Zarr store.
 *
 * @param dataset path of the array or group in the store, or null for the store's only array
 *     (or its root group of 1-D arrays)
 * @param columns the columns to read, in order, or an empty list for all
 * @param cells true for the {@link ZarrLayout#CELLS} layout (one row per element)
 */
public record ZarrReadOptions(String dataset, List<String> columns, boolean cells) {

  public ZarrReadOptions {
    columns = List.copyOf(columns);
  }

  /** Every column of the only array, in the default layout. */
  public static ZarrReadOptions defaults() {
    return new ZarrReadOptions(null, List.of(), false);
  }

  /**
   * Reads {@link LakemrConfig#ZARR_DATASET}, {@link LakemrConfig#ZARR_COLUMNS} and
   * {@link LakemrConfig#ZARR_LAYOUT}.
   *
   * @throws BadInputException for a layout other than {@code rows} or {@code cells}
   */
  public static ZarrReadOptions from(Configuration conf) {
    String dataset = conf.getTrimmed(LakemrConfig.ZARR_DATASET);
    List<String> columns = new ArrayList<>();
    for (String c : conf.getTrimmedStrings(LakemrConfig.ZARR_COLUMNS)) {
      if (!c.isEmpty()) {
        columns.add(c);
      }
    }
    return new ZarrReadOptions(dataset == null || dataset.isEmpty() ? null : dataset, columns,
        cells(conf.getTrimmed(LakemrConfig.ZARR_LAYOUT, LakemrConfig.ZARR_LAYOUT_DEFAULT)));
  }

  /**
   * Whether a {@code --layout} value is {@code cells}.
   *
   * @throws BadInputException for a value other than {@code rows} or {@code cells}
   */
  public static boolean cells(String layout) {
    String l = layout == null ? LakemrConfig.ZARR_LAYOUT_DEFAULT : layout.trim().toLowerCase(Locale.ROOT);
    if (!l.equals("rows") && !l.equals("cells")) {
      throw new BadInputException("--layout " + layout + ": expected rows or cells");
    }
    return l.equals("cells");
  }
}
