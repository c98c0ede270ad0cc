package io.lakemr.formats;

/**
 * What an input's metadata says before a job reads it, for {@code plan}: its rows, and the
 * units its format stores them in (row groups) with how many of them, and of their rows,
 * pushed-down conjuncts let a job skip.
 *
 * @param rows rows in the files, exact
 * @param units row groups (or the format's own unit) in the files
 * @param unitName the unit's name in messages, plural, e.g. {@code row groups}
 * @param unitsSkipped units the pushed-down conjuncts rule out from their statistics
 * @param rowsSkipped rows of those units
 * @param splitRows rows each of the job's splits reads (skipped units left out), in split
 *     order; empty when the format cannot tell
 */
public record InputFacts(long rows, long units, String unitName, long unitsSkipped, long rowsSkipped,
    long[] splitRows) {

  /** Rows a job reads: those of the units not skipped. */
  public long rowsRead() {
    return rows - rowsSkipped;
  }
}
