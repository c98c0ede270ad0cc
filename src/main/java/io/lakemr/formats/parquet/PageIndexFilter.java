package io.lakemr.formats.parquet;

import io.lakemr.data.ColumnPredicate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.apache.parquet.filter2.columnindex.RowRanges;
import org.apache.parquet.filter2.compat.FilterCompat;
import org.apache.parquet.filter2.predicate.FilterApi;
import org.apache.parquet.filter2.predicate.FilterPredicate;
import org.apache.parquet.filter2.predicate.Operators;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnPath;
import org.apache.parquet.internal.filter2.columnindex.ColumnIndexFilter;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Skips the pages of a row group that cannot hold a matching row, by the column indexes (each
 * page's min and max) that writers such as parquet-java store. The filter's conjuncts become
 * one Parquet filter predicate; parquet-java works out which rows of the row group survive and
 * reads only their pages, keeping the columns in step.
 *
 * <p>Only conjuncts whose meaning in Parquet's terms is certain are handed over, and each must be
 * sound: a page it rules out holds no row lakemr's filter keeps. Signed 32- and 64-bit integers
 * (and millisecond timestamps) with a value of the column's own width; UTF-8 strings; {@code IN}
 * lists of up to {@value #MAX_IN_VALUES} values; doubles and
 * floats for {@code =}, {@code IN} (never zero or NaN), {@code <}, {@code <=} and
 * {@code BETWEEN} (NaN sorts above every number in lakemr, so {@code >}, {@code >=} and
 * {@code <>} could keep a NaN that a page's min and max leave out). Anything else is left to
 * the row filter, which sees every row of the pages read.
 */
final class PageIndexFilter {

  /** An {@code IN} list longer than this is left to the row filter. */
  private static final int MAX_IN_VALUES = 64;

  private final FilterCompat.Filter filter;

  private PageIndexFilter(FilterPredicate predicate) {
    this.filter = predicate == null ? null : FilterCompat.get(predicate);
  }

  /** The filter of the conjuncts that can be handed over, for a file's top-level fields. */
  static PageIndexFilter of(List<ColumnPredicate> predicates, Map<String, PrimitiveType> fields) {
    FilterPredicate all = null;
    for (ColumnPredicate p : predicates) {
      PrimitiveType field = fields.get(p.column());
      FilterPredicate one = field == null ? null : convert(p, field);
      if (one != null) {
        all = all == null ? one : FilterApi.and(all, one);
      }
    }
    return new PageIndexFilter(all);
  }

  /** True when no conjunct could be handed over: every page is read. */
  boolean isEmpty() {
    return filter == null;
  }

  /**
   * The rows of a row group that may match, or null for all of them (no filter, or no
   * column index to go by).
   */
  RowRanges rowRanges(ParquetFileReader reader, int blockIndex, long rowCount, Set<ColumnPath> columns) {
    if (filter == null) {
      return null;
    }
    RowRanges ranges = ColumnIndexFilter.calculateRowRanges(filter, reader.getColumnIndexStore(blockIndex),
        columns, rowCount);
    return ranges.rowCount() == rowCount ? null : ranges;
  }

  /** The paths of a file's top-level fields, as the row-range calculation wants them. */
  static Set<ColumnPath> paths(Map<String, PrimitiveType> fields) {
    Set<ColumnPath> out = new HashSet<>();
    for (String name : fields.keySet()) {
      out.add(ColumnPath.get(name));
    }
    return out;
  }

  private static FilterPredicate convert(ColumnPredicate p, PrimitiveType field) {
    LogicalTypeAnnotation logical = field.getLogicalTypeAnnotation();
    boolean signedInt = logical == null || (logical instanceof IntLogicalTypeAnnotation i && i.isSigned());
    switch (field.getPrimitiveTypeName()) {
      case INT32:
        return signedInt ? compare(FilterApi.intColumn(p.column()), p, PageIndexFilter::intValue, true) : null;
      case INT64: {
        boolean millis = logical instanceof TimestampLogicalTypeAnnotation t
            && t.getUnit() == LogicalTypeAnnotation.TimeUnit.MILLIS;
        return signedInt || millis ? compare(FilterApi.longColumn(p.column()), p, PageIndexFilter::longValue, true)
            : null;
      }
      case DOUBLE:
        return compare(FilterApi.doubleColumn(p.column()), p, PageIndexFilter::doubleValue, false);
      case FLOAT:
        return compare(FilterApi.floatColumn(p.column()), p, PageIndexFilter::floatValue, false);
      case BINARY:
        return logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
            ? compare(FilterApi.binaryColumn(p.column()), p, PageIndexFilter::binaryValue, true) : null;
      default:
        return null;
    }
  }

  /**
   * The predicate on a column, or null when a value has no certain form in the column's type or
   * the comparison is not sound there ({@code ordered} false: floating point, see the class).
   */
  private static <T extends Comparable<T>, C extends Operators.Column<T> & Operators.SupportsLtGt>
      FilterPredicate compare(C column, ColumnPredicate p, Function<Object, T> value, boolean ordered) {
    List<T> values = new ArrayList<>();
    for (Object v : p.values()) {
      T t = value.apply(v);
      if (t == null) {
        return null;
      }
      values.add(t);
    }
    T first = values.get(0);
    return switch (p.op()) {
      case EQ -> FilterApi.eq(column, first);
      case IN -> anyOf(column, values);
      case LT -> FilterApi.lt(column, first);
      case LE -> FilterApi.ltEq(column, first);
      case BETWEEN -> FilterApi.and(FilterApi.gtEq(column, first), FilterApi.ltEq(column, values.get(1)));
      case GT -> ordered ? FilterApi.gt(column, first) : null;
      case GE -> ordered ? FilterApi.gtEq(column, first) : null;
      case NE -> ordered ? FilterApi.notEq(column, first) : null;
    };
  }

  /** {@code IN} as a disjunction of equalities, which the column-index filter decides page by page. */
  private static <T extends Comparable<T>, C extends Operators.Column<T> & Operators.SupportsEqNotEq>
      FilterPredicate anyOf(C column, List<T> values) {
    if (values.size() > MAX_IN_VALUES) {
      return null;
    }
    FilterPredicate any = null;
    for (T v : values) {
      FilterPredicate eq = FilterApi.eq(column, v);
      any = any == null ? eq : FilterApi.or(any, eq);
    }
    return any;
  }

  private static Integer intValue(Object v) {
    Long l = longValue(v);
    return l != null && l == (int) (long) l ? (int) (long) l : null;
  }

  private static Long longValue(Object v) {
    return v instanceof Long l ? l : null;
  }

  private static Double doubleValue(Object v) {
    double d = v instanceof Long l && Math.abs(l) <= (1L << 53) ? (double) l
        : v instanceof Double x ? x : Double.NaN;
    return Double.isNaN(d) || d == 0.0 ? null : d;
  }

  private static Float floatValue(Object v) {
    Double d = doubleValue(v);
    return d != null && (double) (float) (double) d == d ? (float) (double) d : null;
  }

  private static Binary binaryValue(Object v) {
    return v instanceof String s ? Binary.fromString(s) : null;
  }
}
