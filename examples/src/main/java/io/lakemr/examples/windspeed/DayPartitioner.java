package io.lakemr.examples.windspeed;

import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.mapreduce.Partitioner;

/** Sends every reading of one UTC day to the same reducer, so each day is one output file. */
public class DayPartitioner extends Partitioner<LongWritable, WindReading> {

  @Override
  public int getPartition(LongWritable time, WindReading reading, int reducers) {
    return (int) Math.floorMod(Math.floorDiv(time.get(), WindSpeed.DAY_MILLIS), (long) reducers);
  }
}
