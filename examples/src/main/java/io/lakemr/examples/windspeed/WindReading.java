package io.lakemr.examples.windspeed;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.io.Writable;
import org.apache.hadoop.io.WritableUtils;

/**
 * The map output value of {@link WindSpeed}: a station's wind components and the speed and
 * direction computed from them; speed and direction are NaN when a component is missing.
 */
public class WindReading implements Writable {

  private String station = "";
  private double u;
  private double v;
  private double speed;
  private double direction;

  /**
   * Sets the station and components and computes the speed ({@code sqrt(u^2 + v^2)}, m/s) and
   * the direction the wind blows from (degrees clockwise from north, 0 to 360).
   *
   * @param station the station
   * @param u the eastward component, m/s
   * @param v the northward component, m/s
   * @return this reading
   */
  public WindReading set(String station, double u, double v) {
    this.station = station;
    this.u = u;
    this.v = v;
    this.speed = Math.hypot(u, v);
    double from = Math.toDegrees(Math.atan2(-u, -v));
    this.direction = from < 0 ? from + 360 : from;
    return this;
  }

  public String station() {
    return station;
  }

  public double u() {
    return u;
  }

  public double v() {
    return v;
  }

  public double speed() {
    return speed;
  }

  public double direction() {
    return direction;
  }

  @Override
  public void write(DataOutput out) throws IOException {
    WritableUtils.writeString(out, station);
    out.writeDouble(u);
    out.writeDouble(v);
    out.writeDouble(speed);
    out.writeDouble(direction);
  }

  @Override
  public void readFields(DataInput in) throws IOException {
    station = WritableUtils.readString(in);
    u = in.readDouble();
    v = in.readDouble();
    speed = in.readDouble();
    direction = in.readDouble();
  }
}
