package io.lakemr.expr;

import io.lakemr.conf.BadInputException;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.TableSchema;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An expression given on the command line, parsed and type-checked against a table's columns.
 * Problems are {@link BadInputException}s naming the option, what is wrong, the 1-based position
 * and the text: {@code --where: unknown column 'vlaue' at position 1 in "vlaue > 3"}.
 */
public final class Expression {

  private final String option;
  private final String text;
  private final Node root;
  private final ColumnType type;

  private Expression(String option, String text, Node root, ColumnType type) {
    this.option = option;
    this.text = text;
    this.root = root;
    this.type = type;
  }

  /**
   * Parses and checks an expression.
   *
   * @param option what the expression was given as, for messages ({@code --where})
   */
  public static Expression parse(String option, String text, TableSchema table) {
    return parse(option, text, table.columns(), table.unreadable());
  }

  static Expression parse(String option, String text, List<Column> columns, Map<String, String> unreadable) {
    try {
      Node root = Parser.parse(text);
      VectorExpr compiled = new Compiler(columns, unreadable).compile(root);
      return new Expression(option, text, root, compiled.type());
    } catch (ExprError e) {
      throw error(option, text, e);
    }
  }

  private static BadInputException error(String option, String text, ExprError e) {
    return new BadInputException(option + ": " + e.getMessage() + " at position " + e.pos() + " in \"" + text + "\"");
  }

  /** Compiles the expression for batches holding the given columns (which include every column it uses). */
  VectorExpr compile(List<Column> columns) {
    try {
      return new Compiler(columns, Map.of()).compile(root);
    } catch (ExprError e) {
      throw error(option, text, e);
    }
  }

  public String text() {
    return text;
  }

  /** The type of the values it computes. */
  public ColumnType type() {
    return type;
  }

  Node root() {
    return root;
  }

  String option() {
    return option;
  }

  /** Names of the columns it uses, in order of appearance. */
  public Set<String> columns() {
    Set<String> out = new LinkedHashSet<>();
    collect(root, out);
    return out;
  }

  static void collect(Node n, Set<String> out) {
    if (n instanceof Node.ColumnRef c) {
      out.add(c.name());
    } else if (n instanceof Node.Unary u) {
      collect(u.operand(), out);
    } else if (n instanceof Node.Binary b) {
      collect(b.left(), out);
      collect(b.right(), out);
    } else if (n instanceof Node.In in) {
      collect(in.operand(), out);
      in.list().forEach(x -> collect(x, out));
    } else if (n instanceof Node.Between b) {
      collect(b.operand(), out);
      collect(b.low(), out);
      collect(b.high(), out);
    } else if (n instanceof Node.IsNull i) {
      collect(i.operand(), out);
    } else if (n instanceof Node.Call c) {
      c.args().forEach(x -> collect(x, out));
    } else if (n instanceof Node.Cast c) {
      collect(c.operand(), out);
    }
  }

  @Override
  public String toString() {
    return text;
  }
}
