package io.lakemr.examples.topreadings;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.WritableComparable;
import org.apache.hadoop.io.WritableUtils;

/**
 * The map output key of {@link TopReadings}: a reading's station, day, value and time. The
 * shuffle sorts keys by day, then station, then value from highest to lowest, then time; the
 * partitioner and the grouping comparator look at station and day only, so one reduce call
 * gets one station's day with its readings already in descending order (a secondary sort).
 */
public class StationDayReading implements WritableComparable<StationDayReading> {

  private String station = "";
  private int day;
  private double value;
  private long ts;

  /**
   * Sets every field.
   *
   * @param station the station
   * @param day days since 1970-01-01
   * @param value the reading
   * @param ts epoch milliseconds of the reading
   * @return this key
   */
  public StationDayReading set(String station, int day, double value, long ts) {
    this.station = station;
    this.day = day;
    this.value = value;
    this.ts = ts;
    return this;
  }

  public String station() {
    return station;
  }

  public int day() {
    return day;
  }

  public double value() {
    return value;
  }

  public long ts() {
    return ts;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    WritableUtils.writeString(out, station);
    WritableUtils.writeVInt(out, day);
    out.writeDouble(value);
    WritableUtils.writeVLong(out, ts);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    station = WritableUtils.readString(in);
    day = WritableUtils.readVInt(in);
    value = in.readDouble();
    ts = WritableUtils.readVLong(in);
  }

  /**
   * Day, then station, ascending: the group a reading belongs to. Day first, so each reducer
   * gets its days one after the other and writes one file per day partition.
   *
   * @param o the other key
   * @return the order of the two groups
   */
  public int compareGroup(StationDayReading o) {
    int c = Integer.compare(day, o.day);
    return c != 0 ? c : station.compareTo(o.station);
  }

  @Override
  public int compareTo(StationDayReading o) {
    int c = compareGroup(o);
    if (c != 0) {
      return c;
    }
    c = Double.compare(o.value, value);
    return c != 0 ? c : Long.compare(ts, o.ts);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StationDayReading r && compareTo(r) == 0;
  }

  @Override
  public int hashCode() {
    return 31 * station.hashCode() + day;
  }

  @Override
  public String toString() {
    return station + " day " + day + " " + value + " at " + ts;
  }
}
