package io.lakemr.drivers;

import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rows each reducer of a job took in, from the rows its tasks logged
 * ({@link io.lakemr.formats.output.PartitionLog}): a {@code convert} reducer writes every row
 * it receives, so the rows it wrote are its input. Reducers that logged nothing took in no rows.
 *
 * @param rows rows per reducer, by reducer number
 */
record ReducerSizes(long[] rows) {

  /** The reducer number in a task's file name: {@code part-r-00003.parquet}, {@code part-JOBID-r-00003.csv}. */
  private static final Pattern REDUCER = Pattern.compile("-r-(\\d+)(?:\\.|$)");

  /** A partition the plan spread over several reducers, for the summary. */
  record Spread(String path, double share, int first, int reducers) {
  }

  /**
   * The sizes of {@code reducers} reducers from rows by task file name; names of map tasks are
   * left out.
   */
  static ReducerSizes fromLog(Map<String, Long> rowsByTask, int reducers) {
    long[] rows = new long[reducers];
    for (Map.Entry<String, Long> e : rowsByTask.entrySet()) {
      Matcher m = REDUCER.matcher(e.getKey());
      if (m.find()) {
        int r = Integer.parseInt(m.group(1));
        if (r < reducers) {
          rows[r] += e.getValue();
        }
      }
    }
    return new ReducerSizes(rows);
  }

  long largest() {
    return Arrays.stream(rows).max().orElse(0);
  }

  /** The median of the reducers' rows (the mean of the middle two for an even count). */
  double median() {
    if (rows.length == 0) {
      return 0;
    }
    long[] sorted = rows.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
  }

  /** The largest reducer's rows over the median's: 1 when all are empty, infinite when the median is 0 and the largest is not. */
  double largestOverMedian() {
    double median = median();
    long largest = largest();
    if (largest == 0) {
      return 1;
    }
    return median == 0 ? Double.POSITIVE_INFINITY : largest / median;
  }
}
