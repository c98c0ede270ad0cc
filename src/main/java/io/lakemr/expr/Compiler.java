package io.lakemr.expr;

import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;

/**
 * Checks the types of a {@link Node} tree against the columns of a batch and compiles it into
 * {@link VectorExpr} operators, in one walk. Type rules: numbers (int, long, float, double,
 * timestamp) mix, longs becoming doubles where a double meets them; {@code /} always gives a
 * double; strings compare with strings (and bytes), booleans with booleans, dates with dates or
 * {@code 'yyyy-MM-dd'} literals. A NULL literal takes the type its context asks for.
 */
final class Compiler {

  private final Map<String, Integer> index = new HashMap<>();
  private final List<Column> columns;
  private final Map<String, String> unreadable;
  private final FunctionCompiler functions = new FunctionCompiler(this);

  Compiler(List<Column> columns, Map<String, String> unreadable) {
    this.columns = List.copyOf(columns);
    this.unreadable = unreadable;
    for (int i = 0; i < columns.size(); i++) {
      index.putIfAbsent(columns.get(i).name(), i);
    }
  }

  VectorExpr compile(Node n) {
    return compile(n, null);
  }

  /**
   * @param nullType the type a NULL literal here takes; null when the context cannot tell
   */
  VectorExpr compile(Node n, ColumnType nullType) {
    if (n instanceof Node.Literal lit) {
      return literal(lit, nullType);
    }
    if (n instanceof Node.ColumnRef c) {
      Integer i = index.get(c.name());
      if (i == null) {
        String reason = unreadable.get(c.name());
        throw new ExprError(reason != null ? "column '" + c.name() + "' cannot be read: " + reason
            : "unknown column '" + c.name() + "'", c.pos());
      }
      return new ColumnExpr(i, columns.get(i).type());
    }
    if (n instanceof Node.Unary u) {
      if (u.op().equals("NOT")) {
        return new LogicExpr(LogicExpr.Op.NOT, bool(u.operand(), "NOT"), null);
      }
      VectorExpr x = compile(u.operand(), ColumnType.LONG);
      requireNumber(x, u.operand(), "-");
      ColumnType t = resultOf(x.type());
      Object zero = t == ColumnType.LONG ? (Object) 0L : (Object) 0.0;
      return new ArithmeticExpr(ArithmeticExpr.Op.SUB, new ConstantExpr(t, zero), x, t);
    }
    if (n instanceof Node.Binary b) {
      return binary(b);
    }
    if (n instanceof Node.IsNull isNull) {
      return new IsNullExpr(compile(isNull.operand(), ColumnType.LONG), isNull.negated());
    }
    if (n instanceof Node.Between bt) {
      VectorExpr ge = compare(bt.negated() ? "<" : ">=", bt.operand(), bt.low(), bt.pos());
      VectorExpr le = compare(bt.negated() ? ">" : "<=", bt.operand(), bt.high(), bt.pos());
      return new LogicExpr(bt.negated() ? LogicExpr.Op.OR : LogicExpr.Op.AND, ge, le);
    }
    if (n instanceof Node.In in) {
      return in(in);
    }
    if (n instanceof Node.Cast c) {
      return cast(c);
    }
    return functions.call((Node.Call) n);
  }

  private VectorExpr literal(Node.Literal lit, ColumnType nullType) {
    Object v = lit.value();
    if (v == null) {
      if (nullType == null) {
        throw new ExprError("cannot tell the type of NULL here; write cast(NULL AS long|double|string)", lit.pos());
      }
      return new ConstantExpr(nullType, null);
    }
    if (v instanceof Long) {
      return new ConstantExpr(ColumnType.LONG, v);
    }
    if (v instanceof Double) {
      return new ConstantExpr(ColumnType.DOUBLE, v);
    }
    if (v instanceof Boolean bool) {
      return new ConstantExpr(ColumnType.BOOLEAN, bool ? 1L : 0L);
    }
    return new ConstantExpr(ColumnType.STRING, v);
  }

  /** Compiles a condition operand, which must be boolean. */
  VectorExpr bool(Node n, String what) {
    VectorExpr x = compile(n, ColumnType.BOOLEAN);
    if (x.type() != ColumnType.BOOLEAN) {
      throw new ExprError(what + " needs a condition, not a " + x.type().displayName(), n.pos());
    }
    return x;
  }

