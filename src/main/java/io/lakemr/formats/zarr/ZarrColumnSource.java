package io.lakemr.formats.zarr;

import io.lakemr.data.Column;

/**
 * Where one table column comes from: an array of the mapping, the byte offset of its value
 * inside a table row's bytes and its element type; or, for an index column of the
 * {@link ZarrLayout#CELLS} layout, the dimension it indexes.
 *
 * @param column the column
 * @param part index of the array in the mapping's arrays
 * @param offset byte offset of the value inside the table row
 * @param type element type (scalar), null for an index column
 * @param indexDim the dimension an index column counts, -1 for a value column
 */
record ZarrColumnSource(Column column, int part, int offset, ZarrDataType type, int indexDim) {

  boolean isIndex() {
    return indexDim >= 0;
  }
}
