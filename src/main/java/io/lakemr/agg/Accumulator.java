package io.lakemr.agg;

import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * The partial states of one aggregate for many groups, addressed by group number.
 *
 * <p>State lives in primitive arrays indexed by group, not in an object per group. A state is
 * mergeable: {@link #update} folds rows in, {@link #write} gives the compact binary partial,
 * {@link #merge} folds such a partial in, and {@link #finish} gives the result. Merging the
 * partials of any division of the rows gives the result of all the rows at once.
 */
public abstract class Accumulator {

  /** Index of the input column in the batch, or -1 for {@code count(*)}. */
  protected final int input;

  protected Accumulator(int input) {
    this.input = input;
  }

  /** The type of the finished value. */
  public abstract ColumnType resultType();

  /** The column of the finished values, named {@code name} (a decimal's has its precision and scale). */
  public Column resultColumn(String name) {
    return new Column(name, resultType());
  }

  /** Makes room for group numbers below {@code groups}; new groups start empty. */
  public abstract void ensureCapacity(int groups);

  /**
   * Folds rows of a batch into their groups.
   *
   * @param rows row indices into the batch's vectors
   * @param groups the group of each of those rows
   * @param n how many entries of {@code rows} and {@code groups} to use
   */
  public abstract void update(VectorizedRowBatch batch, int[] rows, int[] groups, int n);

  /** Writes one group's partial state. */
  public abstract void write(int group, DataOutput out) throws IOException;

  /** Folds a partial state written by {@link #write} into a group. */
  public abstract void merge(int group, DataInput in) throws IOException;

  /** Writes a group's result into a row of an output vector (null where SQL gives null). */
  public abstract void finish(int group, ColumnVector out, int row);

  /** Bytes of state held per group, for the mapper's memory budget. */
  public abstract int bytesPerGroup();

  /** Bytes held beyond {@link #bytesPerGroup()} (variable-length values such as strings). */
  public long extraBytes() {
    return 0;
  }

  /** Forgets every group. */
  public abstract void clear();

  protected static int capacityFor(int current, int groups) {
    return Math.max(groups, Math.max(16, current + (current >> 1)));
  }

  protected static void setNull(ColumnVector out, int row) {
    out.noNulls = false;
    out.isNull[row] = true;
  }
}
