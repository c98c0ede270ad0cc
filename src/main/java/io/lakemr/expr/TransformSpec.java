package io.lakemr.expr;

import io.lakemr.conf.BadInputException;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnPredicate;
import io.lakemr.data.TableSchema;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The client's view of {@code --where} and {@code --derive} over an input table: checked once
 * against the table; it gives the table a job sees (input columns, then derived ones), the
 * columns a job must read for the columns it uses, the {@link BatchTransform} its tasks run,
 * and the conjuncts of the filter an input can push down.
 */
public final class TransformSpec {

  private final TableSchema input;
  private final Expression where;
  private final List<Derivation> derivations;
  private final List<Expression> derived;
  private final TableSchema table;

  private TransformSpec(TableSchema input, Expression where, List<Derivation> derivations,
      List<Expression> derived, TableSchema table) {
    this.input = input;
    this.where = where;
    this.derivations = List.copyOf(derivations);
    this.derived = List.copyOf(derived);
    this.table = table;
  }

  /**
   * Checks a filter and derived columns against an input table.
   *
   * @param where the {@code --where} text, or null
   * @throws BadInputException naming the option, the problem and its position
   */
  public static TransformSpec create(TableSchema input, String where, List<Derivation> derivations) {
    BatchTransform all = BatchTransform.create(input.columns(), input.unreadable(), where, derivations);
    List<Column> columns = all.outputColumns();
    List<Expression> derived = new ArrayList<>();
    for (int k = 0; k < derivations.size(); k++) {
      derived.add(Expression.parse(derivations.get(k).option(), derivations.get(k).expression(),
          columns.subList(0, input.columns().size() + k), input.unreadable()));
    }
    Expression w = where == null ? null : Expression.parse("--where", where, columns, input.unreadable());
    TableSchema table = input.withColumns(columns.subList(input.columns().size(), columns.size()));
    return new TransformSpec(input, w, derivations, derived, table);
  }

  /** The table a job sees: the input's columns, then the derived columns. */
  public TableSchema table() {
    return table;
  }

  /** True when there is neither a filter nor a derived column. */
  public boolean isEmpty() {
    return where == null && derivations.isEmpty();
  }

  /**
   * The columns (input and derived) the batches must hold for a job using the given columns:
   * those, the filter's, and every column the derived ones among them are computed from.
   */
  public Set<String> required(Collection<String> used) {
    Set<String> out = new LinkedHashSet<>(used);
    if (where != null) {
      out.addAll(where.columns());
    }
    for (int k = derivations.size() - 1; k >= 0; k--) {
      if (out.contains(derivations.get(k).name())) {
        out.addAll(derived.get(k).columns());
      }
    }
    return out;
  }

  /**
   * The transform for batches that hold the required input columns (in table order); it
   * computes the required derived columns only.
   */
  public BatchTransform transform(Set<String> required) {
    List<Column> read = new ArrayList<>();
    for (Column c : input.columns()) {
      if (required.contains(c.name())) {
        read.add(c);
      }
    }
    List<Derivation> kept = new ArrayList<>();
    for (Derivation d : derivations) {
      if (required.contains(d.name())) {
        kept.add(d);
      }
    }
    return BatchTransform.create(read, input.unreadable(), where == null ? null : where.text(), kept);
  }

  /**
   * The conjuncts of the filter an input can test before reading: {@code col op literal},
   * {@code col IN (literals)} and {@code col BETWEEN literal AND literal} on input columns,
   * joined by {@code AND} at the top of the filter. Empty without a filter.
   */
  public List<ColumnPredicate> pushdown() {
    if (where == null) {
      return List.of();
    }
    Map<String, Column> base = new HashMap<>();
    for (Column c : input.columns()) {
      base.put(c.name(), c);
    }
    return Pushdown.conjuncts(where.root(), base);
  }
}
