package io.lakemr.expr;

/**
 * What is wrong with an expression and where (1-based), before the option and the expression
 * text are added by {@link Expression} to make the user's one-line message.
 */
final class ExprError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int pos;

  ExprError(String what, int pos) {
    super(what, null, false, false);
    this.pos = pos;
  }

  int pos() {
    return pos;
  }
}
