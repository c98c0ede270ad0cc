package io.lakemr.formats.hdf5;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.io.WritableUtils;
import org.apache.hadoop.mapreduce.InputSplit;

/**
 * The input of one map task reading HDF5: table rows {@code [firstRow, lastRow)} of the
 * dataset (or group) {@code dataset} of one file, which start on a chunk boundary, with the
 * file's Hive-style partition values.
 *
 * <p>Hosts are a scheduling hint for the client only and are not serialised, as in
 * {@code FileSplit}.
 */
public class Hdf5Split extends InputSplit implements Writable {

  private Path path;
  private String dataset;
  private long firstRow;
  private long lastRow;
  private long bytes;
  private List<String> partitionColumns;
  private List<String> partitionValues;
  private String[] hosts;

  /** For deserialisation. */
  public Hdf5Split() {
    this(new Path("/"), "/", 0, 0, 0, List.of(), List.of(), new String[0]);
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
    if (partitionColumns.size() != partitionValues.size()) {
      throw new IllegalArgumentException(partitionColumns.size() + " partition columns but "
          + partitionValues.size() + " values");
    }
    this.path = path;
    this.dataset = dataset;
    this.firstRow = firstRow;
    this.lastRow = lastRow;
    this.bytes = bytes;
    this.partitionColumns = List.copyOf(partitionColumns);
    this.partitionValues = Collections.unmodifiableList(new ArrayList<>(partitionValues));
    this.hosts = hosts.clone();
  }

  public Path path() {
    return path;
  }

  /** Path in the file of the dataset or group read. */
  public String dataset() {
    return dataset;
  }

  public long firstRow() {
    return firstRow;
  }

  /** One past the last row. */
  public long lastRow() {
    return lastRow;
  }

  public List<String> partitionColumns() {
    return partitionColumns;
  }

  public List<String> partitionValues() {
    return partitionValues;
  }

  @Override
  public long getLength() {
    return bytes;
  }

  @Override
  public String[] getLocations() {
    return hosts.clone();
  }

  @Override
  public void write(DataOutput out) throws IOException {
    Text.writeString(out, path.toString());
    Text.writeString(out, dataset);
    WritableUtils.writeVLong(out, firstRow);
    WritableUtils.writeVLong(out, lastRow);
    WritableUtils.writeVLong(out, bytes);
    WritableUtils.writeVInt(out, partitionColumns.size());
    for (int i = 0; i < partitionColumns.size(); i++) {
      Text.writeString(out, partitionColumns.get(i));
      String v = partitionValues.get(i);
      out.writeBoolean(v != null);
      if (v != null) {
        Text.writeString(out, v);
      }
    }
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    path = new Path(Text.readString(in));
    dataset = Text.readString(in);
    firstRow = WritableUtils.readVLong(in);
    lastRow = WritableUtils.readVLong(in);
    bytes = WritableUtils.readVLong(in);
    int n = WritableUtils.readVInt(in);
    List<String> columns = new ArrayList<>(n);
    List<String> values = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      columns.add(Text.readString(in));
      values.add(in.readBoolean() ? Text.readString(in) : null);
    }
    partitionColumns = Collections.unmodifiableList(columns);
    partitionValues = Collections.unmodifiableList(values);
    hosts = new String[0];
  }

  @Override
  public String toString() {
    return path + ": " + dataset + " rows " + firstRow + ".." + lastRow;
  }
}
