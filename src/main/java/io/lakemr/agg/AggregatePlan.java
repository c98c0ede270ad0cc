package io.lakemr.agg;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.GroupKeyCodec;
import io.lakemr.data.Schemas;
import io.lakemr.data.TableSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;

/**
 * What an aggregation computes: the columns it reads, its group key (output partition columns
 * first, then the other group columns), and its aggregates.
 *
 * <p>Made and checked once on the client by {@link #create}; stored in the job configuration
 * by {@link #store} and read back in every task by {@link #load}.
 */
public final class AggregatePlan {

  private final List<Column> readColumns;
  private final List<Column> keyColumns;
  private final int partitionCount;
  private final List<AggSpec> aggs;
  private final int[] keyInputs;
  private final int[] aggInputs;

  private AggregatePlan(List<Column> readColumns, List<String> keyNames, int partitionCount,
      List<AggSpec> aggs) {
    this.readColumns = List.copyOf(readColumns);
    this.partitionCount = partitionCount;
    this.aggs = List.copyOf(aggs);
    this.keyInputs = new int[keyNames.size()];
    List<Column> keys = new ArrayList<>();
    for (int i = 0; i < keyNames.size(); i++) {
      keyInputs[i] = indexOf(keyNames.get(i));
      keys.add(readColumns.get(keyInputs[i]));
    }
    this.keyColumns = List.copyOf(keys);
    this.aggInputs = new int[aggs.size()];
    for (int i = 0; i < aggs.size(); i++) {
      aggInputs[i] = aggs.get(i).column() == null ? -1 : indexOf(aggs.get(i).column());
    }
  }

  /** A plan over already checked columns (for the stages of a distinct aggregation). */
  static AggregatePlan of(List<Column> readColumns, List<String> keyNames, int partitionCount,
      List<AggSpec> aggs) {
    return new AggregatePlan(readColumns, keyNames, partitionCount, aggs);
  }

  private int indexOf(String name) {
    for (int i = 0; i < readColumns.size(); i++) {
      if (readColumns.get(i).name().equals(name)) {
        return i;
      }
    }
    throw new IllegalArgumentException("column " + name + " is not read");
  }

  /**
   * Checks an aggregation against the input's columns and plans it.
   *
   * @throws BadInputException naming the option and column that is wrong
   */
  public static AggregatePlan create(TableSchema table, List<String> groupBy, List<String> partitionBy,
      List<AggSpec> aggs) {
    checkDistinct("--group-by", groupBy);
    checkDistinct("--partition-by", partitionBy);
    for (String g : groupBy) {
      requireColumn(table, "--group-by", g, null);
    }
    for (String p : partitionBy) {
      Column c = requireColumn(table, "--partition-by", p, null);
      if (c.type() == ColumnType.DECIMAL) {
        throw new BadInputException("--partition-by: column '" + p + "' is " + c.typeName()
            + "; partitioning by a decimal is not supported yet");
      }
      if (!groupBy.contains(p)) {
        throw new BadInputException("--partition-by: column '" + p + "' is not a result column; "
            + "partition columns must also be --group-by columns");
      }
    }
    Set<String> resultNames = new HashSet<>(groupBy);
    String distinct = null;
    for (AggSpec a : aggs) {
      if (a.function() == AggFunction.COUNT_DISTINCT) {
        if (distinct != null && !distinct.equals(a.column())) {
          throw new BadInputException("--agg: count_distinct of two columns ('" + distinct + "' and '"
              + a.column() + "') in one query; count_distinct may take one column per query "
              + "(approx_count_distinct any number)");
        }
        distinct = a.column();
      }
      if (a.column() != null) {
        Column c = requireColumn(table, "--agg", a.column(), a.toString());
        checkType(a, c);
      }
      if (!resultNames.add(a.resultName())) {
        throw new BadInputException("--agg: " + a + " gives a result column '" + a.resultName()
            + "' that another result column already has");
      }
    }
    List<String> keyNames = new ArrayList<>(partitionBy);
    for (String g : groupBy) {
      if (!partitionBy.contains(g)) {
        keyNames.add(g);
      }
    }
    Set<String> needed = new LinkedHashSet<>(keyNames);
    for (AggSpec a : aggs) {
      if (a.column() != null) {
        needed.add(a.column());
      }
    }
    List<Column> read = new ArrayList<>();
    for (Column c : table.columns()) {
      if (needed.contains(c.name())) {
        read.add(c);
      }
    }
    return new AggregatePlan(read, keyNames, partitionBy.size(), aggs);
  }

