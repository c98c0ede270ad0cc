package io.lakemr.drivers;

import io.lakemr.agg.AggSpec;
import io.lakemr.agg.AggregatePlan;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnPredicate;
import io.lakemr.data.Schemas;
import io.lakemr.data.TableSchema;
import io.lakemr.expr.BatchTransform;
import io.lakemr.expr.Derivation;
import io.lakemr.expr.RowCounters;
import io.lakemr.expr.TransformSpec;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.PartitionPruner;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;

/**
 * {@code --where}, {@code --derive} and {@code --window} of a command: checked against the input
 * table on the client, turned into the batch transform the tasks run, the columns the input
 * reads, and the filter conjuncts pushed down to the input (unless {@value LakemrConfig#PUSHDOWN}
 * is false), which prune partition directories here, before splits are planned.
 */
final class ExpressionOptions {

  /** The options this class reads. */
  static final Set<String> OPTIONS = Set.of("where", "derive", "window");

  private final TransformSpec spec;
  private final boolean window;
  private final boolean where;
  private final List<ColumnPredicate> pushdown;
  private final PartitionPruner.Result pruned;
  private BatchTransform transform;

  private ExpressionOptions(TransformSpec spec, boolean window, boolean where, List<ColumnPredicate> pushdown,
      PartitionPruner.Result pruned) {
    this.spec = spec;
    this.window = window;
    this.where = where;
    this.pushdown = pushdown;
    this.pruned = pruned;
  }

  static ExpressionOptions parse(CommandLine cl, Configuration conf, TableSchema table, InputFiles files) {
    List<Derivation> derivations = new ArrayList<>();
    for (String d : cl.all("derive")) {
      derivations.add(Derivation.parse(d));
    }
    String windowOption = cl.get("window");
    if (windowOption != null) {
      derivations.add(Derivation.window(windowOption));
    }
    String whereText = cl.get("where");
    if (whereText != null && whereText.isBlank()) {
      whereText = null;
    }
    TransformSpec spec = TransformSpec.create(table, whereText, derivations);
    List<ColumnPredicate> pushdown = conf.getBoolean(LakemrConfig.PUSHDOWN, LakemrConfig.PUSHDOWN_DEFAULT)
        ? spec.pushdown() : List.of();
    return new ExpressionOptions(spec, windowOption != null, whereText != null, pushdown,
        PartitionPruner.prune(files, pushdown));
  }

  /** The input files left once partition directories that cannot match are pruned. */
  InputFiles files() {
    return pruned.kept();
  }

  /**
   * Plans the aggregation over the input and derived columns ({@code window_start} added to the
   * group when {@code --window} is given), for batches holding what the transform hands on.
   */
  AggregatePlan plan(List<String> groupBy, List<String> partitionBy, List<AggSpec> aggs) {
    List<String> group = new ArrayList<>(groupBy);
    if (window && !group.contains(Derivation.WINDOW_COLUMN)) {
      group.add(Derivation.WINDOW_COLUMN);
    }
    AggregatePlan plan = AggregatePlan.create(spec.table(), group, partitionBy, aggs);
    transform = spec.transform(spec.required(plan.readColumns().stream().map(Column::name).toList()));
    return plan.withReadColumns(transform.outputColumns());
  }

  /** The table a job sees: the input's columns, then the derived ones. */
  TableSchema table() {
    return spec.table();
  }

  /**
   * Makes the transform of a job that uses these columns (input or derived, the filter's
   * need not be named) and gives the columns of the batches it hands on: the input columns
   * read, in table order, then the derived columns computed.
   */
  List<Column> transformFor(Collection<String> used) {
    transform = spec.transform(spec.required(used));
    return transform.outputColumns();
  }

  /** Sets up the input with the columns the transform reads, the transform, and the pushed-down conjuncts. */
  void configure(Job job, InputSource input) throws IOException {
    input.configure(job, Schemas.record("row", transform.inputColumns()), pruned.kept());
    if (!transform.isIdentity()) {
      transform.store(job.getConfiguration());
    }
    if (!pushdown.isEmpty()) {
      input.setPushdown(job, pushdown);
    }
  }

  /** Summary lines: rows filtered, what the input skipped and directories pruned. */
  void printSummary(PrintStream out, Counters c, InputSource input) {
    if (where) {
      out.printf("  rows read    %,d (filtered out %,d)%n", c.findCounter(RowCounters.ROWS_READ).getValue(),
          c.findCounter(RowCounters.ROWS_FILTERED_OUT).getValue());
    }
    if (!pushdown.isEmpty()) {
      out.printf("  pushdown     %s, %,d of %,d directories pruned%n", input.pushdownSummary(c),
          pruned.directoriesPruned(), pruned.directories());
    }
  }

  /** The filter conjuncts handed to the input; empty when none or pushdown is off. */
  List<ColumnPredicate> pushdown() {
    return pushdown;
  }

  /** Partition directories of the input, and how many of them pruning left out. */
  int directories() {
    return pruned.directories();
  }

  /** Partition directories left out before splits were planned. */
  int directoriesPruned() {
    return pruned.directoriesPruned();
  }
}
