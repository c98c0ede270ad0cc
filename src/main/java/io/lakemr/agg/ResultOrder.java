package io.lakemr.agg;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.ByteBuf;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.GroupKeyCodec;
import io.lakemr.data.SortKeyEncoder;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;

/**
 * The order of an aggregation's result rows ({@code --order-by}) and how many are kept
 * ({@code --limit}), and the sort key that puts rows in that order.
 *
 * <p>The order-by columns are result columns: group columns (derived and window columns
 * included) and aggregate result names ({@code count}, {@code avg_value}). A row's sort key,
 * compared as unsigned bytes, is:
 * <ol>
 *   <li>the output partition columns, ascending (their bytes from the group key), so that a
 *       partitioned output is ordered within each partition directory;</li>
 *   <li>the order-by columns, each ascending or descending ({@link SortKeyEncoder}: nulls
 *       first when ascending, last when descending, as in Spark);</li>
 *   <li>the whole group key, ascending: ties are broken by the group columns (partition
 *       columns first, nulls first), so every key is distinct and the output deterministic.</li>
 * </ol>
 *
 * <p>Checked on the client by {@link #create}; stored in the job configuration by
 * {@link #store} and read back in tasks by {@link #load}.
 */
public final class ResultOrder {

  /** One order-by column and its direction. */
  public record Term(String column, boolean descending) {
    @Override
    public String toString() {
      return column + (descending ? " desc" : " asc");
    }
  }

  private final AggregatePlan plan;
  private final List<Term> terms;
  private final long limit;
  private final int[] termColumns;
  private final SortKeyEncoder encoder;
  private final GroupKeyCodec keyCodec;

  private ResultOrder(AggregatePlan plan, List<Term> terms, long limit) {
    this.plan = plan;
    this.terms = List.copyOf(terms);
    this.limit = limit;
    List<Column> result = resultColumns(plan);
    this.termColumns = new int[terms.size()];
    boolean[] desc = new boolean[terms.size()];
    List<ColumnType> types = new ArrayList<>();
    for (int i = 0; i < terms.size(); i++) {
      termColumns[i] = indexOf(result, terms.get(i).column());
      if (termColumns[i] < 0) {
        throw new IllegalArgumentException("no result column " + terms.get(i).column());
      }
      desc[i] = terms.get(i).descending();
      types.add(result.get(termColumns[i]).type());
    }
    this.encoder = new SortKeyEncoder(types, desc);
    this.keyCodec = plan.keyCodec();
  }

  /**
   * The result columns of a plan, as the rows between the stages hold them: the key columns
   * (partition columns first, then the other group columns), then each aggregate's result.
   */
  public static List<Column> resultColumns(AggregatePlan plan) {
    List<Column> out = new ArrayList<>(plan.keyColumns());
    Accumulators accs = plan.newAccumulators();
    for (int i = 0; i < plan.aggregates().size(); i++) {
      out.add(accs.resultColumn(i, plan.aggregates().get(i).resultName()));
    }
    return out;
  }

