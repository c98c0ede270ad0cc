package io.lakemr.examples.topreadings;

import io.lakemr.api.LakemrOutput;
import io.lakemr.api.OutputWriter;
import java.io.IOException;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Reducer;

/**
 * Writes the first {@link TopReadings#COUNT} readings of each station's day, which the
 * secondary sort hands over highest first. Hadoop refills the key object as the values are
 * iterated, so the key holds the current reading's value and time at each step.
 */
public class TopReadingsReducer extends Reducer<StationDayReading, NullWritable, NullWritable, NullWritable> {

  private OutputWriter out;
  private int top;
  private int day;
  private int station;
  private int rank;
  private int ts;
  private int value;

  @Override
  protected void setup(Context context) throws IOException, InterruptedException {
    top = context.getConfiguration().getInt(TopReadings.COUNT, TopReadings.COUNT_DEFAULT);
    out = LakemrOutput.writer(context);
    day = out.columns().indexOf("day");
    station = out.columns().indexOf("station");
    rank = out.columns().indexOf("rank");
    ts = out.columns().indexOf("ts");
    value = out.columns().indexOf("value");
  }

  @Override
  protected void reduce(StationDayReading key, Iterable<NullWritable> readings, Context context) throws IOException {
    int n = 0;
    for (NullWritable ignored : readings) {
      if (++n > top) {
        break;
      }
      out.setLong(day, key.day())
          .setString(station, key.station())
          .setLong(rank, n)
          .setLong(ts, key.ts())
          .setDouble(value, key.value())
          .write();
    }
  }

  @Override
  protected void cleanup(Context context) throws IOException {
    out.close();
  }
}
