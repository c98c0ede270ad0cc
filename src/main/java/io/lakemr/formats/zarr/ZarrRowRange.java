package io.lakemr.formats.zarr;

/**
 * One planned split of a Zarr table: table rows {@code [firstRow, lastRow)}, which are the
 * records (indexes of dimension 0) {@code [firstRecord, endRecord)}, about {@code bytes} stored
 * bytes, best read on {@code hosts}.
 */
public record ZarrRowRange(long firstRow, long lastRow, long firstRecord, long endRecord, long bytes,
    String[] hosts) {

  public ZarrRowRange {
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