  private static void checkDistinct(String option, List<String> names) {
    Set<String> seen = new HashSet<>();
    for (String n : names) {
      if (!seen.add(n)) {
        throw new BadInputException(option + ": column '" + n + "' is listed twice");
      }
    }
  }

  private static Column requireColumn(TableSchema table, String option, String name, String in) {
    Column c = table.column(name);
    if (c != null) {
      return c;
    }
    String where = in == null ? "" : " in " + in;
    String reason = table.unreadable().get(name);
    if (reason != null) {
      throw new BadInputException(option + ": column '" + name + "'" + where + " of " + table.source()
          + " cannot be read: " + reason);
    }
    throw new BadInputException(option + ": unknown column '" + name + "'" + where + " (columns of "
        + table.source() + ": " + table.describeColumns() + ")");
  }

  private static void checkType(AggSpec a, Column c) {
    ColumnType t = c.type();
    switch (a.function()) {
      case SUM:
      case AVG:
        if (!t.isNumeric() && t != ColumnType.DECIMAL) {
          throw new BadInputException("--agg: " + a + " needs a numeric column; '" + c.name()
              + "' is " + t.displayName());
        }
        break;
      case STDDEV:
      case STDDEV_SAMP:
      case STDDEV_POP:
      case VARIANCE:
      case VAR_SAMP:
      case VAR_POP:
      case APPROX_QUANTILE:
      case APPROX_MEDIAN:
        if (!t.isNumeric()) {
          throw new BadInputException("--agg: " + a + " needs a numeric column; '" + c.name()
              + "' is " + t.displayName());
        }
        break;
      case COUNT_DISTINCT:
      case APPROX_COUNT_DISTINCT:
        if (t == ColumnType.DECIMAL) {
          throw new BadInputException("--agg: " + a + " of a decimal column ('" + c.name()
              + "') is not supported yet");
        }
        break;
      default:
        break;
    }
  }

  /** The accumulators for this plan's aggregates, reading the batch columns of {@link #readColumns()}. */
  public Accumulators newAccumulators() {
    List<Accumulator> list = new ArrayList<>();
    for (int i = 0; i < aggs.size(); i++) {
      AggSpec a = aggs.get(i);
      int in = aggInputs[i];
      ColumnType t = in < 0 ? null : readColumns.get(in).type();
      switch (a.function()) {
        case COUNT_STAR:
          list.add(new CountAccumulator(-1));
          break;
        case COUNT:
          list.add(new CountAccumulator(in));
          break;
        case SUM:
          list.add(t == ColumnType.DECIMAL ? new DecimalSumAccumulator(in, readColumns.get(in), false, a.toString())
              : t.isFloating() ? new DoubleSumAccumulator(in, false) : new LongSumAccumulator(in, a.toString()));
          break;
        case AVG:
          list.add(t == ColumnType.DECIMAL ? new DecimalSumAccumulator(in, readColumns.get(in), true, a.toString())
              : new DoubleSumAccumulator(in, true));
          break;
        case MIN:
        case MAX:
          list.add(minMax(in, readColumns.get(in), a.function() == AggFunction.MAX));
          break;
        case STDDEV:
        case STDDEV_SAMP:
        case STDDEV_POP:
        case VARIANCE:
        case VAR_SAMP:
        case VAR_POP:
          list.add(MomentAccumulator.of(a.function(), in));
          break;
        case APPROX_COUNT_DISTINCT:
          list.add(new HllAccumulator(in));
          break;
        case APPROX_QUANTILE:
        case APPROX_MEDIAN:
          list.add(new KllAccumulator(in, a.quantile()));
          break;
        case COUNT_DISTINCT:
          list.add(new CountDistinctAccumulator(in));
          break;
        default:
          throw new AssertionError(a.function());
      }
    }
    return new Accumulators(list);
  }

  private static Accumulator minMax(int in, Column column, boolean max) {
    ColumnType t = column.type();
    switch (t.vectorType()) {
      case DECIMAL:
        return new DecimalMinMaxAccumulator(in, column, max);
      case LONG:
        return new LongMinMaxAccumulator(in, t, max);
      case DOUBLE:
        return new DoubleMinMaxAccumulator(in, t, max);
      default:
        return new BytesMinMaxAccumulator(in, t, max);
    }
  }

  /**
   * This plan for batches that hold the given columns, in that order (for instance the columns
   * read followed by derived ones); they must include every key and aggregate column.
   */
  public AggregatePlan withReadColumns(List<Column> batchColumns) {
    return new AggregatePlan(batchColumns, keyColumns.stream().map(Column::name).toList(), partitionCount, aggs);
  }

