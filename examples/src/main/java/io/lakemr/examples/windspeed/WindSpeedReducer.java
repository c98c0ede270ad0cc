package io.lakemr.examples.windspeed;

import io.lakemr.api.LakemrOutput;
import io.lakemr.api.OutputWriter;
import java.io.IOException;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Writes the readings in time order (the shuffle sorted them), one row each, into the day's
 * partition; a NaN speed or direction is written as null.
 */
public class WindSpeedReducer extends Reducer<LongWritable, WindReading, NullWritable, NullWritable> {

  private OutputWriter out;
  private int day;
  private int time;
  private int station;
  private int u;
  private int v;
  private int speed;
  private int direction;

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    out = LakemrOutput.writer(context);
    day = out.columns().indexOf("day");
    time = out.columns().indexOf("time");
    station = out.columns().indexOf("station");
    u = out.columns().indexOf("u");
    v = out.columns().indexOf("v");
    speed = out.columns().indexOf("speed");
    direction = out.columns().indexOf("direction");
  }

  @Override
  protected void reduce(LongWritable key, Iterable<WindReading> readings, Context context) throws IOException {
    for (WindReading r : readings) {
      out.setLong(day, Math.floorDiv(key.get(), WindSpeed.DAY_MILLIS))
          .setLong(time, key.get())
          .setString(station, r.station());
      number(u, r.u());
      number(v, r.v());
      number(speed, r.speed());
      number(direction, r.direction());
      out.write();
    }
  }

  private void number(int col, double value) {
    if (Double.isNaN(value)) {
      out.setNull(col);
    } else {
      out.setDouble(col, value);
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException {
    out.close();
  }
}
