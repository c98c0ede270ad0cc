package io.lakemr.formats.parquet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.data.ColumnPredicate;
import io.lakemr.data.ColumnPredicate.Op;
import java.util.List;
import org.apache.parquet.bytes.BytesUtils;
import org.apache.parquet.column.statistics.BinaryStatistics;
import org.apache.parquet.column.statistics.DoubleStatistics;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Types;
import org.junit.jupiter.api.Test;

/** When row-group statistics may rule a row group out, and when they must not. */
class RowGroupStatisticsTest {

  static final PrimitiveType LONG = Types.optional(PrimitiveTypeName.INT64).named("v");
  static final PrimitiveType DOUBLE = Types.optional(PrimitiveTypeName.DOUBLE).named("v");
  static final PrimitiveType STRING = Types.optional(PrimitiveTypeName.BINARY)
      .as(LogicalTypeAnnotation.stringType()).named("v");
  static final PrimitiveType UINT64 = Types.optional(PrimitiveTypeName.INT64)
      .as(LogicalTypeAnnotation.intType(64, false)).named("v");
  static final PrimitiveType MICROS = Types.optional(PrimitiveTypeName.INT64)
      .as(LogicalTypeAnnotation.timestampType(true, LogicalTypeAnnotation.TimeUnit.MICROS)).named("v");

  static ColumnPredicate p(Op op, Object... values) {
    return new ColumnPredicate("v", op, List.of(values));
  }

  static Statistics<?> longs(PrimitiveType type, long min, long max, long nulls) {
    Statistics<?> s = Statistics.getBuilderForReading(type).withMin(BytesUtils.longToBytes(min))
        .withMax(BytesUtils.longToBytes(max)).withNumNulls(nulls).build();
    return s;
  }

  static Statistics<?> doubles(double min, double max) {
    Statistics<?> s = Statistics.createStats(DOUBLE);
    ((DoubleStatistics) s).setMinMax(min, max);
    s.setNumNulls(0);
    return s;
  }

  static Statistics<?> strings(String min, String max) {
    Statistics<?> s = Statistics.createStats(STRING);
    ((BinaryStatistics) s).setMinMax(Binary.fromString(min), Binary.fromString(max));
    s.setNumNulls(0);
    return s;
  }

  @Test
  void longRanges() {
    Statistics<?> s = longs(LONG, 10, 20, 0);
    assertFalse(RowGroupStatistics.mightMatch(p(Op.LT, 10L), LONG, s, 100));
    assertTrue(RowGroupStatistics.mightMatch(p(Op.LE, 10L), LONG, s, 100));
    assertFalse(RowGroupStatistics.mightMatch(p(Op.GT, 20L), LONG, s, 100));
    assertTrue(RowGroupStatistics.mightMatch(p(Op.GE, 20L), LONG, s, 100));
    assertFalse(RowGroupStatistics.mightMatch(p(Op.EQ, 21L), LONG, s, 100));
    assertTrue(RowGroupStatistics.mightMatch(p(Op.EQ, 15.5), LONG, s, 100));
    assertFalse(RowGroupStatistics.mightMatch(p(Op.EQ, 20.5), LONG, s, 100));
    assertFalse(RowGroupStatistics.mightMatch(p(Op.IN, 1L, 2L, 30L), LONG, s, 100));
    assertTrue(RowGroupStatistics.mightMatch(p(Op.IN, 1L, 12L), LONG, s, 100));
    assertFalse(RowGroupStatistics.mightMatch(p(Op.BETWEEN, 21L, 30L), LONG, s, 100));
    assertTrue(RowGroupStatistics.mightMatch(p(Op.BETWEEN, 0L, 10L), LONG, s, 100));
    assertTrue(RowGroupStatistics.mightMatch(p(Op.NE, 10L), LONG, s, 100));
    assertFalse(RowGroupStatistics.mightMatch(p(Op.NE, 7L), LONG, longs(LONG, 7, 7, 0), 100));
    assertTrue(RowGroupStatistics.mightMatch(p(Op.EQ, "x"), LONG, s, 100), "another family rules nothing out");
  }

