package io.lakemr.agg;

import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.Column;
import io.lakemr.data.GroupKeyCodec;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.io.DataOutputBuffer;

/**
 * Exact {@code count_distinct(col)} through a second shuffle, as two chained jobs.
 *
 * <p><b>Stage 1</b> is an ordinary aggregation over the input, grouped by the query's group
 * key <em>and then the distinct column</em>, computing the query's other aggregates (the plan
 * {@link AggregatePlan#firstStage()}): its mappers combine in memory, its combiner merges, as
 * for any query. Its reducer ({@code reducers.DistinctStageReducer}) sees each (group, value)
 * exactly once, in key order, and turns it into a partial of the whole query: the other
 * aggregates' merged partials, and for {@code count_distinct} a count of 1 (0 when the value
 * is null). Keys arrive sorted, so consecutive (group, value) keys of one group are merged
 * there and then: the reducer writes one partial per group, keyed by the group key alone, to a
 * SequenceFile in a scratch directory.
 *
 * <p><b>Stage 2</b> reads those (group key, partial) pairs with an identity mapper; the
 * ordinary combiner and {@code AggregateReducer} merge them under the whole query's plan, in
 * which {@code count_distinct} merges by adding ({@link CountDistinctAccumulator}), and write
 * the output. So {@code count(*),count_distinct(sensor_id),avg(value)} is one query: every
 * other aggregate is carried through both stages as a mergeable partial, and the results are
 * those of a one-stage job.
 *
 * <p>The driver runs stage 2 only when stage 1 succeeded, fails the command (exit 1) when
 * either fails, and removes the intermediate data either way. Memory: stage 1 holds one
 * in-mapper table, as any aggregation; its reducer holds one group's partial; nothing holds a
 * set of values. Only one distinct column per query (any number of
 * {@code approx_count_distinct}).
 */
public final class DistinctAggregation {

  private final AggregatePlan firstStage;
  private final List<AggSpec> finalAggs;
  private final GroupKeyCodec firstCodec;
  private final int groupColumns;

  private DistinctAggregation(AggregatePlan firstStage, List<AggSpec> finalAggs) {
    this.firstStage = firstStage;
    this.finalAggs = finalAggs;
    this.firstCodec = firstStage.keyCodec();
    this.groupColumns = firstStage.keyColumns().size() - 1;
  }

  /** Sets up a stage-1 job's configuration: the first-stage plan, and the query's aggregates. */
  public static void storeFirstStage(Configuration conf, AggregatePlan query) {
    query.firstStage().store(conf);
    StringBuilder sb = new StringBuilder();
    for (AggSpec a : query.aggregates()) {
      if (sb.length() > 0) {
        sb.append(',');
      }
      sb.append(a);
    }
    conf.set(LakemrConfig.AGG_DISTINCT_FINAL_FUNCTIONS, sb.toString());
  }

  /** Reads what {@link #storeFirstStage} wrote, in a stage-1 task. */
  public static DistinctAggregation load(Configuration conf) {
    String finals = conf.get(LakemrConfig.AGG_DISTINCT_FINAL_FUNCTIONS);
    if (finals == null) {
      throw new IllegalStateException(LakemrConfig.AGG_DISTINCT_FINAL_FUNCTIONS + " is not set: not a distinct stage");
    }
    return new DistinctAggregation(AggregatePlan.load(conf), AggSpec.parseList(finals));
  }

  /** The stage-1 plan (group key + distinct column, the other aggregates). */
  public AggregatePlan firstStage() {
    return firstStage;
  }

  /** The plan of the whole query: the group key without the value, every aggregate. */
  public AggregatePlan queryPlan() {
    List<String> keys = new ArrayList<>();
    for (Column c : firstStage.keyColumns().subList(0, groupColumns)) {
      keys.add(c.name());
    }
    return AggregatePlan.of(firstStage.readColumns(), keys, firstStage.partitionCount(), finalAggs);
  }

  /** The length of the group key at the start of a stage-1 key (everything but the value). */
  public int groupKeyLength(byte[] key) {
    return firstCodec.prefixLength(key, 0, groupColumns);
  }

  /**
   * Writes the whole query's partial for one (group, value) of stage 1: the other aggregates'
   * partials from {@code merged} (a merger of the first-stage plan holding the sub-group), and
   * 1 or 0 for each {@code count_distinct}, in the query's order.
   */
  public void writeQueryPartial(byte[] key, PartialMerger merged, DataOutputBuffer out) throws IOException {
    boolean valueIsNull = key[groupKeyLength(key)] == 0; // the null marker of the key encoding
    int other = 0;
    for (AggSpec a : finalAggs) {
      if (a.function() == AggFunction.COUNT_DISTINCT) {
        CountDistinctAccumulator.writeFirstStage(valueIsNull, out);
      } else {
        merged.writeOne(other++, out);
      }
    }
  }
}
