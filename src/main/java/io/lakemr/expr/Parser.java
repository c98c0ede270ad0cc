package io.lakemr.expr;

import io.lakemr.expr.Lexer.Kind;
import io.lakemr.expr.Lexer.Token;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads expression text into a {@link Node} tree, by recursive descent. Precedence, loosest
 * first: {@code OR}; {@code AND}; {@code NOT}; comparisons, {@code [NOT] IN},
 * {@code [NOT] BETWEEN}, {@code IS [NOT] NULL} (not chained); {@code + -}; {@code * / %};
 * unary minus. Keywords and function names are case-insensitive; column names are not, and a
 * column named like a keyword, or with characters other than letters, digits and {@code _},
 * is written in back quotes or double quotes.
 */
final class Parser {

  private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "between", "is", "null",
      "true", "false", "cast", "as");
  private static final Set<String> COMPARISONS = Set.of("=", "!=", "<", "<=", ">", ">=");

  private final List<Token> tokens;
  private int at;

  private Parser(String text) {
    this.tokens = Lexer.tokens(text);
  }

  /** Parses a whole expression. */
  static Node parse(String text) {
    Parser p = new Parser(text);
    if (p.peek().kind() == Kind.END) {
      throw new ExprError("empty expression", 1);
    }
    Node n = p.or();
    if (p.peek().kind() != Kind.END) {
      throw p.unexpected();
    }
    return n;
  }

  private Token peek() {
    return tokens.get(at);
  }

  private Token next() {
    return tokens.get(at++);
  }

  private ExprError unexpected() {
    Token t = peek();
    return new ExprError("syntax error: unexpected " + t.describe(), t.pos());
  }

  private Token expect(Kind kind, String what) {
    Token t = peek();
    if (t.kind() != kind) {
      throw new ExprError("syntax error: expected " + what + " but found " + t.describe(), t.pos());
    }
    return next();
  }

  private boolean acceptKeyword(String keyword) {
    if (peek().isKeyword(keyword)) {
      at++;
      return true;
    }
    return false;
  }

  private Node or() {
    Node left = and();
    while (peek().isKeyword("or")) {
      Token op = next();
      left = new Node.Binary("OR", left, and(), op.pos());
    }
    return left;
  }

  private Node and() {
    Node left = not();
    while (peek().isKeyword("and")) {
      Token op = next();
      left = new Node.Binary("AND", left, not(), op.pos());
    }
    return left;
  }

  private Node not() {
    if (peek().isKeyword("not")) {
      Token op = next();
      return new Node.Unary("NOT", not(), op.pos());
    }
    return predicate();
  }

  private Node predicate() {
    Node left = additive();
    Token t = peek();
    if (t.kind() == Kind.OP && COMPARISONS.contains(t.text())) {
      next();
      return new Node.Binary(t.text(), left, additive(), t.pos());
    }
    if (t.isKeyword("is")) {
      next();
      boolean negated = acceptKeyword("not");
      if (!acceptKeyword("null")) {
        throw new ExprError("syntax error: expected NULL after IS" + (negated ? " NOT" : "")
            + " but found " + peek().describe(), peek().pos());
      }
      return new Node.IsNull(left, negated, t.pos());
    }
    boolean negated = false;
    if (t.isKeyword("not") && (tokens.get(at + 1).isKeyword("in") || tokens.get(at + 1).isKeyword("between"))) {
      next();
      negated = true;
    }
    Token kw = peek();
    if (kw.isKeyword("in")) {
      next();
      expect(Kind.LPAREN, "'(' after IN");
      List<Node> list = new ArrayList<>();
      list.add(additive());
      while (peek().kind() == Kind.COMMA) {
        next();
        list.add(additive());
      }
      expect(Kind.RPAREN, "',' or ')' in the IN list");
      return new Node.In(left, list, negated, kw.pos());
    }
    if (kw.isKeyword("between")) {
      next();
      Node low = additive();
      if (!acceptKeyword("and")) {
        throw new ExprError("syntax error: expected AND in BETWEEN but found " + peek().describe(), peek().pos());
      }
      Node high = additive();
      return new Node.Between(left, low, high, negated, kw.pos());
    }
    return left;
  }

  private Node additive() {
    Node left = multiplicative();
    while (peek().isOp("+") || peek().isOp("-")) {
      Token op = next();
      left = new Node.Binary(op.text(), left, multiplicative(), op.pos());
    }
    return left;
  }

  private Node multiplicative() {
    Node left = unary();
    while (peek().isOp("*") || peek().isOp("/") || peek().isOp("%")) {
      Token op = next();
      left = new Node.Binary(op.text(), left, unary(), op.pos());
    }
    return left;
  }

  private Node unary() {
    Token t = peek();
    if (t.isOp("-")) {
      next();
      if (peek().kind() == Kind.NUMBER) {
        Token num = next();
        return number("-" + num.text(), t.pos());
      }
      return new Node.Unary("-", unary(), t.pos());
    }
    if (t.isOp("+")) {
      next();
      return unary();
    }
    return primary();
  }

  private Node primary() {
    Token t = next();
    switch (t.kind()) {
      case NUMBER:
        return number(t.text(), t.pos());
      case STRING:
        return new Node.Literal(t.text(), t.pos());
      case QUOTED_NAME:
        return new Node.ColumnRef(t.text(), t.pos());
      case LPAREN: {
        Node inner = or();
        expect(Kind.RPAREN, "')'");
        return inner;
      }
      case NAME:
        return name(t);
      default:
        at--;
        throw unexpected();
    }
  }

  private Node name(Token t) {
    String lower = t.text().toLowerCase(Locale.ROOT);
    switch (lower) {
      case "null":
        return new Node.Literal(null, t.pos());
      case "true":
        return new Node.Literal(Boolean.TRUE, t.pos());
      case "false":
        return new Node.Literal(Boolean.FALSE, t.pos());
      case "cast":
        if (peek().kind() == Kind.LPAREN) {
          next();
          Node operand = or();
          if (!acceptKeyword("as")) {
            throw new ExprError("syntax error: expected AS in cast but found " + peek().describe(), peek().pos());
          }
          Token type = expect(Kind.NAME, "a type (long, double or string)");
          expect(Kind.RPAREN, "')' after the cast type");
          return new Node.Cast(operand, type.text().toLowerCase(Locale.ROOT), type.pos(), t.pos());
        }
        break;
      default:
        break;
    }
    if (peek().kind() == Kind.LPAREN) {
      next();
      List<Node> args = new ArrayList<>();
      if (peek().kind() != Kind.RPAREN) {
        args.add(or());
        while (peek().kind() == Kind.COMMA) {
          next();
          args.add(or());
        }
      }
      expect(Kind.RPAREN, "',' or ')' in the arguments of " + lower);
      return new Node.Call(lower, args, t.pos());
    }
    if (KEYWORDS.contains(lower)) {
      throw new ExprError("syntax error: unexpected " + t.describe()
          + " (a column with this name is written `" + t.text() + "`)", t.pos());
    }
    return new Node.ColumnRef(t.text(), t.pos());
  }

  private static Node number(String text, int pos) {
    boolean integral = text.chars().allMatch(c -> Character.isDigit(c) || c == '-');
    if (integral) {
      BigInteger v = new BigInteger(text);
      if (v.bitLength() < 64) {
        return new Node.Literal(v.longValue(), pos, text);
      }
      throw new ExprError("integer " + text + " is out of the range of a long; write " + text + ".0 for a double",
          pos);
    }
    double d = Double.parseDouble(text);
    if (Double.isInfinite(d)) {
      throw new ExprError("number " + text + " is out of the range of a double", pos);
    }
    return new Node.Literal(d, pos, text);
  }
}
