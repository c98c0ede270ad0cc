package io.lakemr.formats.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.data.BatchRow;
import io.lakemr.data.Schemas;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.junit.jupiter.api.Test;

class SensorTableTest {

  /** Every row of a table of {@code total} rows, as text, generated split by split. */
  private static String[] rows(long seed, int total, int files, int batchRows) {
    SensorTable t = new SensorTable(seed, total);
    VectorizedRowBatch b = Schemas.newBatch(SensorTable.COLUMNS, batchRows);
    BatchRow v = new BatchRow().of(b);
    String[] out = new String[total];
    for (SensorSplit s : SensorInputFormat.plan(total, files)) {
      for (long r = s.firstRow(); r < s.firstRow() + s.rows(); r += batchRows) {
        int n = (int) Math.min(batchRows, s.firstRow() + s.rows() - r);
        t.fill(b, r, n);
        for (int i = 0; i < n; i++) {
          v.at(i);
          out[(int) r + i] = v.getLong(0) + "|" + v.getString(1) + "|" + v.getString(2) + "|"
              + Double.doubleToRawLongBits(v.getDouble(3)) + "|" + v.getLong(4);
        }
      }
    }
    return out;
  }

  @Test
  void sameSeedSameRowsWhateverTheFilesAndBatches() {
    String[] one = rows(42, 10_000, 1, 1024);
    assertArrayEquals(one, rows(42, 10_000, 3, 1024));
    assertArrayEquals(one, rows(42, 10_000, 7, 100));
    assertArrayEquals(one, rows(42, 10_000, 10_000, 1));
    String[] other = rows(43, 10_000, 1, 1024);
    int same = 0;
    for (int i = 0; i < one.length; i++) {
      same += one[i].equals(other[i]) ? 1 : 0;
    }
    assertEquals(0, same);
    assertEquals(10_000, new HashSet<>(Arrays.asList(one)).size());
  }

  @Test
  void distributionsAreAsSpecified() {
    int n = 400_000;
    SensorTable t = new SensorTable(7, n);
    VectorizedRowBatch b = Schemas.newBatch(SensorTable.COLUMNS, 1024);
    BatchRow v = new BatchRow().of(b);
    long[] perDay = new long[30];
    Map<String, Integer> status = new HashMap<>();
    Map<String, Integer> stations = new HashMap<>();
    Set<Long> sensors = new HashSet<>();
    double sum = 0;
    double sumSq = 0;
    long withinOneSd = 0;
    for (long r = 0; r < n; r += 1024) {
      int k = (int) Math.min(1024, n - r);
      t.fill(b, r, k);
      for (int i = 0; i < k; i++) {
        v.at(i);
        long ts = v.getLong(SensorTable.TS);
        assertTrue(ts >= SensorTable.START_MILLIS && ts < SensorTable.START_MILLIS + SensorTable.SPAN_MILLIS);
        perDay[(int) ((ts - SensorTable.START_MILLIS) / 86_400_000L)]++;
        stations.merge(v.getString(SensorTable.STATION), 1, Integer::sum);
        status.merge(v.getString(SensorTable.STATUS), 1, Integer::sum);
        double x = v.getDouble(SensorTable.VALUE);
        sum += x;
        sumSq += x * x;
        withinOneSd += Math.abs(x - 50) < 10 ? 1 : 0;
        long id = v.getLong(SensorTable.SENSOR_ID);
        assertTrue(id >= 0 && id < n / 10, "sensor_id " + id);
        sensors.add(id);
      }
    }
    for (long d : perDay) {
      assertEquals(n / 30.0, d, n / 30.0 * 0.05);
    }
    assertEquals(1000, stations.size());
    assertTrue(stations.containsKey("st-0001") && stations.containsKey("st-1000"));
    assertFalse(stations.containsKey("st-0000") || stations.containsKey("st-1001"));
    for (int c : stations.values()) {
      assertEquals(n / 1000.0, c, n / 1000.0 * 0.25);
    }
    assertEquals(Set.of("ok", "warn", "fail"), status.keySet());
    assertEquals(0.90, status.get("ok") / (double) n, 0.005);
    assertEquals(0.08, status.get("warn") / (double) n, 0.004);
    assertEquals(0.02, status.get("fail") / (double) n, 0.002);
    double mean = sum / n;
    double sd = Math.sqrt(sumSq / n - mean * mean);
    assertEquals(50, mean, 0.1);
    assertEquals(10, sd, 0.1);
    assertEquals(0.6827, withinOneSd / (double) n, 0.005);
    // n draws over n/10 values leave about (1 - e^-10) of them seen
    assertTrue(sensors.size() > 0.99 * n / 10, "distinct sensor ids " + sensors.size());
  }

  @Test
  void tinyTablesHaveOneSensor() {
    SensorTable t = new SensorTable(1, 5);
    VectorizedRowBatch b = Schemas.newBatch(SensorTable.COLUMNS, 5);
    t.fill(b, 0, 5);
    BatchRow v = new BatchRow().of(b);
    for (int i = 0; i < 5; i++) {
      assertEquals(0, v.at(i).getLong(SensorTable.SENSOR_ID));
    }
    assertThrows(IllegalArgumentException.class, () -> t.fill(b, 0, 6));
  }

  @Test
  void planSharesRowsEvenlyAndContiguously() throws IOException {
    List<SensorSplit> p = SensorInputFormat.plan(10, 3);
    assertEquals(List.of("0+4", "4+3", "7+3"),
        p.stream().map(s -> s.firstRow() + "+" + s.rows()).toList());
    long next = 0;
    for (SensorSplit s : SensorInputFormat.plan(1_000_000_007L, 13)) {
      assertEquals(next, s.firstRow());
      assertTrue(s.rows() == 1_000_000_007L / 13 || s.rows() == 1_000_000_007L / 13 + 1);
      next += s.rows();
    }
    assertEquals(1_000_000_007L, next);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new SensorSplit(5, 6).write(new DataOutputStream(bytes));
    SensorSplit back = new SensorSplit();
    back.readFields(new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertEquals(5, back.firstRow());
    assertEquals(6, back.rows());
  }
}
