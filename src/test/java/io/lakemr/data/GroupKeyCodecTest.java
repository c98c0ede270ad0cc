package io.lakemr.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.hadoop.hive.common.type.HiveDecimal;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DecimalColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.io.DataOutputBuffer;
import org.apache.hadoop.io.WritableComparator;
import org.junit.jupiter.api.Test;

/** Property tests: byte order of encoded keys is value order, nulls first; keys decode back. */
class GroupKeyCodecTest {

  private static final List<ColumnType> TYPES = List.of(ColumnType.STRING, ColumnType.LONG, ColumnType.DOUBLE,
      ColumnType.BOOLEAN, ColumnType.INT);

  /** A row of key values; null entries are SQL nulls. */
  private record Row(String s, Long l, Double d, Boolean b, Long i) {
  }

  private static final Comparator<String> UTF8_ORDER = (a, b) -> {
    byte[] x = a.getBytes(StandardCharsets.UTF_8);
    byte[] y = b.getBytes(StandardCharsets.UTF_8);
    return WritableComparator.compareBytes(x, 0, x.length, y, 0, y.length);
  };

  private static final Comparator<Row> VALUE_ORDER = Comparator
      .comparing(Row::s, Comparator.nullsFirst(UTF8_ORDER))
      .thenComparing(Row::l, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(r -> r.d() == null ? null : (r.d() == 0.0 ? 0.0 : r.d()),
          Comparator.nullsFirst(Double::compare))
      .thenComparing(Row::b, Comparator.nullsFirst(Comparator.naturalOrder()))
      .thenComparing(Row::i, Comparator.nullsFirst(Comparator.naturalOrder()));

  private static final String[] PREFIXES = {"", "a", "ab", "abc", "a\u0000", "a\u0000b", "\u0000", "b",
      "st-0001", "st-00010", "é", "\uD83D\uDE00", "zz", "a\u00FF"};

  private static Row randomRow(SplittableRandom r) {
    String s = r.nextInt(8) == 0 ? null : PREFIXES[r.nextInt(PREFIXES.length)]
        + (r.nextBoolean() ? "" : PREFIXES[r.nextInt(PREFIXES.length)]);
    Long l = r.nextInt(8) == 0 ? null : switch (r.nextInt(5)) {
      case 0 -> Long.MIN_VALUE;
      case 1 -> Long.MAX_VALUE;
      case 2 -> (long) r.nextInt(-3, 4);
      default -> r.nextLong();
    };
    Double d = r.nextInt(8) == 0 ? null : switch (r.nextInt(8)) {
      case 0 -> Double.NaN;
      case 1 -> Double.NEGATIVE_INFINITY;
      case 2 -> Double.POSITIVE_INFINITY;
      case 3 -> -0.0;
      case 4 -> 0.0;
      case 5 -> Double.MIN_VALUE * (r.nextBoolean() ? 1 : -1);
      default -> (r.nextDouble() - 0.5) * Math.pow(10, r.nextInt(-5, 6));
    };
    Boolean b = r.nextInt(4) == 0 ? null : r.nextBoolean();
    Long i = r.nextInt(8) == 0 ? null : (long) r.nextInt();
    return new Row(s, l, d, b, i);
  }

  private static ColumnVector[] vectors(List<Row> rows) {
    int n = rows.size();
    BytesColumnVector s = new BytesColumnVector(n);
    s.initBuffer();
    LongColumnVector l = new LongColumnVector(n);
    DoubleColumnVector d = new DoubleColumnVector(n);
    LongColumnVector b = new LongColumnVector(n);
    LongColumnVector i = new LongColumnVector(n);
    for (int k = 0; k < n; k++) {
      Row row = rows.get(k);
      if (row.s() == null) {
        s.noNulls = false;
        s.isNull[k] = true;
      } else {
        s.setVal(k, row.s().getBytes(StandardCharsets.UTF_8));
      }
      set(l, k, row.l());
      if (row.d() == null) {
        d.noNulls = false;
        d.isNull[k] = true;
      } else {
        d.vector[k] = row.d();
      }
      set(b, k, row.b() == null ? null : (row.b() ? 1L : 0L));
      set(i, k, row.i());
    }
    return new ColumnVector[] {s, l, d, b, i};
  }

  private static void set(LongColumnVector v, int k, Long value) {
    if (value == null) {
      v.noNulls = false;
      v.isNull[k] = true;
    } else {
      v.vector[k] = value;
    }
  }

  private static byte[] encode(GroupKeyCodec codec, ColumnVector[] cols, int row) {
    ByteBuf buf = new ByteBuf(4);
    codec.encode(cols, row, buf);
    return buf.toByteArray();
  }

  @Test
  void byteOrderIsValueOrder() {
    GroupKeyCodec codec = new GroupKeyCodec(TYPES);
    SplittableRandom r = new SplittableRandom(7);
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < 3000; k++) {
      rows.add(randomRow(r));
    }
    ColumnVector[] cols = vectors(rows);
    byte[][] keys = new byte[rows.size()][];
    for (int k = 0; k < rows.size(); k++) {
      keys[k] = encode(codec, cols, k);
    }
    for (int t = 0; t < 200_000; t++) {
      int a = r.nextInt(rows.size());
      int b = r.nextInt(rows.size());
      int expected = Integer.signum(VALUE_ORDER.compare(rows.get(a), rows.get(b)));
      int actual = Integer.signum(WritableComparator.compareBytes(keys[a], 0, keys[a].length, keys[b], 0, keys[b].length));
      assertEquals(expected, actual, () -> rows.get(a) + " vs " + rows.get(b));
    }
  }

