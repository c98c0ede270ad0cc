package io.lakemr.formats.hdf5;

import io.lakemr.formats.array.ArrayRowSplit;
import java.util.List;
import org.apache.hadoop.fs.Path;

/**
 * The input of one map task reading HDF5: table rows {@code [firstRow, lastRow)} of the
 * dataset (or group) {@code dataset} of one file, which start on a chunk boundary, with the
 * file's Hive-style partition values.
 */
public class Hdf5Split extends ArrayRowSplit {

  /** For deserialisation. */
  public Hdf5Split() {
  }

  /**
   * @param path the file
   * @param dataset path in the file of the dataset or group the rows come from
   * @param firstRow first table row
   * @param lastRow one past the last table row
   * @param bytes the split's size for scheduling: stored bytes when chunk addresses are known
   * @param partitionColumns names of the partition-directory columns
   * @param partitionValues the file's values of them (null for the default partition)
   * @param hosts hosts holding most of the split's bytes
   */
  public Hdf5Split(Path path, String dataset, long firstRow, long lastRow, long bytes,
      List<String> partitionColumns, List<String> partitionValues, String[] hosts) {
    super(path, dataset, firstRow, lastRow, bytes, partitionColumns, partitionValues, hosts);
  }

  public Path path() {
    return source();
  }
}
