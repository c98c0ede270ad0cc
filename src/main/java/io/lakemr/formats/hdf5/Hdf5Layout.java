package io.lakemr.formats.hdf5;

/** How the rows and columns of a table are laid over an HDF5 dataset or group. */
public enum Hdf5Layout {
  /** A compound dataset: one row per element, one column per (flattened) field. */
  COMPOUND("one row per element, one column per compound field"),
  /** A 1-D dataset: one column named after the dataset. */
  SERIES("one row per element, one column"),
  /** A 2-D N x K dataset: one row per index of dimension 0, K columns. */
  MATRIX("one row per index of dimension 0, one column per index of dimension 1"),
  /** Rank 3 or more: rows over the leading dimensions, columns over the last. */
  ROWS("rows over the leading dimensions, one column per index of the last dimension"),
  /** One row per element, with index columns {@code i0..i{r-1}} and a value column. */
  CELLS("one row per element, index columns i0.. and one value column"),
  /** A group of equal-length 1-D datasets: one column per dataset. */
  COLUMN_GROUP("one column per 1-D dataset of the group");

  private final String description;

  Hdf5Layout(String description) {
    this.description = description;
  }

  /** A sentence for {@code inspect}. */
  public String description() {
    return description;
  }
}
