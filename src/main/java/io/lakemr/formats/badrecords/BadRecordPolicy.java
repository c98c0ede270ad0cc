package io.lakemr.formats.badrecords;

/**
 * How bad records are handled: the mode, and how many may be skipped before the read fails
 * anyway, as a count or as a share of the records read.
 *
 * @param mode what to do with each bad record
 * @param maxCount most bad records allowed; {@code Long.MAX_VALUE} for no limit
 * @param maxPercent most bad records allowed as a percentage of records read (checked when
 *     the read ends); a negative value for no limit
 */
public record BadRecordPolicy(BadRecordMode mode, long maxCount, double maxPercent) {

  /** Fail on the first bad record. */
  public static final BadRecordPolicy FAIL = new BadRecordPolicy(BadRecordMode.FAIL, 0, -1);

  public BadRecordPolicy {
    if (maxCount < 0) {
      throw new IllegalArgumentException("most bad records must not be negative: " + maxCount);
    }
    if (maxPercent > 100) {
      throw new IllegalArgumentException("most bad records must be at most 100%: " + maxPercent);
    }
  }

  /**
   * The policy of {@code --bad-records MODE} and {@code --max-bad-records N|N%} (null or empty
   * for no limit).
   *
   * @throws IllegalArgumentException naming the option whose value is wrong
   */
  public static BadRecordPolicy parse(String mode, String max) {
    BadRecordMode m = BadRecordMode.parse(mode);
    if (max == null || max.isBlank()) {
      return new BadRecordPolicy(m, Long.MAX_VALUE, -1);
    }
    String t = max.trim();
    try {
      if (t.endsWith("%")) {
        double p = Double.parseDouble(t.substring(0, t.length() - 1));
        if (!(p >= 0 && p <= 100)) {
          throw new IllegalArgumentException("max-bad-records '" + max + "' is not a percentage from 0% to 100%");
        }
        return new BadRecordPolicy(m, Long.MAX_VALUE, p);
      }
      long n = Long.parseLong(t);
      if (n < 0) {
        throw new IllegalArgumentException("max-bad-records '" + max + "' is negative");
      }
      return new BadRecordPolicy(m, n, -1);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("max-bad-records '" + max + "' is not a count N or a percentage N%", e);
    }
  }

  /** {@code --max-bad-records} as given: {@code N}, {@code N%} or empty for no limit. */
  public String maxText() {
    if (maxPercent >= 0) {
      return (maxPercent == Math.rint(maxPercent) ? Long.toString((long) maxPercent) : Double.toString(maxPercent)) + "%";
    }
    return maxCount == Long.MAX_VALUE ? "" : Long.toString(maxCount);
  }
}
