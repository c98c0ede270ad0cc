package io.lakemr.examples.topreadings;

import io.lakemr.api.LakemrInput;
import io.lakemr.api.RowView;
import java.io.IOException;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Mapper;

/** Emits one {@link StationDayReading} per row with a value; rows without one are skipped. */
public class TopReadingsMapper extends Mapper<NullWritable, VectorizedRowBatch, StationDayReading, NullWritable> {

  private static final long DAY_MILLIS = 86_400_000L;

  private final StationDayReading key = new StationDayReading();
  private RowView row;
  private int ts;
  private int station;
  private int value;

  @Override
  protected void setup(Context context) {
    row = LakemrInput.rowView(context.getConfiguration());
    ts = row.columns().indexOf("ts");
    station = row.columns().indexOf("station");
    value = row.columns().indexOf("value");
  }

  @Override
  protected void map(NullWritable ignored, VectorizedRowBatch batch, Context context)
      throws IOException, InterruptedException {
    row.of(batch);
    for (int i = 0; i < row.size(); i++) {
      row.at(i);
      if (row.isNull(ts) || row.isNull(station) || row.isNull(value)) {
        continue;
      }
      long millis = row.getLong(ts);
      key.set(row.getString(station), (int) Math.floorDiv(millis, DAY_MILLIS), row.getDouble(value), millis);
      context.write(key, NullWritable.get());
    }
  }
}
