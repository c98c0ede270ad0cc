package io.lakemr.examples.topreadings;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lakemr.api.TableColumn;
import io.lakemr.api.ValueType;
import io.lakemr.testing.BatchMapperDriver;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.io.NullWritable;
import org.junit.jupiter.api.Test;

/**
 * {@link TopReadingsMapper} and the key's order, with the test kit's batch mapper driver: a
 * row with a null is skipped, the day is the UTC day (before 1970 too), and keys sort by day,
 * station, value descending, then time, while grouping ignores value and time.
 */
class TopReadingsMapperTest {

  private static final long DAY = 86_400_000L;

  @Test
  void emitsOneKeyPerCompleteRowInSortOrderOfDayStationAndValueDescending() throws Exception {
    BatchMapperDriver<StationDayReading, NullWritable> driver = new BatchMapperDriver<>(new TopReadingsMapper(),
        TableColumn.of("ts", ValueType.LONG), TableColumn.of("station", ValueType.STRING),
        TableColumn.of("value", ValueType.DOUBLE));
    driver.withRow(20_000 * DAY + 5, "st-2", 40.0)
        .withRow(20_000 * DAY + 9, "st-1", 55.5)
        .withRow(20_000 * DAY + 1, "st-1", null)
        .endBatch()
        .withRow(20_000 * DAY + 7, "st-1", 60.25)
        .withRow(20_000 * DAY - 1, "st-1", 99.0)
        .withRow(-1L, "st-9", 1.0)
        .withRow(20_000 * DAY + 3, "st-1", 60.25);

    List<Map.Entry<StationDayReading, NullWritable>> out = driver.run();

    List<String> keys = out.stream().map(Map.Entry::getKey).sorted().map(StationDayReading::toString).toList();
    assertEquals(List.of("st-9 day -1 1.0 at -1", "st-1 day 19999 99.0 at " + (20_000 * DAY - 1),
        "st-1 day 20000 60.25 at " + (20_000 * DAY + 3), "st-1 day 20000 60.25 at " + (20_000 * DAY + 7),
        "st-1 day 20000 55.5 at " + (20_000 * DAY + 9), "st-2 day 20000 40.0 at " + (20_000 * DAY + 5)), keys);
    StationDayReading a = out.get(1).getKey();
    StationDayReading b = out.get(2).getKey();
    assertEquals(0, new StationDayGrouping().compare(a, b), "one group: " + a + ", " + b);
    assertEquals(new StationDayPartitioner().getPartition(a, NullWritable.get(), 7),
        new StationDayPartitioner().getPartition(b, NullWritable.get(), 7));
  }
}
