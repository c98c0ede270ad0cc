package io.lakemr.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.junit.jupiter.api.Test;

/**
 * Property tests of the sort key: over random rows with nulls, strings sharing prefixes (and
 * holding NUL characters), extreme longs and special doubles, unsigned byte order of the
 * encoded keys is the requested order for every mix of ASC and DESC, nulls first ascending and
 * last descending; a key appended after the order columns breaks ties only.
 */
class SortKeyEncoderTest {

  private static final List<ColumnType> TYPES = List.of(ColumnType.STRING, ColumnType.DOUBLE, ColumnType.LONG,
      ColumnType.BOOLEAN);

  private static final String[] PARTS = {"", "a", "ab", "abc", "a\u0000", "a\u0000b", "\u0000", "b", "st-0001",
      "st-00010", "é", "\uD83D\uDE00", "a\u00FF", "\u007F"};

  /** One row: a string, a double, a long and a boolean, each possibly null, and a unique id. */
  private record Row(String s, Double d, Long l, Boolean b, int id) {
    Object get(int c) {
      return switch (c) {
        case 0 -> s;
        case 1 -> d;
        case 2 -> l;
        default -> b;
      };
    }
  }

  private static Row randomRow(SplittableRandom r, int id) {
    String s = r.nextInt(6) == 0 ? null : PARTS[r.nextInt(PARTS.length)] + (r.nextBoolean() ? ""
        : PARTS[r.nextInt(PARTS.length)] + (r.nextBoolean() ? "" : PARTS[r.nextInt(PARTS.length)]));
    Double d = r.nextInt(6) == 0 ? null : switch (r.nextInt(9)) {
      case 0 -> Double.NaN;
      case 1 -> Double.NEGATIVE_INFINITY;
      case 2 -> Double.POSITIVE_INFINITY;
      case 3 -> -0.0;
      case 4 -> 0.0;
      case 5 -> Double.MIN_VALUE;
      default -> (double) r.nextInt(-3, 4) + (r.nextBoolean() ? 0.5 : 0.0);
    };
    Long l = r.nextInt(6) == 0 ? null : switch (r.nextInt(4)) {
      case 0 -> Long.MIN_VALUE;
      case 1 -> Long.MAX_VALUE;
      default -> (long) r.nextInt(-2, 3);
    };
    Boolean b = r.nextInt(6) == 0 ? null : r.nextBoolean();
    return new Row(s, d, l, b, id);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static Comparator<Object> valueOrder(int column) {
    Comparator c = switch (column) {
      case 0 -> (Comparator<String>) (a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8),
          b.getBytes(StandardCharsets.UTF_8));
      case 1 -> (Comparator<Double>) (a, b) -> Double.compare(a == 0.0 ? 0.0 : a, b == 0.0 ? 0.0 : b);
      default -> Comparator.naturalOrder();
    };
    return c;
  }

  /** The intended order: each column in its direction, nulls first ASC and last DESC; then the id. */
  private static Comparator<Row> intended(int[] columns, boolean[] desc) {
    Comparator<Row> order = (x, y) -> 0;
    for (int i = 0; i < columns.length; i++) {
      int c = columns[i];
      Comparator<Object> values = desc[i] ? valueOrder(c).reversed() : valueOrder(c);
      Comparator<Object> withNulls = desc[i] ? Comparator.nullsLast(values) : Comparator.nullsFirst(values);
      order = order.thenComparing(r -> r.get(c), withNulls);
    }
    return order.thenComparingInt(Row::id);
  }

