package io.lakemr.expr;

import io.lakemr.data.ColumnType;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;

/** Checks and compiles function calls, for {@link Compiler}. */
final class FunctionCompiler {

  private final Compiler compiler;

  FunctionCompiler(Compiler compiler) {
    this.compiler = compiler;
  }

  VectorExpr call(Node.Call c) {
    switch (c.name()) {
      case "date", "year", "month", "day", "hour", "window_start":
        return timeCall(c);
      case "abs", "floor", "ceil", "round", "sqrt", "ln", "exp", "pow", "power":
        return mathCall(c);
      case "lower", "upper", "trim", "length", "substr", "substring", "concat":
        return stringCall(c);
      case "coalesce":
        arity(c, 1, Integer.MAX_VALUE);
        return coalesce(c);
      default:
        throw new ExprError("unknown function '" + c.name() + "'", c.pos());
    }
  }

  private VectorExpr timeCall(Node.Call c) {
    List<Node> args = c.args();
    String name = c.name();
    switch (name) {
      case "date":
      case "year":
      case "month":
      case "day":
      case "hour": {
        arity(c, 1, 1);
        VectorExpr x = time(c, 0, !name.equals("hour"));
        TimeExpr.Fn fn = TimeExpr.Fn.valueOf(name.toUpperCase(Locale.ROOT));
        return new TimeExpr(fn, x, fn == TimeExpr.Fn.DATE ? ColumnType.STRING : ColumnType.LONG, 0);
      }
      case "window_start": {
        arity(c, 2, 2);
        VectorExpr x = time(c, 0, false);
        Node size = args.get(1);
        if (!(size instanceof Node.Literal lit && lit.value() instanceof String s)) {
          throw new ExprError("window_start needs the window size as a string literal such as '1h'", size.pos());
        }
        long millis = TimeExpr.parseSize(s);
        if (millis <= 0) {
          throw new ExprError("window size '" + s + "' is not a positive whole number followed by s, m, h or d",
              size.pos());
        }
        ColumnType t = x.type() == ColumnType.TIMESTAMP ? ColumnType.TIMESTAMP : ColumnType.LONG;
        return new TimeExpr(TimeExpr.Fn.WINDOW_START, x, t, millis);
      }
      default:
        throw new IllegalArgumentException(name);
    }
  }

  private VectorExpr mathCall(Node.Call c) {
    List<Node> args = c.args();
    String name = c.name();
    switch (name) {
      case "abs":
      case "floor":
      case "ceil": {
        arity(c, 1, 1);
        VectorExpr x = number(c, 0);
        return new MathExpr(MathExpr.Fn.valueOf(name.toUpperCase(Locale.ROOT)),
            Compiler.resultOf(x.type()), 0, x);
      }
      case "round": {
        arity(c, 1, 2);
        VectorExpr x = number(c, 0);
        int digits = 0;
        if (args.size() == 2) {
          Node d = args.get(1);
          if (!(d instanceof Node.Literal lit && lit.value() instanceof Long v) || Math.abs(v) > 30) {
            throw new ExprError("round needs its digits as a whole number from -30 to 30", d.pos());
          }
          digits = (int) (long) v;
        }
        return new MathExpr(MathExpr.Fn.ROUND, Compiler.resultOf(x.type()), digits, x);
      }
      case "sqrt":
      case "ln":
      case "exp": {
        arity(c, 1, 1);
        return new MathExpr(MathExpr.Fn.valueOf(name.toUpperCase(Locale.ROOT)), ColumnType.DOUBLE, 0,
            Compiler.toDouble(number(c, 0)));
      }
      case "pow":
      case "power": {
        arity(c, 2, 2);
        return new MathExpr(MathExpr.Fn.POW, ColumnType.DOUBLE, 0, Compiler.toDouble(number(c, 0)),
            Compiler.toDouble(number(c, 1)));
      }
      default:
        throw new IllegalArgumentException(name);
    }
  }