  @Test
  void rawComparatorAgreesAfterSerialisation() throws Exception {
    GroupKeyCodec codec = new GroupKeyCodec(TYPES);
    SplittableRandom r = new SplittableRandom(11);
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < 500; k++) {
      rows.add(randomRow(r));
    }
    ColumnVector[] cols = vectors(rows);
    WritableComparator raw = WritableComparator.get(GroupKey.class);
    for (int t = 0; t < 5000; t++) {
      int a = r.nextInt(rows.size());
      int b = r.nextInt(rows.size());
      DataOutputBuffer x = new DataOutputBuffer();
      new GroupKey(encode(codec, cols, a)).write(x);
      DataOutputBuffer y = new DataOutputBuffer();
      new GroupKey(encode(codec, cols, b)).write(y);
      int expected = Integer.signum(VALUE_ORDER.compare(rows.get(a), rows.get(b)));
      assertEquals(expected, Integer.signum(raw.compare(x.getData(), 0, x.getLength(), y.getData(), 0, y.getLength())));
    }
  }

  @Test
  void decodesBackAndFindsPrefixes() {
    GroupKeyCodec codec = new GroupKeyCodec(TYPES);
    SplittableRandom r = new SplittableRandom(3);
    List<Row> rows = new ArrayList<>();
    for (int k = 0; k < 2000; k++) {
      rows.add(randomRow(r));
    }
    ColumnVector[] cols = vectors(rows);
    ColumnVector[] back = vectors(Arrays.asList(new Row[1]).stream().map(x -> new Row("", 0L, 0.0, false, 0L)).toList());
    for (int k = 0; k < rows.size(); k++) {
      byte[] key = encode(codec, cols, k);
      for (ColumnVector v : back) {
        v.reset();
      }
      assertEquals(key.length, codec.decode(key, 0, back, 0));
      byte[] again = encode(codec, back, 0);
      assertArrayEquals(key, again, "row " + rows.get(k));
      Row row = rows.get(k);
      if (row.s() != null) {
        assertEquals(row.s(), ((BytesColumnVector) back[0]).toString(0));
      }
      if (row.d() != null && !row.d().isNaN()) {
        assertEquals(row.d() == 0.0 ? 0.0 : row.d(), ((DoubleColumnVector) back[2]).vector[0]);
      }
      int p1 = codec.prefixLength(key, 0, 1);
      ByteBuf only = new ByteBuf();
      new GroupKeyCodec(TYPES.subList(0, 1)).encode(new ColumnVector[] {cols[0]}, k, only);
      assertEquals(only.length(), p1);
      assertEquals(key.length, codec.prefixLength(key, 0, TYPES.size()));
    }
  }

  @Test
  void nullsFirstAndNegativeZeroIsZero() {
    GroupKeyCodec codec = new GroupKeyCodec(List.of(ColumnType.DOUBLE));
    List<Row> rows = List.of(new Row(null, null, null, null, null), new Row(null, null, -0.0, null, null),
        new Row(null, null, 0.0, null, null), new Row(null, null, Double.NaN, null, null),
        new Row(null, null, Double.NEGATIVE_INFINITY, null, null));
    ColumnVector[] cols = vectors(rows);
    ColumnVector[] d = {cols[2]};
    byte[] nul = encode(codec, d, 0);
    byte[] negZero = encode(codec, d, 1);
    byte[] zero = encode(codec, d, 2);
    byte[] nan = encode(codec, d, 3);
    byte[] negInf = encode(codec, d, 4);
    assertArrayEquals(zero, negZero);
    assertTrue(WritableComparator.compareBytes(nul, 0, nul.length, negInf, 0, negInf.length) < 0);
    assertTrue(WritableComparator.compareBytes(negInf, 0, negInf.length, zero, 0, zero.length) < 0);
    assertTrue(WritableComparator.compareBytes(zero, 0, zero.length, nan, 0, nan.length) < 0);
  }

  @Test
  void decimalKeysSortAsNumbersAndDecodeExactly() {
    String[] values = {"-99999999999999999999999999999999.999999", "-1.000001", "-0.000001", "0.000000",
        "0.000001", "12.500000", "99999999999999999999999999999999.999999"};
    GroupKeyCodec codec = new GroupKeyCodec(List.of(ColumnType.DECIMAL));
    List<byte[]> keys = new ArrayList<>();
    for (String v : values) {
      DecimalColumnVector in = new DecimalColumnVector(1, 38, 6);
      in.vector[0].set(HiveDecimal.create(v));
      ByteBuf out = new ByteBuf();
      codec.encode(new ColumnVector[] {in}, 0, out);
      keys.add(out.toByteArray());
      DecimalColumnVector back = new DecimalColumnVector(1, 38, 6);
      codec.decode(out.array(), 0, new ColumnVector[] {back}, 0);
      assertEquals(v, Decimals.text(back.vector[0], 6));
      assertEquals(out.length(), codec.prefixLength(out.array(), 0, 1));
    }
    for (int i = 1; i < keys.size(); i++) {
      byte[] a = keys.get(i - 1);
      byte[] b = keys.get(i);
      assertTrue(WritableComparator.compareBytes(a, 0, a.length, b, 0, b.length) < 0, values[i - 1] + " < " + values[i]);
    }
  }
}
