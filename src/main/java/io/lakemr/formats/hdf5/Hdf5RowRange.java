package io.lakemr.formats.hdf5;

/**
 * One planned split of an HDF5 table: table rows {@code [firstRow, lastRow)}, which are the
 * records (indexes of dimension 0) {@code [firstRecord, endRecord)}, about {@code bytes} bytes
 * (stored bytes when chunk addresses are known, else decoded bytes), best read on
 * {@code hosts}.
 */
public record Hdf5RowRange(long firstRow, long lastRow, long firstRecord, long endRecord, long bytes,
    String[] hosts) {

  public Hdf5RowRange {
    hosts = hosts.clone();
  }

  @Override
  public String[] hosts() {
    return hosts.clone();
  }

  public long rows() {
    return lastRow - firstRow;
  }

  @Override
  public String toString() {
    return "rows " + firstRow + ".." + lastRow + " (" + bytes + " bytes on " + String.join(",", hosts) + ")";
  }
}
