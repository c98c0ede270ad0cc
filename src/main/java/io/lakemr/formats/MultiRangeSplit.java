package io.lakemr.formats;

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
 * The input of one map task: one or more file ranges (whole small files packed together, or
 * a block-sized piece of a large file), the names of the partition-directory columns their
 * partition values belong to, and the hosts holding most of their bytes.
 *
 * <p>Hosts are a scheduling hint for the client only and are not serialised, as in
 * {@code FileSplit}.
 */
public class MultiRangeSplit extends InputSplit implements Writable {

  private List<String> partitionColumns;
  private List<FileRange> ranges;
  private String[] hosts;

  /** For deserialisation. */
  public MultiRangeSplit() {
    this(List.of(), List.of(), new String[0]);
  }

  public MultiRangeSplit(List<String> partitionColumns, List<FileRange> ranges, String[] hosts) {
    this.partitionColumns = List.copyOf(partitionColumns);
    this.ranges = List.copyOf(ranges);
    this.hosts = hosts.clone();
  }

  public List<String> partitionColumns() {
    return partitionColumns;
  }

  public List<FileRange> ranges() {
    return ranges;
  }

  /** Sum of the lengths of the ranges. */
  @Override
  public long getLength() {
    long sum = 0;
    for (FileRange r : ranges) {
      sum += r.length();
    }
    return sum;
  }

  @Override
  public String[] getLocations() {
    return hosts.clone();
  }

  @Override
  public void write(DataOutput out) throws IOException {
    WritableUtils.writeVInt(out, partitionColumns.size());
    for (String c : partitionColumns) {
      Text.writeString(out, c);
    }
    WritableUtils.writeVInt(out, ranges.size());
    for (FileRange r : ranges) {
      Text.writeString(out, r.path().toString());
      WritableUtils.writeVLong(out, r.start());
      WritableUtils.writeVLong(out, r.length());
      for (String v : r.partitionValues()) {
        out.writeBoolean(v != null);
        if (v != null) {
          Text.writeString(out, v);
        }
      }
    }
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    int nColumns = WritableUtils.readVInt(in);
    List<String> columns = new ArrayList<>(nColumns);
    for (int i = 0; i < nColumns; i++) {
      columns.add(Text.readString(in));
    }
    int nRanges = WritableUtils.readVInt(in);
    List<FileRange> read = new ArrayList<>(nRanges);
    for (int i = 0; i < nRanges; i++) {
      Path path = new Path(Text.readString(in));
      long start = WritableUtils.readVLong(in);
      long length = WritableUtils.readVLong(in);
      List<String> values = new ArrayList<>(nColumns);
      for (int c = 0; c < nColumns; c++) {
        values.add(in.readBoolean() ? Text.readString(in) : null);
      }
      read.add(new FileRange(path, start, length, values));
    }
    this.partitionColumns = Collections.unmodifiableList(columns);
    this.ranges = Collections.unmodifiableList(read);
    this.hosts = new String[0];
  }

  @Override
  public String toString() {
    return ranges.size() == 1 ? ranges.get(0).toString()
        : ranges.size() + " ranges from " + ranges.get(0) + ", " + getLength() + " bytes";
  }
}
