package io.lakemr.formats.parquet;

import io.lakemr.data.ColumnPredicate;
import java.util.List;
import java.util.Map;
import org.apache.parquet.column.statistics.Statistics;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.PrimitiveType;

/**
 * Decides from a row group's column statistics whether a filter's conjuncts could match any of
 * its rows. Sound rather than complete: when in doubt the row group is read.
 *
 * <p>A row group is skipped when a conjunct's column is all nulls in it (a comparison with
 * null is never true), or when its min/max cannot satisfy the conjunct. Statistics are used
 * only as parquet-java hands them out after its own checks (it drops min/max written in an
 * order that does not match the type, such as legacy signed-byte string statistics, and those
 * of writers with known bugs), and only for columns whose stored order is the value order:
 * signed INT32 and INT64, timestamp millis, FLOAT, DOUBLE (NaN handled by
 * {@link ColumnPredicate#mightMatchDoubles}) and UTF-8 strings. Unsigned, date, micro- and
 * nanosecond, INT96, boolean and binary columns, and missing statistics, never skip.
 */
final class RowGroupStatistics {

  private final List<ColumnPredicate> predicates;
  private final Map<String, PrimitiveType> fields;

  RowGroupStatistics(List<ColumnPredicate> predicates, Map<String, PrimitiveType> fields) {
    this.predicates = predicates;
    this.fields = fields;
  }

  boolean mightMatch(BlockMetaData block) {
    for (ColumnPredicate p : predicates) {
      PrimitiveType field = fields.get(p.column());
      if (field == null) {
        continue; // a partition column, or not in this file
      }
      ColumnChunkMetaData chunk = chunk(block, p.column());
      if (chunk != null && !mightMatch(p, field, chunk.getStatistics(), block.getRowCount())) {
        return false;
      }
    }
    return true;
  }

  /** The chunk of a top-level column in a row group, or null. */
  static ColumnChunkMetaData chunk(BlockMetaData block, String name) {
    for (ColumnChunkMetaData c : block.getColumns()) {
      String[] path = c.getPath().toArray();
      if (path.length == 1 && path[0].equals(name)) {
        return c;
      }
    }
    return null;
  }

  static boolean mightMatch(ColumnPredicate p, PrimitiveType field, Statistics<?> stats, long rows) {
    if (stats == null || stats.isEmpty()) {
      return true;
    }
    if (stats.isNumNullsSet() && rows > 0 && stats.getNumNulls() >= rows) {
      return false;
    }
    if (!stats.hasNonNullValue()) {
      return true;
    }
    LogicalTypeAnnotation logical = field.getLogicalTypeAnnotation();
    switch (field.getPrimitiveTypeName()) {
      case INT32:
        if (logical != null && !(logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && i.isSigned())) {
          return true;
        }
        return p.mightMatchLongs(((Number) stats.genericGetMin()).longValue(),
            ((Number) stats.genericGetMax()).longValue());
      case INT64:
        boolean plain = logical == null
            || (logical instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i && i.isSigned())
            || (logical instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation t
                && t.getUnit() == LogicalTypeAnnotation.TimeUnit.MILLIS);
        if (!plain) {
          return true;
        }
        return p.mightMatchLongs(((Number) stats.genericGetMin()).longValue(),
            ((Number) stats.genericGetMax()).longValue());
      case FLOAT:
      case DOUBLE:
        return p.mightMatchDoubles(((Number) stats.genericGetMin()).doubleValue(),
            ((Number) stats.genericGetMax()).doubleValue());
      case BINARY:
        if (!ParquetTypes.isText(logical)) {
          return true;
        }
        return p.mightMatchBytes(((Binary) stats.genericGetMin()).getBytes(),
            ((Binary) stats.genericGetMax()).getBytes());
      default:
        return true;
    }
  }
}
