package io.lakemr.expr;

import io.lakemr.data.Column;
import io.lakemr.data.ColumnPredicate;
import io.lakemr.data.ColumnType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Finds the conjuncts of a filter that a reader can test on min/max statistics or partition
 * values: comparisons of an input column with a literal (either side), {@code IN} lists of
 * literals and {@code BETWEEN} literals, of the kind the filter compares (numbers with numeric
 * columns, strings with string columns). The filter still runs on every row read, so a
 * conjunct left out only costs reading.
 */
final class Pushdown {

  private Pushdown() {
  }

  static List<ColumnPredicate> conjuncts(Node where, Map<String, Column> inputColumns) {
    List<Node> terms = new ArrayList<>();
    BatchTransform.flattenAnd(where, terms);
    List<ColumnPredicate> out = new ArrayList<>();
    for (Node t : terms) {
      ColumnPredicate p = predicate(t, inputColumns);
      if (p != null) {
        out.add(p);
      }
    }
    return out;
  }

  private static ColumnPredicate predicate(Node t, Map<String, Column> columns) {
    if (t instanceof Node.Binary b) {
      ColumnPredicate.Op op = switch (b.op()) {
        case "=" -> ColumnPredicate.Op.EQ;
        case "!=" -> ColumnPredicate.Op.NE;
        case "<" -> ColumnPredicate.Op.LT;
        case "<=" -> ColumnPredicate.Op.LE;
        case ">" -> ColumnPredicate.Op.GT;
        case ">=" -> ColumnPredicate.Op.GE;
        default -> null;
      };
      if (op == null) {
        return null;
      }
      if (b.right() instanceof Node.ColumnRef && b.left() instanceof Node.Literal) {
        return comparison(b.right(), flip(op), b.left(), columns);
      }
      return comparison(b.left(), op, b.right(), columns);
    }
    if (t instanceof Node.In in && !in.negated()) {
      Column c = column(in.operand(), columns);
      if (c == null) {
        return null;
      }
      List<Object> values = new ArrayList<>();
      for (Node item : in.list()) {
        Object v = item instanceof Node.Literal lit ? lit.value() : null;
        if (item instanceof Node.Literal lit && lit.value() == null) {
          continue; // x IN (.., NULL) is never true through the NULL
        }
        if (!fits(c, v)) {
          return null;
        }
        values.add(v);
      }
      return values.isEmpty() ? null : new ColumnPredicate(c.name(), ColumnPredicate.Op.IN, values);
    }
    if (t instanceof Node.Between bt && !bt.negated()) {
      Column c = column(bt.operand(), columns);
      Object lo = bt.low() instanceof Node.Literal l ? l.value() : null;
      Object hi = bt.high() instanceof Node.Literal h ? h.value() : null;
      if (c != null && fits(c, lo) && fits(c, hi)) {
        return new ColumnPredicate(c.name(), ColumnPredicate.Op.BETWEEN, List.of(lo, hi));
      }
    }
    return null;
  }

  private static ColumnPredicate comparison(Node col, ColumnPredicate.Op op, Node lit, Map<String, Column> columns) {
    Column c = column(col, columns);
    Object v = lit instanceof Node.Literal l ? l.value() : null;
    if (c == null || !fits(c, v)) {
      return null;
    }
    return new ColumnPredicate(c.name(), op, List.of(v));
  }

  private static Column column(Node n, Map<String, Column> columns) {
    return n instanceof Node.ColumnRef ref ? columns.get(ref.name()) : null;
  }

  /** Whether the filter compares the column with the value as the predicate would. */
  private static boolean fits(Column c, Object v) {
    ColumnType t = c.type();
    if (v instanceof String) {
      return t == ColumnType.STRING || t == ColumnType.BYTES;
    }
    if (v instanceof Long || v instanceof Double) {
      return Compiler.isNumber(t);
    }
    return false;
  }

  private static ColumnPredicate.Op flip(ColumnPredicate.Op op) {
    return switch (op) {
      case LT -> ColumnPredicate.Op.GT;
      case LE -> ColumnPredicate.Op.GE;
      case GT -> ColumnPredicate.Op.LT;
      case GE -> ColumnPredicate.Op.LE;
      default -> op;
    };
  }
}
