package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link ReducerSizes} from the rows tasks logged: reducer numbers from file names, median, ratio. */
class ReducerSizesTest {

  @Test
  void reducerNumbersComeFromTheTaskFileNamesAndMapTasksAreLeftOut() {
    ReducerSizes sizes = ReducerSizes.fromLog(Map.of("part-r-00000.parquet", 10L,
        "part-job_local12_0003-r-00002.csv", 30L, "part-m-00001.parquet", 99L, "part-r-00003", 5L), 5);
    assertArrayEquals(new long[] {10, 0, 30, 5, 0}, sizes.rows());
    assertEquals(30, sizes.largest());
    assertEquals(5.0, sizes.median());
    assertEquals(6.0, sizes.largestOverMedian(), 1e-9);
  }

  @Test
  void anEvenCountTakesTheMeanOfTheMiddleTwoAndAnEmptyMedianIsInfinite() {
    assertEquals(15.0, new ReducerSizes(new long[] {40, 10, 20, 5}).median());
    assertEquals(Double.POSITIVE_INFINITY, new ReducerSizes(new long[] {7, 0, 0}).largestOverMedian());
    assertEquals(1.0, new ReducerSizes(new long[] {0, 0}).largestOverMedian());
  }
}
