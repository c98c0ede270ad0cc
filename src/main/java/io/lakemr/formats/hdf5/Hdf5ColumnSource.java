package io.lakemr.formats.hdf5;

import io.lakemr.data.Column;

/**
 * Where one table column comes from: a dataset of the mapping, the byte offset of its value
 * inside a table row's bytes, and its element type; or, for an index column of the
 * {@link Hdf5Layout#CELLS} layout, the dimension it indexes.
 *
 * @param column the column
 * @param part index of the dataset in {@link Hdf5TableMapping#parts()}
 * @param offset byte offset of the value inside the table row
 * @param type element type, null for an index column
 * @param indexDim the dimension an index column counts, -1 for a value column
 */
record Hdf5ColumnSource(Column column, int part, int offset, Hdf5ValueType type, int indexDim) {

  boolean isIndex() {
    return indexDim >= 0;
  }
}
