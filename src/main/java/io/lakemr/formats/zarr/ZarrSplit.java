package io.lakemr.formats.zarr;

import io.lakemr.formats.array.ArrayRowSplit;
import java.util.List;
import org.apache.hadoop.fs.Path;

/**
 * The input of one map task reading Zarr: table rows {@code [firstRow, lastRow)} of the array
 * (or group) {@code dataset} of one store, which start on a chunk (shard) boundary, with the
 * store's Hive-style partition values.
 */
public class ZarrSplit extends ArrayRowSplit {

  /** For deserialisation. */
  public ZarrSplit() {
  }

  /**
   * @param store the store's root folder
   * @param dataset path in the store of the array or group the rows come from
   * @param firstRow first table row
   * @param lastRow one past the last table row
   * @param bytes stored bytes of the split's chunks
   * @param partitionColumns names of the partition-directory columns
   * @param partitionValues the store's values of them (null for the default partition)
   * @param hosts hosts holding most of the split's bytes
   */
  public ZarrSplit(Path store, String dataset, long firstRow, long lastRow, long bytes,
      List<String> partitionColumns, List<String> partitionValues, String[] hosts) {
    super(store, dataset, firstRow, lastRow, bytes, partitionColumns, partitionValues, hosts);
  }

  public Path store() {
    return source();
  }
}
