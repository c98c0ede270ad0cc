package io.lakemr.examples.windspeed;

import io.lakemr.api.LakemrInput;
import io.lakemr.api.RowView;
import java.io.IOException;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Mapper;

/**
 * Computes the wind speed and direction of every row of a batch (a run of the HDF5 datasets'
 * chunks: lakemr cuts splits on chunk boundaries) and emits them keyed by time. A missing
 * component (null, or NaN in the file) gives a NaN speed, which the reducer writes as null.
 */
public class WindSpeedMapper extends Mapper<NullWritable, VectorizedRowBatch, LongWritable, WindReading> {

  private final LongWritable key = new LongWritable();
  private final WindReading reading = new WindReading();
  private RowView row;
  private int time;
  private int station;
  private int u;
  private int v;

  @Override
  protected void setup(Context context) {
    row = LakemrInput.rowView(context.getConfiguration());
    time = row.columns().indexOf("time");
    station = row.columns().indexOf("station");
    u = row.columns().indexOf("u");
    v = row.columns().indexOf("v");
  }

  @Override
  protected void map(NullWritable ignored, VectorizedRowBatch batch, Context context)
      throws IOException, InterruptedException {
    row.of(batch);
    for (int i = 0; i < row.size(); i++) {
      row.at(i);
      if (row.isNull(time)) {
        continue;
      }
      key.set(row.getLong(time));
      reading.set(row.isNull(station) ? "" : row.getString(station), component(u), component(v));
      context.write(key, reading);
    }
  }

  private double component(int col) {
    return row.isNull(col) ? Double.NaN : row.getDouble(col);
  }
}
