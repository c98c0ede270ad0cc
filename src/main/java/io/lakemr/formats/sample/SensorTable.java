package io.lakemr.formats.sample;

import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * The sample sensor table: its schema, and a generator that fills batches with its rows.
 *
 * <table>
 *   <caption>Columns</caption>
 *   <tr><th>column</th><th>type</th><th>values</th></tr>
 *   <tr><td>{@code ts}</td><td>long</td><td>epoch milliseconds, uniform over the 30 days from
 *       2026-01-01T00:00Z</td></tr>
 *   <tr><td>{@code station}</td><td>string</td><td>{@code st-0001} .. {@code st-1000},
 *       uniform</td></tr>
 *   <tr><td>{@code status}</td><td>string</td><td>{@code ok} 90 %, {@code warn} 8 %,
 *       {@code fail} 2 %</td></tr>
 *   <tr><td>{@code value}</td><td>double</td><td>normal, mean 50, standard deviation 10</td></tr>
 *   <tr><td>{@code sensor_id}</td><td>long</td><td>uniform in [0, max(1, N/10)) for a table
 *       of N rows, so about N/10 distinct values</td></tr>
 * </table>
 *
 * <p>Row {@code i} is a pure function of (seed, N, i): its random draws come from a SplitMix64
 * hash of the seed and the row number, never from a stream shared with other rows. So a table
 * is the same whatever number of files or batches it is written in. Filling makes no object
 * per row: strings are references into byte arrays encoded once per instance.
 */
public final class SensorTable {

  /** The columns, in batch order. */
  public static final List<Column> COLUMNS = List.of(
      new Column("ts", ColumnType.LONG),
      new Column("station", ColumnType.STRING),
      new Column("status", ColumnType.STRING),
      new Column("value", ColumnType.DOUBLE),
      new Column("sensor_id", ColumnType.LONG));

  public static final int TS = 0;
  public static final int STATION = 1;
  public static final int STATUS = 2;
  public static final int VALUE = 3;
  public static final int SENSOR_ID = 4;

  /** 2026-01-01T00:00Z in epoch milliseconds. */
  public static final long START_MILLIS = 1_767_225_600_000L;
  /** Thirty days in milliseconds. */
  public static final long SPAN_MILLIS = 30L * 86_400_000L;
  public static final int STATIONS = 1000;
  public static final double VALUE_MEAN = 50;
  public static final double VALUE_SD = 10;

  private static final int STATION_LENGTH = 7; // "st-0001"
  private static final long GOLDEN = 0x9E3779B97F4A7C15L;
  private static final double TWO_PI = 2 * Math.PI;
  private static final double UNIT = 0x1.0p-53;

  private final long seedHash;
  private final long sensorIds;
  /** All station names back to back, {@value #STATION_LENGTH} bytes each. */
  private final byte[] stations = new byte[STATIONS * STATION_LENGTH];
  /** "okwarnfail". */
  private final byte[] statuses = "okwarnfail".getBytes(StandardCharsets.US_ASCII);

  /**
   * @param seed the table's seed
   * @param totalRows rows in the whole table (sets the range of {@code sensor_id})
   */
  public SensorTable(long seed, long totalRows) {
    this.seedHash = mix64(seed + GOLDEN);
    this.sensorIds = sensorIdCount(totalRows);
    for (int s = 0; s < STATIONS; s++) {
      byte[] name = stationName(s).getBytes(StandardCharsets.US_ASCII);
      System.arraycopy(name, 0, stations, s * STATION_LENGTH, STATION_LENGTH);
    }
  }

  /** The name of station number {@code s} (0-based): {@code st-0001} for 0. */
  public static String stationName(int s) {
    return String.format("st-%04d", s + 1);
  }

  /** The number of {@code sensor_id} values of a table of that many rows. */
  public static long sensorIdCount(long totalRows) {
    return Math.max(1, totalRows / 10);
  }

  /**
   * Fills the first {@code n} rows of a batch made for {@link #COLUMNS} with table rows
   * {@code firstRow .. firstRow + n - 1}, and sets its size to {@code n} with no selection.
   */
  public void fill(VectorizedRowBatch batch, long firstRow, int n) {
    if (n > batch.getMaxSize()) {
      throw new IllegalArgumentException(n + " rows do not fit a batch of " + batch.getMaxSize());
    }
    long[] ts = ((LongColumnVector) batch.cols[TS]).vector;
    BytesColumnVector station = (BytesColumnVector) batch.cols[STATION];
    BytesColumnVector status = (BytesColumnVector) batch.cols[STATUS];
    double[] value = ((DoubleColumnVector) batch.cols[VALUE]).vector;
    long[] sensor = ((LongColumnVector) batch.cols[SENSOR_ID]).vector;
    for (int i = 0; i < n; i++) {
      long h = mix64(seedHash ^ ((firstRow + i) * GOLDEN));
      long x1 = mix64(h + GOLDEN);
      long x2 = mix64(h + 2 * GOLDEN);
      long x3 = mix64(h + 3 * GOLDEN);
      long x4 = mix64(h + 4 * GOLDEN);
      long x5 = mix64(h + 5 * GOLDEN);
      long x6 = mix64(h + 6 * GOLDEN);

      ts[i] = START_MILLIS + below(x1, SPAN_MILLIS);
      station.setRef(i, stations, (int) below(x2, STATIONS) * STATION_LENGTH, STATION_LENGTH);
      int pct = (int) below(x3, 100);
      if (pct < 90) {
        status.setRef(i, statuses, 0, 2);
      } else if (pct < 98) {
        status.setRef(i, statuses, 2, 4);
      } else {
        status.setRef(i, statuses, 6, 4);
      }
      // Box-Muller: u1 in (0, 1], u2 in [0, 1)
      double u1 = ((x4 >>> 11) + 1) * UNIT;
      double u2 = (x5 >>> 11) * UNIT;
      value[i] = VALUE_MEAN + VALUE_SD * Math.sqrt(-2 * Math.log(u1)) * Math.cos(TWO_PI * u2);
      sensor[i] = (x6 >>> 1) % sensorIds;
    }
    for (ColumnVector v : batch.cols) {
      v.noNulls = true;
      v.isRepeating = false;
    }
    batch.size = n;
    batch.selectedInUse = false;
  }

  /** A value in [0, bound) from the high 32 bits of x, for bound below 2^32. */
  private static long below(long x, long bound) {
    return ((x >>> 32) * bound) >>> 32;
  }

  /** SplitMix64's finaliser (Stafford's variant 13). */
  private static long mix64(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
