package io.lakemr.formats.sample;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.mapreduce.InputSplit;

/** A range of rows of the sample sensor table: what one generator task writes to one file. */
public final class SensorSplit extends InputSplit implements Writable {

  /** Rough bytes per row, for the length the scheduler orders splits by. */
  private static final long BYTES_PER_ROW = 40;

  private long firstRow;
  private long rows;

  /** For deserialisation. */
  public SensorSplit() {
  }

  public SensorSplit(long firstRow, long rows) {
    this.firstRow = firstRow;
    this.rows = rows;
  }

  public long firstRow() {
    return firstRow;
  }

  public long rows() {
    return rows;
  }

  @Override
  public long getLength() {
    return rows * BYTES_PER_ROW;
  }

  @Override
  public String[] getLocations() {
    return new String[0];
  }

  @Override
  public void write(DataOutput out) throws IOException {
    out.writeLong(firstRow);
    out.writeLong(rows);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    firstRow = in.readLong();
    rows = in.readLong();
  }

  @Override
  public String toString() {
    return "sensor rows " + firstRow + ".." + (firstRow + rows - 1);
  }
}
