package io.lakemr.formats.badrecords;

import java.io.IOException;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a {@link BadRecordPolicy} during one task's read: fails, or counts and skips, or counts
 * and hands each bad record to a sink, and fails early once the task alone has more bad records
 * than the count the policy allows. The job-wide limit, count or share, is checked by the driver
 * from the job's counters ({@link BadRecordLimit}).
 */
public final class BadRecords {

  private static final Logger LOG = LoggerFactory.getLogger(BadRecords.class);

  private final BadRecordPolicy policy;
  private final BadRecordSink sink;
  private final BiConsumer<RecordCounters, Long> counters;
  private long bad;
  private long good;

  /**
   * @param sink receives bad records in {@code quarantine} mode (may be null otherwise)
   * @param counters receives counter increments
   */
  public BadRecords(BadRecordPolicy policy, BadRecordSink sink, BiConsumer<RecordCounters, Long> counters) {
    if (policy.mode() == BadRecordMode.QUARANTINE && sink == null) {
      throw new IllegalArgumentException("bad-records mode quarantine needs a sink");
    }
    this.policy = policy;
    this.sink = sink;
    this.counters = counters;
  }

  /** A handler that fails on the first bad record and counts nothing. */
  public static BadRecords failing() {
    return new BadRecords(BadRecordPolicy.FAIL, null, (c, n) -> { });
  }

  public BadRecordPolicy policy() {
    return policy;
  }

  /**
   * Handles one bad record.
   *
   * @throws BadRecordException in {@code fail} mode, or when this one passes the most allowed
   */
  public void bad(BadRecord record) throws IOException {
    if (policy.mode() == BadRecordMode.FAIL) {
      throw new BadRecordException(record.describe());
    }
    bad++;
    if (bad == 1 && policy.mode() == BadRecordMode.SKIP) {
      LOG.warn("skipping bad records (--bad-records skip); the first of this task: {}", record.describe());
    }
    counters.accept(RecordCounters.RECORDS_BAD, 1L);
    if (policy.mode() == BadRecordMode.QUARANTINE) {
      sink.accept(record);
    }
    if (bad > policy.maxCount()) {
      throw new BadRecordException("more than " + policy.maxCount() + " bad records (max-bad-records); the last: "
          + record.describe());
    }
  }

  /** Counts records read well. */
  public void good(long n) {
    if (n > 0) {
      good += n;
      counters.accept(RecordCounters.RECORDS_READ, n);
    }
  }

  public long badCount() {
    return bad;
  }

  public long goodCount() {
    return good;
  }
}
