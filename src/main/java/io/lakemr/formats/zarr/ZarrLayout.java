package io.lakemr.formats.zarr;

/** How the rows and columns of a table are laid over a Zarr array or group. */
public enum ZarrLayout {
  /** A structured dtype: one row per element, one column per (flattened) field. */
  RECORDS("one row per element, one column per structured dtype field"),
  /** A 1-D array: one column named after the array. */
  SERIES("one row per element, one column"),
  /** A 2-D N x K array: one row per index of dimension 0, K columns. */
  MATRIX("one row per index of dimension 0, one column per index of dimension 1"),
  /** Rank 3 or more: rows over the leading dimensions, columns over the last. */
  ROWS("rows over the leading dimensions, one column per index of the last dimension"),
  /** One row per element, with index columns {@code i0..i{r-1}} and a value column. */
  CELLS("one row per element, index columns i0.. and one value column"),
  /** A group of equal-length 1-D arrays: one column per array. */
  COLUMN_GROUP("one column per 1-D array of the group");

  private final String description;

  ZarrLayout(String description) {
    this.description = description;
  }

  /** A sentence for {@code inspect}. */
  public String description() {
    return description;
  }
}
