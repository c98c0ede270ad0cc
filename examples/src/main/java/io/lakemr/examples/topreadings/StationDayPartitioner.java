package io.lakemr.examples.topreadings;

import org.apache.hadoop.io.NullWritable;
import org.apache.hadoop.mapreduce.Partitioner;

/** Sends every reading of one station's day to the same reducer, whatever its value. */
public class StationDayPartitioner extends Partitioner<StationDayReading, NullWritable> {

  @Override
  public int getPartition(StationDayReading key, NullWritable value, int reducers) {
    return (key.hashCode() & Integer.MAX_VALUE) % reducers;
  }
}
