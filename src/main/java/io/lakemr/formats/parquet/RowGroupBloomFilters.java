package io.lakemr.formats.parquet;

import io.lakemr.data.ColumnPredicate;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.values.bloomfilter.BloomFilter;
import org.apache.parquet.hadoop.BloomFilterReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Rules a row group out when the bloom filter of a column chunk shows that none of an
 * {@code =} or {@code IN} predicate's values is in it. A bloom filter has false positives but
 * no false negatives, so a row group it rules out holds no matching row.
 *
 * <p>Only values whose stored form is certain are looked up: signed 32- and 64-bit integers
 * (and millisecond timestamps) with an integral value in range, doubles and floats other than
 * zero (which equals its negative, whose bits differ) and NaN (which equals nothing), floats
 * only when the value is exactly a float, and UTF-8 strings. Any other predicate, column or
 * value, and a chunk without a bloom filter, rules nothing out.
 */
final class RowGroupBloomFilters {

  private final List<ColumnPredicate> predicates = new ArrayList<>();
  private final Map<String, PrimitiveType> fields;

  RowGroupBloomFilters(List<ColumnPredicate> all, Map<String, PrimitiveType> fields) {
    this.fields = fields;
    for (ColumnPredicate p : all) {
      if ((p.op() == ColumnPredicate.Op.EQ || p.op() == ColumnPredicate.Op.IN) && fields.containsKey(p.column())) {
        predicates.add(p);
      }
    }
  }

  boolean isEmpty() {
    return predicates.isEmpty();
  }

  /** False when some predicate's values are all absent from its column chunk's bloom filter. */
  boolean mightMatch(ParquetFileReader reader, BlockMetaData block) throws IOException {
    BloomFilterReader filters = null;
    for (ColumnPredicate p : predicates) {
      ColumnChunkMetaData chunk = RowGroupStatistics.chunk(block, p.column());
      if (chunk == null || chunk.getBloomFilterOffset() < 0) {
        continue;
      }
      if (filters == null) {
        filters = reader.getBloomFilterDataReader(block);
      }
      BloomFilter filter = filters.readBloomFilter(chunk);
      if (filter != null && !anyMightBeIn(filter, fields.get(p.column()), p.values())) {
        return false;
      }
    }
    return true;
  }

  private static boolean anyMightBeIn(BloomFilter filter, PrimitiveType field, List<Object> values) {
    for (Object v : values) {
      Long hash = hash(filter, field, v);
      if (hash == null || filter.findHash(hash)) {
        return true;
      }
    }
    return false;
  }

  /** The hash of a value as the column stores it, or null when that is not certain. */
  static Long hash(BloomFilter filter, PrimitiveType field, Object value) {
    LogicalTypeAnnotation logical = field.getLogicalTypeAnnotation();
    switch (field.getPrimitiveTypeName()) {
      case INT32: {
        boolean plain = logical == null || (logical instanceof IntLogicalTypeAnnotation i && i.isSigned());
        Long n = integral(value);
        return plain && n != null && n == (int) (long) n ? filter.hash((int) (long) n) : null;
      }
      case INT64: {
        boolean plain = logical == null || (logical instanceof IntLogicalTypeAnnotation i && i.isSigned())
            || (logical instanceof TimestampLogicalTypeAnnotation t && t.getUnit() == LogicalTypeAnnotation.TimeUnit.MILLIS);
        Long n = integral(value);
        return plain && n != null ? filter.hash((long) n) : null;
      }
      case DOUBLE: {
        Double d = number(value);
        return d == null || d == 0.0 || d.isNaN() ? null : filter.hash((double) d);
      }
      case FLOAT: {
        Double d = number(value);
        return d == null || d == 0.0 || d.isNaN() || (double) (float) (double) d != d ? null
            : filter.hash((float) (double) d);
      }
      case BINARY:
        return logical instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation && value instanceof String s
            ? filter.hash(Binary.fromString(s)) : null;
      default:
        return null;
    }
  }

  private static Long integral(Object value) {
    if (value instanceof Long l) {
      return l;
    }
    if (value instanceof Double d && d == Math.rint(d) && Math.abs(d) < 0x1p62) {
      return (long) (double) d;
    }
    return null;
  }

  private static Double number(Object value) {
    if (value instanceof Long l) {
      return (double) l;
    }
    return value instanceof Double d ? d : null;
  }
}
