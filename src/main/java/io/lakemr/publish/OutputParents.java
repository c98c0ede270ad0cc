package io.lakemr.publish;

import io.lakemr.conf.BadInputException;
import java.io.FileNotFoundException;
import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Refuses, before anything is created, an output path that cannot become a directory because
 * a regular file stands where one of its parent directories would be: found on the client,
 * not as a failed job.
 */
final class OutputParents {

  private OutputParents() {
  }

  /**
   * Checks the nearest existing ancestor of the output path is a directory.
   *
   * @throws BadInputException naming the output and the file in its way
   */
  static void check(Configuration conf, String outputPath) throws IOException {
    Path p = new Path(outputPath);
    FileSystem fs = p.getFileSystem(conf);
    Path output = fs.makeQualified(p);
    for (Path a = output.getParent(); a != null; a = a.getParent()) {
      FileStatus status;
      try {
        status = fs.getFileStatus(a);
      } catch (FileNotFoundException e) {
        continue;
      }
      if (!status.isDirectory()) {
        throw new BadInputException("--output: " + output + " lies below " + a
            + ", which is a file, not a directory");
      }
      return;
    }
  }
}
