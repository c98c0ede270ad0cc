package io.lakemr.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Runs a child process with a time limit that holds even when the child hangs: its output goes
 * to files, not pipes, so waiting never blocks on a read; a child still running at the limit is
 * killed and the test fails.
 */
public final class ChildProcess {

  /** A finished child's exit code, standard output and standard error (empty when merged). */
  public record Finished(int exit, String out, String err) {
  }

  private ChildProcess() {
  }

  public static Finished run(ProcessBuilder pb, Duration limit) throws IOException, InterruptedException {
    File out = File.createTempFile("lakemr-child-", ".out");
    File err = File.createTempFile("lakemr-child-", ".err");
    try {
      pb.redirectOutput(out);
      if (!pb.redirectErrorStream()) {
        pb.redirectError(err);
      }
      Process p = pb.start();
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        fail("still running after " + limit + ", killed: " + pb.command() + "\n"
            + Files.readString(out.toPath(), StandardCharsets.UTF_8)
            + Files.readString(err.toPath(), StandardCharsets.UTF_8));
      }
      return new Finished(p.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
          Files.readString(err.toPath(), StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out.toPath());
      Files.deleteIfExists(err.toPath());
    }
  }
}
