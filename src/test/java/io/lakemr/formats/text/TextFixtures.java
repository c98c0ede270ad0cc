package io.lakemr.formats.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakemr.data.Column;
import io.lakemr.data.Schemas;
import io.lakemr.formats.FileRange;
import java.io.File;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * The committed fixtures under src/test/resources/text (written by make_fixtures.py) and the
 * aggregates of what a reader read, to compare with the generator's expected.json.
 */
public final class TextFixtures {

  private TextFixtures() {
  }

  /** Something that fills batches until it returns false. */
  @FunctionalInterface
  public interface BatchSource {
    boolean next(VectorizedRowBatch batch) throws IOException;
  }

  public static File dir() {
    try {
      return Paths.get(TextFixtures.class.getResource("/text/expected.json").toURI()).getParent().toFile();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Path path(String name) {
    return new Path(file(name).toURI());
  }

  public static File file(String name) {
    return new File(dir(), name);
  }

  /** The whole of a fixture as one range. */
  public static FileRange whole(String name) {
    return new FileRange(path(name), 0, file(name).length(), List.of());
  }

  /** A fixture cut into ranges of {@code size} bytes. */
  public static List<FileRange> ranges(String name, long size) {
    long length = file(name).length();
    List<FileRange> out = new ArrayList<>();
    for (long s = 0; s < length; s += size) {
      out.add(new FileRange(path(name), s, Math.min(size, length - s), List.of()));
    }
    return out;
  }

  public static JsonNode expected(String fixture) throws IOException {
    JsonNode all = new ObjectMapper().readTree(file("expected.json"));
    JsonNode e = all.get(fixture);
    if (e == null) {
      throw new IllegalArgumentException("no expectations for " + fixture);
    }
    return e;
  }

  /** Aggregates of rows read. */
  public static final class Collected {
    public long rows;
    final List<Column> columns;
    public final Map<String, long[]> nulls = new TreeMap<>();
    public final Map<String, BigDecimal> sums = new TreeMap<>();
    public final Map<String, Double> mins = new TreeMap<>();
    public final Map<String, Double> maxs = new TreeMap<>();
    public final Map<String, String> smin = new TreeMap<>();
    public final Map<String, String> smax = new TreeMap<>();
    public final Map<String, Set<String>> distinct = new TreeMap<>();
    public final Map<String, long[]> stationCounts = new TreeMap<>();
    public final Map<String, BigDecimal> stationSums = new TreeMap<>();
    /** Every string value of each string column, in order. */
    public final Map<String, List<String>> strings = new TreeMap<>();

    Collected(List<Column> columns) {
      this.columns = columns;
    }
  }

  /** Reads every batch of a source and aggregates its columns. */
  public static Collected collect(List<Column> columns, BatchSource source) throws IOException {
    Collected c = new Collected(columns);
    VectorizedRowBatch batch = Schemas.newBatch(columns, 1000);
    while (source.next(batch)) {
      add(c, batch);
    }
    return c;
  }

  /** Adds the rows of one more source to the aggregates. */
  public static void collectInto(Collected c, BatchSource source) throws IOException {
    VectorizedRowBatch batch = Schemas.newBatch(c.columns, 1000);
    while (source.next(batch)) {
      add(c, batch);
    }
  }

  public static Collected empty(List<Column> columns) {
    return new Collected(columns);
  }

  private static void add(Collected c, VectorizedRowBatch batch) {
    int station = indexOf(c.columns, "station");
    int value = indexOf(c.columns, "value");
    for (int r = 0; r < batch.size; r++) {
      for (int k = 0; k < c.columns.size(); k++) {
        addValue(c, c.columns.get(k).name(), batch.cols[k], r);
      }
      if (station >= 0) {
        String s = stringAt(batch.cols[station], r);
        c.stationCounts.computeIfAbsent(s, x -> new long[1])[0]++;
        if (value >= 0 && !isNull(batch.cols[value], r)) {
          c.stationSums.merge(s, new BigDecimal(((DoubleColumnVector) batch.cols[value]).vector[r]), BigDecimal::add);
        }
      }
    }
    c.rows += batch.size;
  }

  private static int indexOf(List<Column> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  static boolean isNull(ColumnVector v, int r) {
    int i = v.isRepeating ? 0 : r;
    return !v.noNulls && v.isNull[i];
  }

  static String stringAt(ColumnVector v, int r) {
    if (isNull(v, r)) {
      return null;
    }
    BytesColumnVector b = (BytesColumnVector) v;
    int i = v.isRepeating ? 0 : r;
    return new String(b.vector[i], b.start[i], b.length[i], StandardCharsets.UTF_8);
  }

  private static void addValue(Collected c, String name, ColumnVector v, int r) {
    c.nulls.computeIfAbsent(name, x -> new long[1]);
    if (isNull(v, r)) {
      c.nulls.get(name)[0]++;
      if (v instanceof BytesColumnVector) {
        c.strings.computeIfAbsent(name, x -> new ArrayList<>()).add(null);
      }
      return;
    }
    int i = v.isRepeating ? 0 : r;
    if (v instanceof BytesColumnVector) {
      String s = stringAt(v, r);
      c.strings.computeIfAbsent(name, x -> new ArrayList<>()).add(s);
      c.distinct.computeIfAbsent(name, x -> new HashSet<>()).add(s);
      c.smin.merge(name, s, (a, b) -> compareUtf8(a, b) <= 0 ? a : b);
      c.smax.merge(name, s, (a, b) -> compareUtf8(a, b) >= 0 ? a : b);
      return;
    }
    BigDecimal x;
    double d;
    if (v instanceof LongColumnVector l) {
      x = BigDecimal.valueOf(l.vector[i]);
      d = l.vector[i];
    } else {
      d = ((DoubleColumnVector) v).vector[i];
      x = new BigDecimal(d);
    }
    c.sums.merge(name, x, BigDecimal::add);
    c.mins.merge(name, d, Math::min);
    c.maxs.merge(name, d, Math::max);
  }

  private static int compareUtf8(String a, String b) {
    return Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }

  /** Checks rows, per-column aggregates and per-station aggregates against a fixture's expectations. */
  public static void assertMatches(JsonNode expected, Collected got) {
    assertEquals(expected.get("rows").asLong(), got.rows, "rows");
    Iterator<Map.Entry<String, JsonNode>> it = expected.get("columns").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      String col = e.getKey();
      JsonNode s = e.getValue();
      assertEquals(s.get("nulls").asLong(), got.nulls.get(col)[0], col + " nulls");
      if (s.has("distinct")) {
        assertEquals(s.get("min").asText(), got.smin.get(col), col + " min");
        assertEquals(s.get("max").asText(), got.smax.get(col), col + " max");
        assertEquals(s.get("distinct").asLong(), got.distinct.get(col).size(), col + " distinct");
      } else if (s.has("sum")) {
        assertClose(s.get("sum").decimalValue(), got.sums.get(col), col + " sum");
        assertEquals(s.get("min").asDouble(), got.mins.get(col), col + " min");
        assertEquals(s.get("max").asDouble(), got.maxs.get(col), col + " max");
      }
    }
    if (expected.has("by_station")) {
      Iterator<Map.Entry<String, JsonNode>> st = expected.get("by_station").fields();
      int groups = 0;
      while (st.hasNext()) {
        Map.Entry<String, JsonNode> e = st.next();
        groups++;
        assertEquals(e.getValue().get("count").asLong(), got.stationCounts.get(e.getKey())[0], e.getKey() + " count");
        assertClose(e.getValue().get("value_sum").decimalValue(),
            got.stationSums.getOrDefault(e.getKey(), BigDecimal.ZERO), e.getKey() + " value sum");
      }
      assertEquals(groups, got.stationCounts.size(), "stations");
    }
  }

  private static void assertClose(BigDecimal want, BigDecimal got, String what) {
    BigDecimal diff = want.subtract(got).abs();
    BigDecimal tolerance = want.abs().multiply(new BigDecimal("1e-12")).max(new BigDecimal("1e-9"));
    assertTrue(diff.compareTo(tolerance) <= 0, what + ": expected " + want + ", got " + got);
  }
}