  static boolean isNumber(ColumnType t) {
    return t.isNumeric() || t == ColumnType.TIMESTAMP;
  }

  static boolean isText(ColumnType t) {
    return t == ColumnType.STRING || t == ColumnType.BYTES;
  }

  /** The type arithmetic on this type computes in: long or double. */
  static ColumnType resultOf(ColumnType t) {
    return t.vectorType() == ColumnVector.Type.DOUBLE ? ColumnType.DOUBLE : ColumnType.LONG;
  }

  void requireNumber(VectorExpr x, Node n, String what) {
    if (!isNumber(x.type())) {
      throw new ExprError(what + " needs a number, not a " + x.type().displayName(), n.pos());
    }
  }

  /** x as a double vector (x numeric). */
  static VectorExpr toDouble(VectorExpr x) {
    return x.type().vectorType() == ColumnVector.Type.DOUBLE ? x : new CastExpr(x, ColumnType.DOUBLE);
  }

  /** Compiles two operands, a NULL literal on one side taking the other side's type. */
  private VectorExpr[] pair(Node left, Node right, ColumnType bothNull) {
    boolean leftNull = left instanceof Node.Literal l && l.value() == null;
    if (leftNull) {
      VectorExpr r = compile(right, bothNull);
      return new VectorExpr[] {compile(left, r.type()), r};
    }
    VectorExpr l = compile(left, bothNull);
    return new VectorExpr[] {l, compile(right, l.type())};
  }

  private VectorExpr binary(Node.Binary b) {
    switch (b.op()) {
      case "AND":
        return new LogicExpr(LogicExpr.Op.AND, bool(b.left(), "AND"), bool(b.right(), "AND"));
      case "OR":
        return new LogicExpr(LogicExpr.Op.OR, bool(b.left(), "OR"), bool(b.right(), "OR"));
      case "+":
      case "-":
      case "*":
      case "/":
      case "%":
        return arithmetic(b);
      default:
        return compare(b.op(), b.left(), b.right(), b.pos());
    }
  }

  private VectorExpr arithmetic(Node.Binary b) {
    VectorExpr[] p = pair(b.left(), b.right(), ColumnType.LONG);
    requireNumber(p[0], b.left(), "'" + b.op() + "'");
    requireNumber(p[1], b.right(), "'" + b.op() + "'");
    ArithmeticExpr.Op op = switch (b.op()) {
      case "+" -> ArithmeticExpr.Op.ADD;
      case "-" -> ArithmeticExpr.Op.SUB;
      case "*" -> ArithmeticExpr.Op.MUL;
      case "/" -> ArithmeticExpr.Op.DIV;
      default -> ArithmeticExpr.Op.MOD;
    };
    boolean longs = op != ArithmeticExpr.Op.DIV && resultOf(p[0].type()) == ColumnType.LONG
        && resultOf(p[1].type()) == ColumnType.LONG;
    if (longs) {
      return new ArithmeticExpr(op, p[0], p[1], ColumnType.LONG);
    }
    return new ArithmeticExpr(op, toDouble(p[0]), toDouble(p[1]), ColumnType.DOUBLE);
  }

  VectorExpr compare(String opText, Node left, Node right, int pos) {
    CompareExpr.Op op = switch (opText) {
      case "=" -> CompareExpr.Op.EQ;
      case "!=" -> CompareExpr.Op.NE;
      case "<" -> CompareExpr.Op.LT;
      case "<=" -> CompareExpr.Op.LE;
      case ">" -> CompareExpr.Op.GT;
      default -> CompareExpr.Op.GE;
    };
    VectorExpr[] p = pair(left, right, ColumnType.LONG);
    VectorExpr decimal = decimalComparison(op, p, left, right);
    if (decimal != null) {
      return decimal;
    }
    VectorExpr l = dateLiteral(p[0], left, p[1]);
    VectorExpr r = dateLiteral(p[1], right, p[0]);
    ColumnType a = l.type();
    ColumnType c = r.type();
    if (isNumber(a) && isNumber(c)) {
      if (a.vectorType() == ColumnVector.Type.LONG && c.vectorType() == ColumnVector.Type.LONG) {
        return new CompareExpr(op, l, r);
      }
      return new CompareExpr(op, toDouble(l), toDouble(r));
    }
    if ((isText(a) && isText(c)) || (a == c && (a == ColumnType.BOOLEAN || a == ColumnType.DATE))) {
      return new CompareExpr(op, l, r);
    }
    throw new ExprError("cannot compare a " + a.displayName() + " with a " + c.displayName(), pos);
  }

