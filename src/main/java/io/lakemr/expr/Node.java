package io.lakemr.expr;

import java.util.List;

/**
 * The syntax tree of an expression, as {@link Parser} reads it, before types are checked. Every
 * node carries the 1-based position in the expression text that an error about it points at:
 * the start of a name or literal, an operator, a function name.
 */
public sealed interface Node {

  /** 1-based position in the expression text. */
  int pos();

  /** A column, by its exact name. */
  record ColumnRef(String name, int pos) implements Node {
  }

  /**
   * A literal: {@code Long}, {@code Double}, {@code String}, {@code Boolean}, or null for NULL.
   *
   * @param text a number's text as written (a decimal compares with it exactly), else null
   */
  record Literal(Object value, int pos, String text) implements Node {

    Literal(Object value, int pos) {
      this(value, pos, null);
    }
  }

  /** {@code -x} or {@code NOT x}; op is {@code "-"} or {@code "NOT"}. */
  record Unary(String op, Node operand, int pos) implements Node {
  }

  /**
   * A binary operator: {@code + - * / %}, a comparison ({@code = != < <= > >=}; {@code <>} is
   * read as {@code !=}), {@code AND} or {@code OR}.
   */
  record Binary(String op, Node left, Node right, int pos) implements Node {
  }

  /** {@code x [NOT] IN (a, b, ...)}. */
  record In(Node operand, List<Node> list, boolean negated, int pos) implements Node {
    public In {
      list = List.copyOf(list);
    }
  }

  /** {@code x [NOT] BETWEEN low AND high}, both bounds included. */
  record Between(Node operand, Node low, Node high, boolean negated, int pos) implements Node {
  }

  /** {@code x IS [NOT] NULL}. */
  record IsNull(Node operand, boolean negated, int pos) implements Node {
  }

  /** A function call; the name is lower case. */
  record Call(String name, List<Node> args, int pos) implements Node {
    public Call {
      args = List.copyOf(args);
    }
  }

  /** {@code cast(x AS type)}; the type name is lower case. */
  record Cast(Node operand, String type, int typePos, int pos) implements Node {
  }
}
