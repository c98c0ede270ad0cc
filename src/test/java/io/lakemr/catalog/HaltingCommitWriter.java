package io.lakemr.catalog;

import io.lakemr.formats.AtomicFiles;
import java.io.File;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.hadoop.fs.Path;

/**
 * A writer that dies while writing its commit, in a process of its own:
 * {@code HaltingCommitWriter TABLE_DIR} prepares the table's next commit (an append of one
 * file), writes the first half of it to the temporary file in {@code _lakemr_log/} that
 * {@link AtomicFiles#putIfAbsent} writes before linking it to its number on
 * the local file system, prints that file's path, and halts the JVM as {@code kill -9} would.
 */
public final class HaltingCommitWriter {

  /** The exit code of the halt, that of a process killed by SIGKILL. */
  public static final int HALTED = 137;

  private HaltingCommitWriter() {
  }

  public static void main(String[] args) throws Exception {
    TableLog log = TableLog.open(Tables.conf(), new Path(new File(args[0]).toURI()));
    TableSnapshot base = log.snapshot();
    Map<String, String> partition = new LinkedHashMap<>();
    StringBuilder dir = new StringBuilder();
    for (String c : base.partitionColumns()) {
      partition.put(c, "never");
      dir.append(c).append("=never/");
    }
    PendingCommit pending = base.newCommit(Operation.APPEND)
        .add(new DataFile(dir + "never-committed.parquet", partition, 1, 100));
    long version = base.version() + 1;
    byte[] bytes = LogCodec.writeCommit(pending.toCommit(version, System.currentTimeMillis(), "halted"));
    var temp = Files.createTempFile(new File(args[0], TableLog.LOG_DIR).toPath(),
        AtomicFiles.TEMP_PREFIX + LogListing.commitName(version), "");
    try (FileChannel ch = FileChannel.open(temp, StandardOpenOption.WRITE);
         OutputStream out = Channels.newOutputStream(ch)) {
      out.write(Arrays.copyOf(bytes, bytes.length / 2));
      out.flush();
      ch.force(true);
      System.out.println(temp);
      System.out.flush();
      Runtime.getRuntime().halt(HALTED);
    }
  }
}
