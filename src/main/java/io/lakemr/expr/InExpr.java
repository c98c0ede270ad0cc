package io.lakemr.expr;

import io.lakemr.data.ColumnType;
import java.util.Arrays;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * {@code x [NOT] IN (constants)}, by binary search in the sorted constants. SQL semantics: null
 * when x is null, or when x matches nothing and the list holds a null.
 */
final class InExpr extends VectorExpr {

  private final VectorExpr operand;
  private final boolean negated;
  private final boolean listHasNull;
  private final long[] longs;
  private final double[] doubles;
  private final byte[][] strings;

  /** @param values the list's non-null values: Longs, Doubles or byte arrays, matching the operand's kind */
  InExpr(VectorExpr operand, Object[] values, boolean listHasNull, boolean negated) {
    super(ColumnType.BOOLEAN);
    this.operand = operand;
    this.negated = negated;
    this.listHasNull = listHasNull;
    switch (operand.type().vectorType()) {
      case LONG:
        longs = Arrays.stream(values).mapToLong(v -> (Long) v).sorted().toArray();
        doubles = null;
        strings = null;
        break;
      case DOUBLE:
        longs = null;
        doubles = Arrays.stream(values).mapToDouble(v -> (Double) v).toArray();
        strings = null;
        break;
      default:
        longs = null;
        doubles = null;
        strings = Arrays.stream(values).map(v -> (byte[]) v).sorted(Arrays::compareUnsigned).toArray(byte[][]::new);
    }
  }

  private boolean contains(ColumnVector v, int i) {
    if (v instanceof LongColumnVector l) {
      return Arrays.binarySearch(longs, l.vector[i]) >= 0;
    }
    if (v instanceof DoubleColumnVector d) {
      double x = d.vector[i];
      for (double c : doubles) {
        if (CompareExpr.compareDoubles(x, c) == 0) {
          return true;
        }
      }
      return false;
    }
    BytesColumnVector b = (BytesColumnVector) v;
    byte[] buf = b.vector[i];
    int from = b.start[i];
    int to = from + b.length[i];
    int lo = 0;
    int hi = strings.length - 1;
    while (lo <= hi) {
      int mid = (lo + hi) >>> 1;
      int c = Arrays.compareUnsigned(strings[mid], 0, strings[mid].length, buf, from, to);
      if (c < 0) {
        lo = mid + 1;
      } else if (c > 0) {
        hi = mid - 1;
      } else {
        return true;
      }
    }
    return false;
  }

  @Override
  ColumnVector evaluate(VectorizedRowBatch batch) {
    ColumnVector v = operand.evaluate(batch);
    LongColumnVector o = (LongColumnVector) scratch(batch);
    int n = batch.size;
    boolean sel = batch.selectedInUse;
    if (v.isRepeating) {
      o.isRepeating = true;
      n = Math.min(n, 1);
      sel = false;
    }
    boolean sawNull = false;
    for (int j = 0; j < n; j++) {
      int i = sel ? batch.selected[j] : j;
      boolean isNull;
      boolean found = false;
      if (nullAt(v, i)) {
        isNull = true;
      } else {
        found = contains(v, at(v, i));
        isNull = !found && listHasNull;
      }
      o.isNull[i] = isNull;
      o.vector[i] = found != negated ? 1 : 0;
      sawNull |= isNull;
    }
    o.noNulls = !sawNull;
    return o;
  }
}
