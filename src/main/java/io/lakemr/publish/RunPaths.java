package io.lakemr.publish;

import org.apache.hadoop.fs.Path;

/**
 * The hidden paths one run keeps beside its output {@code DIR/NAME}, all named with the run's
 * id: staging {@code .lakemr-staging-NAME-ID} (the final job's committer writes there),
 * scratch {@code .lakemr-scratch-NAME-ID} (intermediate stages, task failure notes and the
 * run's lease), old {@code .lakemr-old-NAME-ID} (what publishing moves aside) and the commit
 * marker {@code .lakemr-commit-NAME-ID}. Names starting with {@code .} are never read as input.
 */
record RunPaths(Path output, String id) {

  static final String STAGING = ".lakemr-staging-";
  static final String SCRATCH = ".lakemr-scratch-";
  static final String OLD = ".lakemr-old-";

  /** The lease file's name inside the scratch directory. */
  static final String LEASE = "_lease";

  Path staging() {
    return sibling(STAGING);
  }

  Path scratch() {
    return sibling(SCRATCH);
  }

  Path old() {
    return sibling(OLD);
  }

  Path marker() {
    return sibling(Publication.MARKER_PREFIX);
  }

  /** The run's lease: its modification time is the run's heartbeat. */
  Path lease() {
    return new Path(scratch(), LEASE);
  }

  private Path sibling(String prefix) {
    return new Path(output.getParent(), prefix + output.getName() + "-" + id);
  }

  /**
   * The run id in the name of a path beside {@code output} that starts with {@code prefix},
   * or null when the name is not one of this output's (another output's name may start the
   * same way).
   */
  static String idOf(Path output, String prefix, String name) {
    String start = prefix + output.getName() + "-";
    if (!name.startsWith(start)) {
      return null;
    }
    String id = name.substring(start.length());
    return id.matches("[0-9a-f]{8}") ? id : null;
  }
}
