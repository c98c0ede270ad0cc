package io.lakemr.formats.array;

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
 * The input of one map task reading a chunked array format (HDF5, Zarr): table rows
 * {@code [firstRow, lastRow)} of the dataset, array or group {@code dataset} of one file or
 * store, which start on a chunk boundary, with its Hive-style partition values. Each format
 * has its own subclass, so that its record reader is given only its own splits.
 *
 * <p>Hosts are a scheduling hint for the client only and are not serialised, as in
 * {@code FileSplit}.
 */
public abstract class ArrayRowSplit extends InputSplit implements Writable {

  private Path source;
  private String dataset;
  private long firstRow;
  private long lastRow;
  private long bytes;
  private List<String> partitionColumns;
  private List<String> partitionValues;
  private String[] hosts;

  /** For deserialisation. */
  protected ArrayRowSplit() {
    this(new Path("/"), "/", 0, 0, 0, List.of(), List.of(), new String[0]);
  }

  /**
   * @param source the file, or the store's root folder
   * @param dataset path in the file or store of the dataset, array or group the rows come from
   * @param firstRow first table row
   * @param lastRow one past the last table row
   * @param bytes the split's size for scheduling: stored bytes when chunk addresses are known
   * @param partitionColumns names of the partition-directory columns
   * @param partitionValues the source's values of them (null for the default partition)
   * @param hosts hosts holding most of the split's bytes
   */
  protected ArrayRowSplit(Path source, String dataset, long firstRow, long lastRow, long bytes,
      List<String> partitionColumns, List<String> partitionValues, String[] hosts) {
    if (partitionColumns.size() != partitionValues.size()) {
      throw new IllegalArgumentException(partitionColumns.size() + " partition columns but "
          + partitionValues.size() + " values");
    }
    this.source = source;
    this.dataset = dataset;
    this.firstRow = firstRow;
    this.lastRow = lastRow;
    this.bytes = bytes;
    this.partitionColumns = List.copyOf(partitionColumns);
    this.partitionValues = Collections.unmodifiableList(new ArrayList<>(partitionValues));
    this.hosts = hosts.clone();
  }

  /** The file, or the store's root folder. */
  protected final Path source() {
    return source;
  }

  /** Path in the file or store of the dataset, array or group read. */
  public final String dataset() {
    return dataset;
  }

  public final long firstRow() {
    return firstRow;
  }

  /** One past the last row. */
  public final long lastRow() {
    return lastRow;
  }

  public final List<String> partitionColumns() {
    return partitionColumns;
  }

  public final List<String> partitionValues() {
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
    Text.writeString(out, source.toString());
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
    source = new Path(Text.readString(in));
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
    return source + ": " + dataset + " rows " + firstRow + ".." + lastRow;
  }
}
