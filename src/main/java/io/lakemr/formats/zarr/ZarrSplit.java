package io.lakemr.formats.zarr;

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
 * The input of one map task reading Zarr: table rows {@code [firstRow, lastRow)} of the array
 * (or group) {@code dataset} of one store, which start on a chunk (shard) boundary, with the
 * store's Hive-style partition values.
 *
 * <p>Hosts are a scheduling hint for the client only and are not serialised, as in
 * {@code FileSplit}.
 */
public class ZarrSplit extends InputSplit implements Writable {

  private Path store;
  private String dataset;
  private long firstRow;
  private long lastRow;
  private long bytes;
  private List<String> partitionColumns;
  private List<String> partitionValues;
  private String[] hosts;

  /** For deserialisation. */
  public ZarrSplit() {
    this(new Path("/"), "/", 0, 0, 0, List.of(), List.of(), new String[0]);
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
    if (partitionColumns.size() != partitionValues.size()) {
      throw new IllegalArgumentException(partitionColumns.size() + " partition columns but "
          + partitionValues.size() + " values");
    }
    this.store = store;
    this.dataset = dataset;
    this.firstRow = firstRow;
    this.lastRow = lastRow;
    this.bytes = bytes;
    this.partitionColumns = List.copyOf(partitionColumns);
    this.partitionValues = Collections.unmodifiableList(new ArrayList<>(partitionValues));
    this.hosts = hosts.clone();
  }

  public Path store() {
    return store;
  }

  /** Path in the store of the array or group read. */
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
    Text.writeString(out, store.toString());
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
    store = new Path(Text.readString(in));
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
    return store + ": " + dataset + " rows " + firstRow + ".." + lastRow;
  }
}
