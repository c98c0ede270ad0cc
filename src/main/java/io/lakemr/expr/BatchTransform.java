package io.lakemr.expr;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.Schemas;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * The map-side work of {@code --derive} and {@code --where} on a batch: derived columns are
 * computed and appended to the batch as new vectors, and the filter narrows the batch's selection
 * vector ({@code selectedInUse}, {@code selected}, {@code size}); no row is copied. Used as is by
 * any command that transforms batches before aggregating or writing them.
 *
 * <p>The filter runs one top-level {@code AND} term at a time, each on the rows the previous
 * ones kept, and a derived column is computed only when a term needs it or, at the end, on the
 * rows that passed. The expressions are compiled once, when the transform is made; a batch is
 * processed by walking the compiled operators once, each looping over whole vectors.
 *
 * <p>Stored in a job configuration as the expression texts and the input columns, and compiled
 * again in each task ({@link #store}, {@link #load}).
 */
public final class BatchTransform {

  private final List<Column> input;
  private final String where;
  private final List<Derivation> derivations;
  private final List<Column> output;
  private final VectorExpr[] derived;
  private final VectorExpr[] terms;
  private final int[][] termNeeds;
  private final boolean[] computed;

  private BatchTransform(List<Column> input, String where, List<Derivation> derivations, List<Column> output,
      VectorExpr[] derived, VectorExpr[] terms, int[][] termNeeds) {
    this.input = List.copyOf(input);
    this.where = where;
    this.derivations = List.copyOf(derivations);
    this.output = List.copyOf(output);
    this.derived = derived;
    this.terms = terms;
    this.termNeeds = termNeeds;
    this.computed = new boolean[derived.length];
  }

  /**
   * Checks and compiles a transform for batches holding the input columns.
   *
   * @param where the filter, or null for none
   * @param derivations derived columns, in order; each may use the ones before it
   * @throws BadInputException naming the option, the problem and its position
   */
  public static BatchTransform create(List<Column> input, String where, List<Derivation> derivations) {
    return create(input, Map.of(), where, derivations);
  }

  static BatchTransform create(List<Column> input, Map<String, String> unreadable, String where,
      List<Derivation> derivations) {
    List<Column> columns = new ArrayList<>(input);
    List<Expression> expressions = new ArrayList<>();
    for (Derivation d : derivations) {
      if (columns.stream().anyMatch(c -> c.name().equals(d.name())) || unreadable.containsKey(d.name())) {
        throw new BadInputException((d.option().equals("--window") ? "--window" : "--derive")
            + ": column '" + d.name() + "' already exists");
      }
      Expression e = Expression.parse(d.option(), d.expression(), columns, unreadable);
      if (e.type() == ColumnType.DECIMAL) {
        throw new BadInputException((d.option().equals("--window") ? "--window" : "--derive") + ": column '"
            + d.name() + "' would be a decimal; derived decimal columns are not supported yet");
      }
      expressions.add(e);
      columns.add(new Column(d.name(), e.type()));
    }
    VectorExpr[] derived = new VectorExpr[expressions.size()];
    for (int k = 0; k < derived.length; k++) {
      derived[k] = expressions.get(k).compile(columns);
    }
    VectorExpr[] terms = new VectorExpr[0];
    int[][] needs = new int[0][];
    if (where != null) {
      Expression w = Expression.parse("--where", where, columns, unreadable);
      if (w.type() != ColumnType.BOOLEAN) {
        throw new BadInputException("--where: the expression gives a " + w.type().displayName()
            + ", not a condition (true or false) at position 1 in \"" + where + "\"");
      }
      List<Node> conjuncts = new ArrayList<>();
      flattenAnd(w.root(), conjuncts);
      terms = new VectorExpr[conjuncts.size()];
      needs = new int[conjuncts.size()][];
      Compiler compiler = new Compiler(columns, unreadable);
      for (int t = 0; t < terms.length; t++) {
        terms[t] = compiler.compile(conjuncts.get(t));
        needs[t] = derivedNeeded(conjuncts.get(t), input.size(), columns, expressions);
      }
    }
    return new BatchTransform(input, where, derivations, columns, derived, terms, needs);
  }

  static void flattenAnd(Node n, List<Node> out) {
    if (n instanceof Node.Binary b && b.op().equals("AND")) {
      flattenAnd(b.left(), out);
      flattenAnd(b.right(), out);
    } else {
      out.add(n);
    }
  }

  /** Indexes of the derived columns a term uses, directly or through other derived columns, ascending. */
  private static int[] derivedNeeded(Node term, int base, List<Column> columns, List<Expression> expressions) {
    boolean[] need = new boolean[expressions.size()];
    Set<String> used = new HashSet<>();
    Expression.collect(term, used);
    for (int k = expressions.size() - 1; k >= 0; k--) {
      if (used.contains(columns.get(base + k).name())) {
        need[k] = true;
        used.addAll(expressions.get(k).columns());
      }
    }
    return IntStream.range(0, need.length).filter(k -> need[k]).toArray();
  }

  /** The columns of the batches it receives. */
  public List<Column> inputColumns() {
    return input;
  }

  /** The columns of the batches it hands on: the input columns, then the derived ones. */
  public List<Column> outputColumns() {
    return output;
  }

  /** True when it neither derives nor filters. */
  public boolean isIdentity() {
    return derived.length == 0 && terms.length == 0;
  }

  /** True when it filters. */
  public boolean filters() {
    return terms.length > 0;
  }

  /**
   * Derives and filters a batch in place: appends the derived vectors (growing
   * {@code batch.cols} the first time) and narrows the selection.
   *
   * @return the same batch
   */
  public VectorizedRowBatch apply(VectorizedRowBatch batch) {
    if (isIdentity()) {
      return batch;
    }
    int base = input.size();
    int width = output.size();
    if (batch.cols.length < width) {
      batch.cols = Arrays.copyOf(batch.cols, width);
    }
    batch.numCols = Math.max(batch.numCols, width);
    Arrays.fill(computed, false);
    for (int t = 0; t < terms.length && batch.size > 0; t++) {
      for (int k : termNeeds[t]) {
        derive(batch, base, k);
      }
      filter(terms[t].evaluate(batch), batch);
    }
    for (int k = 0; k < derived.length; k++) {
      derive(batch, base, k);
    }
    return batch;
  }

  private void derive(VectorizedRowBatch batch, int base, int k) {
    if (!computed[k]) {
      batch.cols[base + k] = derived[k].evaluate(batch);
      computed[k] = true;
    }
  }

  /** Keeps the current rows where the condition is true (not false, not null). */
  static void filter(ColumnVector condition, VectorizedRowBatch batch) {
    LongColumnVector c = (LongColumnVector) condition;
    int n = batch.size;
    if (c.isRepeating) {
      if (VectorExpr.nullAt(c, 0) || c.vector[0] == 0) {
        batch.size = 0;
      }
      return;
    }
    int[] s = batch.selected;
    long[] v = c.vector;
    boolean[] isNull = c.isNull;
    boolean noNulls = c.noNulls;
    int kept = 0;
    if (batch.selectedInUse) {
      for (int j = 0; j < n; j++) {
        int i = s[j];
        if (v[i] != 0 && (noNulls || !isNull[i])) {
          s[kept++] = i;
        }
      }
    } else {
      for (int i = 0; i < n; i++) {
        if (v[i] != 0 && (noNulls || !isNull[i])) {
          s[kept++] = i;
        }
      }
    }
    if (kept < n) {
      batch.size = kept;
      batch.selectedInUse = true;
    }
  }

  /** Writes the transform into a job configuration. */
  public void store(Configuration conf) {
    conf.set(LakemrConfig.EXPR_INPUT_SCHEMA, Schemas.record("row", input).toString());
    if (where != null) {
      conf.set(LakemrConfig.EXPR_WHERE, where);
    } else {
      conf.unset(LakemrConfig.EXPR_WHERE);
    }
    conf.setInt(LakemrConfig.EXPR_DERIVE_COUNT, derivations.size());
    for (int k = 0; k < derivations.size(); k++) {
      conf.set(LakemrConfig.EXPR_DERIVE_PREFIX + k, derivations.get(k).toString());
    }
  }

  /**
   * Reads a transform written by {@link #store}; with none stored, an identity transform over
   * the given columns.
   */
  public static BatchTransform load(Configuration conf, List<Column> ifNone) {
    String schema = conf.get(LakemrConfig.EXPR_INPUT_SCHEMA);
    if (schema == null) {
      return create(ifNone, null, List.of());
    }
    List<Derivation> derivations = new ArrayList<>();
    int count = conf.getInt(LakemrConfig.EXPR_DERIVE_COUNT, 0);
    for (int k = 0; k < count; k++) {
      derivations.add(Derivation.parse(conf.get(LakemrConfig.EXPR_DERIVE_PREFIX + k)));
    }
    return create(Schemas.columns(Schemas.parse(schema)), conf.get(LakemrConfig.EXPR_WHERE), derivations);
  }
}