  /** A decimal compared with a number literal (either side), exactly; null for other comparisons. */
  private static VectorExpr decimalComparison(CompareExpr.Op op, VectorExpr[] p, Node left, Node right) {
    if (p[0].type() == ColumnType.DECIMAL && exactNumber(right) != null) {
      return new DecimalCompareExpr(op, p[0], exactNumber(right), right.pos());
    }
    if (p[1].type() == ColumnType.DECIMAL && exactNumber(left) != null) {
      CompareExpr.Op flipped = switch (op) {
        case LT -> CompareExpr.Op.GT;
        case LE -> CompareExpr.Op.GE;
        case GT -> CompareExpr.Op.LT;
        case GE -> CompareExpr.Op.LE;
        default -> op;
      };
      return new DecimalCompareExpr(flipped, p[1], exactNumber(left), left.pos());
    }
    return null;
  }

  /** A number literal (or its negation) as written, exactly; null for anything else. */
  private static BigDecimal exactNumber(Node n) {
    if (n instanceof Node.Unary u && u.op().equals("-")) {
      BigDecimal v = exactNumber(u.operand());
      return v == null ? null : v.negate();
    }
    if (n instanceof Node.Literal lit && (lit.value() instanceof Long || lit.value() instanceof Double)) {
      return lit.text() != null ? new BigDecimal(lit.text())
          : lit.value() instanceof Long l ? BigDecimal.valueOf(l) : BigDecimal.valueOf((Double) lit.value());
    }
    return null;
  }

  /** A string literal compared with a date becomes that date. */
  private static VectorExpr dateLiteral(VectorExpr x, Node n, VectorExpr other) {
    if (other.type() == ColumnType.DATE && n instanceof Node.Literal lit && lit.value() instanceof String s) {
      return new ConstantExpr(ColumnType.DATE, parseDate(s, lit.pos()));
    }
    return x;
  }

  static long parseDate(String s, int pos) {
    try {
      return LocalDate.parse(s.trim()).toEpochDay();
    } catch (DateTimeParseException e) {
      throw new ExprError("'" + s + "' is not a date (yyyy-MM-dd)", pos);
    }
  }

  private VectorExpr in(Node.In in) {
    VectorExpr x = compile(in.operand(), ColumnType.LONG);
    ColumnType t = x.type();
    List<Object> values = new ArrayList<>();
    boolean hasNull = false;
    boolean anyDouble = false;
    for (Node item : in.list()) {
      if (!(item instanceof Node.Literal lit)) {
        throw new ExprError("IN lists hold literals only", item.pos());
      }
      Object v = lit.value();
      if (v == null) {
        hasNull = true;
        continue;
      }
      if (isNumber(t) && (v instanceof Long || v instanceof Double)) {
        anyDouble |= v instanceof Double;
        values.add(v);
      } else if (isText(t) && v instanceof String s) {
        values.add(s.getBytes(StandardCharsets.UTF_8));
      } else if (t == ColumnType.BOOLEAN && v instanceof Boolean bool) {
        values.add(bool ? 1L : 0L);
      } else if (t == ColumnType.DATE && v instanceof String s) {
        values.add(parseDate(s, lit.pos()));
      } else {
        throw new ExprError("IN list value " + lit.value() + " does not match the " + t.displayName()
            + " it is compared with", lit.pos());
      }
    }
    if (isNumber(t) && (anyDouble || t.vectorType() == ColumnVector.Type.DOUBLE)) {
      x = toDouble(x);
      values.replaceAll(v -> ((Number) v).doubleValue());
    }
    return new InExpr(x, values.toArray(), hasNull, in.negated());
  }

  private VectorExpr cast(Node.Cast c) {
    ColumnType to = switch (c.type()) {
      case "long", "bigint", "int", "integer" -> ColumnType.LONG;
      case "double", "float", "real" -> ColumnType.DOUBLE;
      case "string", "varchar", "text" -> ColumnType.STRING;
      default -> throw new ExprError("cannot cast to '" + c.type() + "' (types: long, double, string)", c.typePos());
    };
    VectorExpr x = compile(c.operand(), to);
    return x.type() == to ? x : new CastExpr(x, to);
  }
}
