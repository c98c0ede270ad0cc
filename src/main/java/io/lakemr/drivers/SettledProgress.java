package io.lakemr.drivers;

/**
 * A stage's progress, with a reported 1 taken only once it is true. The local job runner
 * reports all maps (or all reduces) done the moment any one task of them finishes, until a
 * running task next sends its status (every few seconds, {@code mapreduce.task.progress-report.interval}):
 * so a reported 1 stands once the caller knows the stage ended, or once it has held for the
 * settling time; until then the last value below 1 is shown. With no settling time (a cluster,
 * whose progress is right), what is reported is shown.
 */
final class SettledProgress {

  private final long settleMs;
  private float shown;
  private long oneSince = -1;

  SettledProgress(long settleMs) {
    this.settleMs = settleMs;
  }

  /**
   * The progress to show for a reported one.
   *
   * @param ended whether the stage is known to have ended (the job completed, the next stage began)
   * @param nowMs the clock, in milliseconds
   */
  float update(float reported, boolean ended, long nowMs) {
    if (reported < 1f) {
      oneSince = -1;
      shown = reported;
    } else if (ended || settleMs <= 0) {
      shown = 1f;
    } else {
      if (oneSince < 0) {
        oneSince = nowMs;
      }
      if (nowMs - oneSince >= settleMs) {
        shown = 1f;
      }
    }
    return shown;
  }
}