  private static int indexOf(List<Column> columns, String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * Parses {@code COL [ASC|DESC][, COL [ASC|DESC] ...]} (directions in any case; ascending
   * when left out).
   *
   * @throws BadInputException naming {@code --order-by} for an empty entry, a bad direction
   *     or a column listed twice
   */
  public static List<Term> parse(String text) {
    return parse("--order-by", text);
  }

  /**
   * Parses {@code COL [ASC|DESC][, COL [ASC|DESC] ...]} given to {@code option}, which the
   * messages name.
   */
  public static List<Term> parse(String option, String text) {
    List<Term> terms = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (String entry : text.split(",", -1)) {
      String[] words = entry.trim().split("\\s+");
      if (words.length == 0 || words[0].isEmpty()) {
        throw new BadInputException(option + ": empty entry in '" + text + "'");
      }
      if (words.length > 2) {
        throw new BadInputException(option + ": '" + entry.trim() + "' is not COL [ASC|DESC]");
      }
      boolean desc = false;
      if (words.length == 2) {
        String d = words[1].toLowerCase(Locale.ROOT);
        if (!d.equals("asc") && !d.equals("desc")) {
          throw new BadInputException(option + ": bad direction '" + words[1] + "' for column '" + words[0]
              + "' (ASC or DESC)");
        }
        desc = d.equals("desc");
      }
      if (!seen.add(words[0])) {
        throw new BadInputException(option + ": column '" + words[0] + "' is listed twice");
      }
      terms.add(new Term(words[0], desc));
    }
    return terms;
  }

  /**
   * Checks {@code --order-by} and {@code --limit} against a plan.
   *
   * @param orderBy the {@code --order-by} text, or null
   * @param limit the {@code --limit}, 0 for none
   * @param maxLimit the largest limit accepted
   * @return the order, or null when neither option is given
   * @throws BadInputException naming the option: an unknown column, a bad direction, a limit
   *     without an order, with partitioned output, or above {@code maxLimit}
   */
  public static ResultOrder create(AggregatePlan plan, String orderBy, long limit, long maxLimit) {
    if (orderBy == null) {
      if (limit > 0) {
        throw new BadInputException("--limit needs --order-by: without an order the rows kept would be arbitrary");
      }
      return null;
    }
    if (limit > 0 && plan.partitionCount() > 0) {
      throw new BadInputException("--limit cannot be combined with --partition-by: the top N rows are "
          + "written as one file; leave out --partition-by, or order within partitions without --limit");
    }
    maxLimit = Math.min(maxLimit, Integer.MAX_VALUE);
    if (limit > maxLimit) {
      throw new BadInputException("--limit: " + limit + " is above " + maxLimit + " (every sort task holds "
          + "its top N rows in memory; raise " + LakemrConfig.ORDER_LIMIT_MAX + " to allow more)");
    }
    List<Term> terms = parse(orderBy);
    List<Column> result = resultColumns(plan);
    for (Term t : terms) {
      if (indexOf(result, t.column()) < 0) {
        throw new BadInputException("--order-by: unknown column '" + t.column() + "' (result columns: "
            + String.join(", ", result.stream().map(Column::name).toList()) + ")");
      }
    }
    return new ResultOrder(plan, terms, limit);
  }

  /** Writes this order into a job configuration; the plan is stored apart, by the plan. */
  public void store(Configuration conf) {
    conf.set(LakemrConfig.ORDER_BY, String.join(",", terms.stream().map(Term::toString).toList()));
    conf.setLong(LakemrConfig.ORDER_LIMIT, limit);
  }

  /** Reads an order written by {@link #store}, for the plan stored with it. */
  public static ResultOrder load(Configuration conf, AggregatePlan plan) {
    String text = conf.get(LakemrConfig.ORDER_BY);
    if (text == null) {
      throw new IllegalStateException(LakemrConfig.ORDER_BY + " is not set: not an ordered job");
    }
    return new ResultOrder(plan, parse(text), conf.getLong(LakemrConfig.ORDER_LIMIT, LakemrConfig.ORDER_LIMIT_DEFAULT));
  }

  public List<Term> terms() {
    return terms;
  }

  /** The number of rows kept, or 0 for all. */
  public long limit() {
    return limit;
  }

  /**
   * Appends the sort key of one result row.
   *
   * @param groupKey the row's group key, as the shuffle had it
   * @param groupKeyLength its length
   * @param result the result columns' vectors, as {@link #resultColumns} orders them
   * @param row the row in those vectors
   */
  public void encodeSortKey(byte[] groupKey, int groupKeyLength, ColumnVector[] result, int row, ByteBuf out) {
    out.put(groupKey, 0, partitionPrefixLength(groupKey));
    encoder.encode(result, termColumns, row, out);
    out.put(groupKey, 0, groupKeyLength);
  }

  /** The length of the partition columns at the start of a group key or of a sort key. */
  public int partitionPrefixLength(byte[] key) {
    return keyCodec.prefixLength(key, 0, plan.partitionCount());
  }
}
