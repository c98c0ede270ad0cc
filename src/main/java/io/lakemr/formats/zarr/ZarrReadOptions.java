package io.lakemr.formats.zarr;

import java.util.List;

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
}
