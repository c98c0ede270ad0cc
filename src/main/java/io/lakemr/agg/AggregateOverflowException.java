package io.lakemr.agg;

/** An integer aggregate passed the range of its result type. */
public final class AggregateOverflowException extends ArithmeticException {

  private static final long serialVersionUID = 1L;

  public AggregateOverflowException(String message) {
    super(message);
  }
}
