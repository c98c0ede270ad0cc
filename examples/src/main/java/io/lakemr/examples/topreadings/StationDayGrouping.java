package io.lakemr.examples.topreadings;

import org.apache.hadoop.io.WritableComparable;
import org.apache.hadoop.io.WritableComparator;

/** Groups reduce input by station and day only, whatever the value and time. */
public class StationDayGrouping extends WritableComparator {

  public StationDayGrouping() {
    super(StationDayReading.class, true);
  }

  @Override
  @SuppressWarnings("rawtypes")
  public int compare(WritableComparable a, WritableComparable b) {
    return ((StationDayReading) a).compareGroup((StationDayReading) b);
  }
}
