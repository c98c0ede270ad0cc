package io.lakemr.drivers;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.util.ToolRunner;

/** Runs lakemr commands in this JVM, as the command line would, and keeps what they print. */
public final class Commands {

  /** A command's exit code and what it printed. */
  public record Result(int exitCode, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  private Commands() {
  }

  public static Result run(Configuration conf, String command, String... args) throws Exception {
    LakemrTool tool = Main.COMMANDS.get(command).get();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
         PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
      tool.withStreams(o, e);
      int rc = ToolRunner.run(new Configuration(conf), tool, args);
      return new Result(rc, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
  }
}