  private VectorExpr stringCall(Node.Call c) {
    List<Node> args = c.args();
    String name = c.name();
    switch (name) {
      case "lower":
      case "upper":
      case "trim": {
        arity(c, 1, 1);
        return new StringExpr(StringExpr.Fn.valueOf(name.toUpperCase(Locale.ROOT)), ColumnType.STRING,
            string(c, 0));
      }
      case "length": {
        arity(c, 1, 1);
        return new StringExpr(StringExpr.Fn.LENGTH, ColumnType.LONG, string(c, 0));
      }
      case "substr":
      case "substring": {
        arity(c, 2, 3);
        VectorExpr[] a = new VectorExpr[args.size()];
        a[0] = string(c, 0);
        for (int k = 1; k < a.length; k++) {
          a[k] = whole(c, k);
        }
        return new StringExpr(StringExpr.Fn.SUBSTR, ColumnType.STRING, a);
      }
      case "concat": {
        arity(c, 1, Integer.MAX_VALUE);
        VectorExpr[] a = new VectorExpr[args.size()];
        for (int k = 0; k < a.length; k++) {
          VectorExpr x = compiler.compile(args.get(k), ColumnType.STRING);
          a[k] = x.type() == ColumnType.STRING ? x : new CastExpr(x, ColumnType.STRING);
        }
        return new StringExpr(StringExpr.Fn.CONCAT, ColumnType.STRING, a);
      }
      default:
        throw new IllegalArgumentException(name);
    }
  }

  private static void arity(Node.Call c, int min, int max) {
    int n = c.args().size();
    if (n < min || n > max) {
      String want = min == max ? String.valueOf(min)
          : max == Integer.MAX_VALUE ? "at least " + min : min + " or " + max;
      throw new ExprError(c.name() + " takes " + want + " argument" + (want.equals("1") ? "" : "s") + ", not " + n,
          c.pos());
    }
  }

  /** An epoch-millisecond timestamp (timestamp, long or int), or with dates allowed a date. */
  private VectorExpr time(Node.Call c, int k, boolean dateToo) {
    Node n = c.args().get(k);
    VectorExpr x = compiler.compile(n, ColumnType.LONG);
    ColumnType t = x.type();
    boolean ok = t == ColumnType.TIMESTAMP || t == ColumnType.LONG || t == ColumnType.INT
        || (dateToo && t == ColumnType.DATE);
    if (!ok) {
      throw new ExprError(c.name() + " needs an epoch-millisecond timestamp (timestamp or long)"
          + (dateToo ? " or a date" : "") + ", not a " + t.displayName(), n.pos());
    }
    return x;
  }

  private VectorExpr number(Node.Call c, int k) {
    Node n = c.args().get(k);
    VectorExpr x = compiler.compile(n, ColumnType.LONG);
    if (!Compiler.isNumber(x.type())) {
      throw new ExprError(c.name() + " needs a number, not a " + x.type().displayName(), n.pos());
    }
    return x;
  }

  private VectorExpr whole(Node.Call c, int k) {
    Node n = c.args().get(k);
    VectorExpr x = compiler.compile(n, ColumnType.LONG);
    if (!(Compiler.isNumber(x.type()) && x.type().vectorType() == ColumnVector.Type.LONG)) {
      throw new ExprError(c.name() + " needs a whole number here, not a " + x.type().displayName(), n.pos());
    }
    return x;
  }

  private VectorExpr string(Node.Call c, int k) {
    Node n = c.args().get(k);
    VectorExpr x = compiler.compile(n, ColumnType.STRING);
    if (x.type() != ColumnType.STRING) {
      throw new ExprError(c.name() + " needs a string, not a " + x.type().displayName(), n.pos());
    }
    return x;
  }

  private VectorExpr coalesce(Node.Call c) {
    List<Node> args = c.args();
    VectorExpr[] a = new VectorExpr[args.size()];
    ColumnType common = null;
    for (int k = 0; k < a.length; k++) {
      Node n = args.get(k);
      if (n instanceof Node.Literal lit && lit.value() == null) {
        continue;
      }
      a[k] = compiler.compile(n);
      common = common == null ? a[k].type() : unify(common, a[k].type(), n);
    }
    if (common == null) {
      throw new ExprError("cannot tell the type of coalesce of NULLs only", c.pos());
    }
    for (int k = 0; k < a.length; k++) {
      if (a[k] == null) {
        a[k] = new ConstantExpr(common, null);
      } else if (a[k].type() != common) {
        a[k] = new CastExpr(a[k], common);
      }
    }
    return new CoalesceExpr(common, a);
  }

  private static ColumnType unify(ColumnType a, ColumnType b, Node at) {
    if (a == b) {
      return a;
    }
    if (Compiler.isNumber(a) && Compiler.isNumber(b)) {
      boolean longs = a.vectorType() == ColumnVector.Type.LONG && b.vectorType() == ColumnVector.Type.LONG;
      return longs ? ColumnType.LONG : ColumnType.DOUBLE;
    }
    if (Compiler.isText(a) && Compiler.isText(b)) {
      return ColumnType.STRING;
    }
    throw new ExprError("coalesce cannot mix a " + a.displayName() + " with a " + b.displayName(), at.pos());
  }
}