  /** The column of this plan's {@code count_distinct} aggregates, or null when it has none. */
  public String distinctColumn() {
    for (AggSpec a : aggs) {
      if (a.function() == AggFunction.COUNT_DISTINCT) {
        return a.column();
      }
    }
    return null;
  }

  /**
   * The first stage of a distinct aggregation ({@link DistinctAggregation}): grouped by this
   * plan's key and then the distinct column, computing this plan's other aggregates.
   */
  public AggregatePlan firstStage() {
    String distinct = distinctColumn();
    if (distinct == null) {
      throw new IllegalStateException("no count_distinct in " + aggs);
    }
    List<String> keys = new ArrayList<>();
    for (Column c : keyColumns) {
      keys.add(c.name());
    }
    keys.add(distinct);
    List<AggSpec> rest = new ArrayList<>();
    for (AggSpec a : aggs) {
      if (a.function() != AggFunction.COUNT_DISTINCT) {
        rest.add(a);
      }
    }
    return new AggregatePlan(readColumns, keys, partitionCount, rest);
  }

  /** Columns the job reads, in the order the input batches hold them. */
  public List<Column> readColumns() {
    return readColumns;
  }

  public Schema readSchema() {
    return Schemas.record("row", readColumns);
  }

  /** Group key columns: output partition columns first, then the other group columns. */
  public List<Column> keyColumns() {
    return keyColumns;
  }

  /** Index in the read batch of each key column. */
  public int[] keyInputs() {
    return keyInputs.clone();
  }

  public int partitionCount() {
    return partitionCount;
  }

  public List<Column> partitionColumns() {
    return keyColumns.subList(0, partitionCount);
  }

  public boolean isGlobal() {
    return keyColumns.isEmpty();
  }

  public List<AggSpec> aggregates() {
    return aggs;
  }

  public GroupKeyCodec keyCodec() {
    List<ColumnType> types = new ArrayList<>();
    for (Column c : keyColumns) {
      types.add(c.type());
    }
    return new GroupKeyCodec(types);
  }

  /** Columns of the output files: the non-partition group columns, then the aggregates. */
  public List<Column> fileColumns() {
    List<Column> out = new ArrayList<>(keyColumns.subList(partitionCount, keyColumns.size()));
    Accumulators accs = newAccumulators();
    for (int i = 0; i < aggs.size(); i++) {
      out.add(accs.resultColumn(i, aggs.get(i).resultName()));
    }
    return out;
  }

  /**
   * Writes this plan into a job configuration. The input's read schema is the input format's
   * to set: it may be fewer columns than the plan's batches, which can also hold derived ones.
   */
  public void store(Configuration conf) {
    conf.set(LakemrConfig.AGG_BATCH_SCHEMA, readSchema().toString());
    conf.setStrings(LakemrConfig.AGG_GROUP_BY, keyColumns.stream().map(Column::name).toArray(String[]::new));
    conf.setInt(LakemrConfig.AGG_PARTITION_COUNT, partitionCount);
    StringBuilder sb = new StringBuilder();
    for (AggSpec a : aggs) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(a);
    }
    conf.set(LakemrConfig.AGG_FUNCTIONS, sb.toString());
  }

  /** Reads a plan written by {@link #store}. */
  public static AggregatePlan load(Configuration conf) {
    String schema = conf.get(LakemrConfig.AGG_BATCH_SCHEMA, conf.get(LakemrConfig.INPUT_READ_SCHEMA));
    if (schema == null) {
      throw new IllegalStateException(LakemrConfig.AGG_BATCH_SCHEMA + " is not set: not an aggregate job");
    }
    List<Column> read = Schemas.columns(Schemas.parse(schema));
    // getTrimmedStrings keeps repeated names: a distinct stage's key may repeat a group column
    List<String> keys = new ArrayList<>(Arrays.asList(conf.getTrimmedStrings(LakemrConfig.AGG_GROUP_BY)));
    int partitions = conf.getInt(LakemrConfig.AGG_PARTITION_COUNT, 0);
    String functions = conf.get(LakemrConfig.AGG_FUNCTIONS, "");
    // the first stage of a distinct aggregation may have no other aggregates
    List<AggSpec> aggs = functions.isBlank() ? List.of() : AggSpec.parseList(functions);
    return new AggregatePlan(read, keys, partitions, aggs);
  }
}
