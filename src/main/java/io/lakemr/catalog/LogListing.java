package io.lakemr.catalog;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** What one listing of {@code _lakemr_log/} found: the commit and checkpoint numbers, ascending. */
record LogListing(List<Long> commits, List<Long> checkpoints) {

  private static final Pattern COMMIT = Pattern.compile("(\\d{20})\\.json");
  private static final Pattern CHECKPOINT = Pattern.compile("(\\d{20})\\.checkpoint\\.json");

  /** Lists a log directory; a missing one holds nothing. */
  static LogListing of(FileSystem fs, Path logDir) throws IOException {
    FileStatus[] children;
    try {
      children = fs.listStatus(logDir);
    } catch (FileNotFoundException e) {
      return new LogListing(List.of(), List.of());
    }
    List<Long> commits = new ArrayList<>();
    List<Long> checkpoints = new ArrayList<>();
    for (FileStatus s : children) {
      String name = s.getPath().getName();
      Matcher m = COMMIT.matcher(name);
      if (m.matches()) {
        commits.add(Long.parseLong(m.group(1)));
        continue;
      }
      m = CHECKPOINT.matcher(name);
      if (m.matches()) {
        checkpoints.add(Long.parseLong(m.group(1)));
      }
    }
    Collections.sort(commits);
    Collections.sort(checkpoints);
    return new LogListing(commits, checkpoints);
  }

  /** The latest commit number, 0 when there is none. */
  long latest() {
    return commits.isEmpty() ? 0 : commits.get(commits.size() - 1);
  }

  static String commitName(long version) {
    return String.format("%020d.json", version);
  }

  static String checkpointName(long version) {
    return String.format("%020d.checkpoint.json", version);
  }
}
