package io.lakemr.api;

import io.lakemr.publish.OutputTarget;

/** How {@link LakemrOutput#publish} treats an output path that exists, as {@code --mode} says. */
public enum WriteMode {
  /** An existing output is refused when the job is configured (the default). */
  ERROR(OutputTarget.Mode.ERROR),
  /** The old output is replaced, in one step, once the job has succeeded. */
  OVERWRITE(OutputTarget.Mode.OVERWRITE),
  /**
   * Each partition directory the job wrote replaces the one of its name; the others stay as
   * they were. Needs partition columns.
   */
  OVERWRITE_PARTITIONS(OutputTarget.Mode.OVERWRITE_PARTITIONS),
  /** The job's files, named with its job id, are added; nothing is replaced. */
  APPEND(OutputTarget.Mode.APPEND);

  private final OutputTarget.Mode internal;

  WriteMode(OutputTarget.Mode internal) {
    this.internal = internal;
  }

  OutputTarget.Mode internal() {
    return internal;
  }
}
