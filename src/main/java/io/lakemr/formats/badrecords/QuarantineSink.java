package io.lakemr.formats.badrecords;

import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * Writes quarantined records as JSON Lines ({@link BadRecord#toJson()}) to one file, made when
 * the first record comes: under a task attempt's work directory, so the output committer
 * publishes it with the task's other output, and a failed attempt leaves nothing.
 */
public final class QuarantineSink implements BadRecordSink, Closeable {

  /** The directory of the output that holds quarantined records. */
  public static final String DIRECTORY = "_bad_records";

  private final Configuration conf;
  private final Path file;
  private OutputStream out;

  /** @param file the file to make on the first record */
  public QuarantineSink(Configuration conf, Path file) {
    this.conf = conf;
    this.file = file;
  }

  @Override
  public void accept(BadRecord record) throws IOException {
    if (out == null) {
      out = file.getFileSystem(conf).create(file, false);
    }
    out.write((record.toJson() + "\n").getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void close() throws IOException {
    if (out != null) {
      out.close();
      out = null;
    }
  }
}