  @Test
  void allNullRowGroupsMatchNoComparison() {
    Statistics<?> allNull = Statistics.getBuilderForReading(LONG).withNumNulls(100).build();
    assertFalse(RowGroupStatistics.mightMatch(p(Op.NE, 1L), LONG, allNull, 100));
    Statistics<?> someNull = longs(LONG, 10, 20, 99);
    assertFalse(RowGroupStatistics.mightMatch(p(Op.LT, 5L), LONG, someNull, 100));
    assertTrue(RowGroupStatistics.mightMatch(p(Op.LT, 15L), LONG, someNull, 100));
  }

  @Test
  void missingUnsignedOrConvertedStatisticsNeverSkip() {
    assertTrue(RowGroupStatistics.mightMatch(p(Op.LT, 0L), LONG, null, 100));
    assertTrue(RowGroupStatistics.mightMatch(p(Op.LT, 0L), LONG, Statistics.createStats(LONG), 100));
    assertTrue(RowGroupStatistics.mightMatch(p(Op.LT, 0L), UINT64, longs(UINT64, 10, 20, 0), 100));
    assertTrue(RowGroupStatistics.mightMatch(p(Op.LT, 0L), MICROS, longs(MICROS, 10, 20, 0), 100));
  }

  @Test
  void doublesLeaveRoomForNaN() {
    Statistics<?> s = doubles(1.0, 2.0);
    assertFalse(RowGroupStatistics.mightMatch(p(Op.LT, 1.0), DOUBLE, s, 10));
    assertFalse(RowGroupStatistics.mightMatch(p(Op.EQ, 3L), DOUBLE, s, 10));
    assertFalse(RowGroupStatistics.mightMatch(p(Op.BETWEEN, 2.5, 3.0), DOUBLE, s, 10));
    // NaN sorts above every number and statistics may leave it out: > and != never skip
    assertTrue(RowGroupStatistics.mightMatch(p(Op.GT, 5.0), DOUBLE, s, 10));
    assertTrue(RowGroupStatistics.mightMatch(p(Op.NE, 1.0), DOUBLE, doubles(1.0, 1.0), 10));
    assertTrue(RowGroupStatistics.mightMatch(p(Op.LT, 0.0), DOUBLE, doubles(Double.NaN, Double.NaN), 10));
    assertTrue(RowGroupStatistics.mightMatch(p(Op.LE, -0.0), DOUBLE, doubles(0.0, 1.0), 10), "-0.0 = 0.0");
  }

  @Test
  void stringsCompareAsUtf8Bytes() {
    Statistics<?> s = strings("b", "d");
    assertFalse(RowGroupStatistics.mightMatch(p(Op.LT, "b"), STRING, s, 10));
    assertTrue(RowGroupStatistics.mightMatch(p(Op.LT, "ba"), STRING, s, 10));
    assertFalse(RowGroupStatistics.mightMatch(p(Op.GT, "d"), STRING, s, 10));
    assertTrue(RowGroupStatistics.mightMatch(p(Op.GT, "c\uFFFF"), STRING, s, 10));
    assertFalse(RowGroupStatistics.mightMatch(p(Op.EQ, "é"), STRING, s, 10), "é (0xC3 0xA9) sorts after d");
    assertTrue(RowGroupStatistics.mightMatch(p(Op.EQ, "é"), STRING, strings("a", "\uD83D\uDE00"), 10));
  }

  @Test
  void predicatesSurviveTheConfiguration() {
    List<ColumnPredicate> ps = List.of(p(Op.IN, "a;b", "c:d", "é"), p(Op.BETWEEN, -1L, 2.5),
        new ColumnPredicate("odd name=1", Op.NE, List.of(Double.NaN)));
    assertEquals(ps.toString(), ColumnPredicate.decodeAll(ColumnPredicate.encodeAll(ps)).toString());
    assertTrue(ColumnPredicate.decodeAll("").isEmpty());
  }
}
