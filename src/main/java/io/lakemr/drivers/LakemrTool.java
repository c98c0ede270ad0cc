package io.lakemr.drivers;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.Redaction;
import io.lakemr.publish.OutputLockedException;
import io.lakemr.publish.OutputTarget;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every lakemr command shares: exit codes and how failures are told.
 *
 * <p>0 success; 1 the job failed (or the file system failed us); 2 bad usage or bad input found
 * before the job ran; 3 another run is writing the same output. Every failure ends in one line on stderr naming what is wrong; a stack
 * trace goes to the log only.
 */
abstract class LakemrTool extends Configured implements Tool {

  private static final Logger LOG = LoggerFactory.getLogger(LakemrTool.class);

  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;
  static final int EXIT_LOCKED = 3;

  /** The option, taken by every command, that prints where the run's time went ({@link RunTiming}). */
  static final String VERBOSE = "-v";

  /** The command's name, as typed after {@code lakemr}. */
  abstract String name();

  /** The usage text of the command's own options. */
  abstract String usage();

  /** Runs the command; throws on bad input or failure. */
  abstract int execute(String[] args) throws Exception;

  private final List<OutputTarget> targets = new ArrayList<>();
  private Memory memory;
  private PrintStream out = System.out;
  private PrintStream err = System.err;

  /** Where results and summaries go (stdout unless redirected). */
  PrintStream out() {
    return out;
  }

  /** Where progress and errors go (stderr unless redirected). */
  PrintStream err() {
    return err;
  }

  /** Redirects the command's output, for embedding and tests. */
  LakemrTool withStreams(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
    return this;
  }

  /**
   * Prepares the command's output ({@link OutputTarget#prepare}); whatever happens, its lock and
   * heartbeat end with the command, and so do its staging and scratch directories when it
   * stops before publishing.
   */
  OutputTarget prepareOutput(String outputPath, OutputTarget.Mode mode, int partitionColumns, List<String> inputs)
      throws IOException {
    OutputTarget target = OutputTarget.prepare(getConf(), outputPath, mode, partitionColumns, inputs, name(), err());
    targets.add(target);
    return target;
  }

  /** Peak live heap of this JVM since the command started (local runs run their tasks here). */
  long peakLiveHeapBytes() {
    return memory == null ? 0 : memory.peakLiveBytes();
  }

  @Override
  public final int run(String[] givenArgs) {
    RunTiming.begin();
    boolean timing = RunTiming.requestedByEnvironment() || Arrays.asList(givenArgs).contains(VERBOSE);
    String[] args = Arrays.stream(givenArgs).filter(a -> !a.equals(VERBOSE)).toArray(String[]::new);
    try {
      return runCommand(args);
    } finally {
      if (timing) {
        RunTiming.print(name(), err());
      }
    }
  }

  private int runCommand(String[] args) {
    memory = Memory.watch();
    Redaction redaction = Redaction.of(getConf());
    withStreams(redaction.printStream(out), redaction.printStream(err));
    for (String a : args) {
      if (a.equals("--help") || a.equals("-h")) {
        out().println(usage());
        ToolRunner.printGenericCommandUsage(out());
        return EXIT_OK;
      }
    }
    try {
      return execute(args);
    } catch (OutputLockedException e) {
      err().println("lakemr " + name() + ": " + e.getMessage());
      return EXIT_LOCKED;
    } catch (BadInputException e) {
      err().println("lakemr " + name() + ": " + e.getMessage());
      err().println("(lakemr " + name() + " --help shows the options)");
      return EXIT_USAGE;
    } catch (JobFailedException e) {
      err().println("lakemr " + name() + ": " + e.getMessage());
      return EXIT_FAILED;
    } catch (IOException e) {
      LOG.debug("{} failed", name(), e);
      err().println("lakemr " + name() + ": " + e.getMessage());
      return EXIT_FAILED;
    } catch (UncheckedIOException e) {
      LOG.debug("{} failed", name(), e);
      err().println("lakemr " + name() + ": " + e.getMessage());
      return EXIT_FAILED;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      err().println("lakemr " + name() + ": interrupted");
      return EXIT_FAILED;
    } catch (Exception e) {
      LOG.error("{} failed", name(), e);
      err().println("lakemr " + name() + ": failed: " + e);
      return EXIT_FAILED;
    } finally {
      closeTargets();
    }
  }

  private void closeTargets() {
    for (OutputTarget t : targets) {
      try {
        t.discard();
      } catch (IOException | RuntimeException e) {
        LOG.warn("could not release the output {}", t.output(), e);
      }
    }
    targets.clear();
  }
}