  private static ColumnVector[] vectors(List<Row> rows) {
    BytesColumnVector s = new BytesColumnVector(rows.size());
    s.initBuffer();
    DoubleColumnVector d = new DoubleColumnVector(rows.size());
    LongColumnVector l = new LongColumnVector(rows.size());
    LongColumnVector b = new LongColumnVector(rows.size());
    ColumnVector[] all = {s, d, l, b};
    for (ColumnVector v : all) {
      v.noNulls = false;
    }
    for (int i = 0; i < rows.size(); i++) {
      Row r = rows.get(i);
      s.isNull[i] = r.s() == null;
      if (r.s() != null) {
        byte[] bytes = r.s().getBytes(StandardCharsets.UTF_8);
        s.setVal(i, bytes, 0, bytes.length);
      }
      d.isNull[i] = r.d() == null;
      d.vector[i] = r.d() == null ? 0 : r.d();
      l.isNull[i] = r.l() == null;
      l.vector[i] = r.l() == null ? 0 : r.l();
      b.isNull[i] = r.b() == null;
      b.vector[i] = r.b() != null && r.b() ? 1 : 0;
    }
    return all;
  }

  /** Encodes the order columns, then the id as a tie-breaking suffix, and sorts by the bytes. */
  private static List<Row> sortByKey(List<Row> rows, int[] columns, boolean[] desc) {
    List<ColumnType> types = new ArrayList<>();
    for (int c : columns) {
      types.add(TYPES.get(c));
    }
    SortKeyEncoder encoder = new SortKeyEncoder(types, desc);
    ColumnVector[] all = vectors(rows);
    List<byte[]> keys = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      ByteBuf buf = new ByteBuf();
      encoder.encode(all, columns, i, buf);
      buf.putLong(rows.get(i).id() ^ Long.MIN_VALUE);
      keys.add(buf.toByteArray());
    }
    Integer[] index = new Integer[rows.size()];
    for (int i = 0; i < index.length; i++) {
      index[i] = i;
    }
    Arrays.sort(index, (x, y) -> Arrays.compareUnsigned(keys.get(x), keys.get(y)));
    List<Row> out = new ArrayList<>();
    for (int i : index) {
      out.add(rows.get(i));
    }
    return out;
  }

  @Test
  void byteOrderIsTheRequestedOrderForEveryMixOfDirections() {
    SplittableRandom random = new SplittableRandom(20240611L);
    for (int round = 0; round < 300; round++) {
      int n = 1 + random.nextInt(4);
      int[] columns = new int[n];
      boolean[] desc = new boolean[n];
      List<Integer> pool = new ArrayList<>(List.of(0, 1, 2, 3));
      for (int i = 0; i < n; i++) {
        columns[i] = pool.remove(random.nextInt(pool.size()));
        desc[i] = random.nextBoolean();
      }
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        rows.add(randomRow(random, i));
      }
      List<Row> expected = new ArrayList<>(rows);
      expected.sort(intended(columns, desc));
      assertEquals(expected, sortByKey(rows, columns, desc),
          "columns " + Arrays.toString(columns) + " desc " + Arrays.toString(desc));
    }
  }

  @Test
  void descendingStringsSortLongerPrefixedStringsFirstAndNullsLast() {
    List<Row> rows = new ArrayList<>();
    String[] values = {"a", "ab", "a\u0000", "", null, "b", "a\u0000b"};
    for (int i = 0; i < values.length; i++) {
      rows.add(new Row(values[i], null, null, null, i));
    }
    List<String> desc = sortByKey(rows, new int[] {0}, new boolean[] {true}).stream().map(Row::s).toList();
    assertEquals(Arrays.asList("b", "ab", "a\u0000b", "a\u0000", "a", "", null), desc);
    List<String> asc = sortByKey(rows, new int[] {0}, new boolean[] {false}).stream().map(Row::s).toList();
    assertEquals(Arrays.asList(null, "", "a", "a\u0000", "a\u0000b", "ab", "b"), asc);
  }

  @Test
  void descendingDoublesPutNanFirstAndNullLast() {
    Double[] values = {1.0, null, Double.NaN, -0.0, Double.NEGATIVE_INFINITY, 2.5};
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < values.length; i++) {
      rows.add(new Row(null, values[i], null, null, i));
    }
    List<Double> desc = sortByKey(rows, new int[] {1}, new boolean[] {true}).stream().map(Row::d).toList();
    assertEquals(Arrays.asList(Double.NaN, 2.5, 1.0, -0.0, Double.NEGATIVE_INFINITY, null), desc);
    assertTrue(desc.get(0).isNaN());
  }
}
