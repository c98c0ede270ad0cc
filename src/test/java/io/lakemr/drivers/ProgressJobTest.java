package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.conf.LakemrConfig;
import io.lakemr.testing.LocalJobs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The progress real local jobs print on stderr in each mode: plain lines with each stage's
 * first and last line and its rows, one rewritten line per stage at a terminal, none when off,
 * and a bad mode refused before any job runs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProgressJobTest {

  @TempDir
  static Path tmp;
  private Path sample;

  @BeforeAll
  void setUp() throws Exception {
    sample = tmp.resolve("sample");
    Commands.Result r = run("plain", "generate", "--rows", "5000", "--files", "2", "--output", sample.toString());
    List<String> lines = progressLines(r.err(), "[lakemr generate] map ");
    assertTrue(lines.size() >= 2, "a first and a last line: " + r.err());
    assertTrue(lines.get(0).matches("\\[lakemr generate\\] map +\\d+%.* elapsed.*"), lines.get(0));
    assertTrue(lines.get(lines.size() - 1).startsWith("[lakemr generate] map    100%  5,000 rows  "), r.err());
    assertTrue(r.err().contains("submitted as job_local"), r.err());
  }

  private Commands.Result run(String mode, String command, String... args) throws Exception {
    Configuration conf = LocalJobs.conf(tmp);
    conf.set(LakemrConfig.PROGRESS, mode);
    Commands.Result r = Commands.run(conf, command, args);
    assertEquals(0, r.exitCode(), r.toString());
    return r;
  }

  private static List<String> progressLines(String err, String prefix) {
    return err.lines().filter(l -> l.startsWith(prefix)).toList();
  }

  @Test
  void plainLinesOfBothStagesWithTheirRows() throws Exception {
    Commands.Result r = run("plain", "convert", "--input", sample.toString(), "--output",
        tmp.resolve("plain").toString(), "--partition-by", "status");
    List<String> map = progressLines(r.err(), "[lakemr convert] map ");
    List<String> reduce = progressLines(r.err(), "[lakemr convert] reduce ");
    assertFalse(map.isEmpty() || reduce.isEmpty(), r.err());
    assertTrue(map.get(map.size() - 1).startsWith("[lakemr convert] map    100%  5,000 rows  "), r.err());
    assertTrue(reduce.get(reduce.size() - 1).startsWith("[lakemr convert] reduce 100%  5,000 rows  "), r.err());
    String err = r.err();
    assertTrue(err.indexOf(map.get(map.size() - 1)) < err.indexOf(reduce.get(0)), "map before reduce:\n" + err);
    assertFalse(err.contains("\r"), "no rewriting in plain mode");
  }

  @Test
  void terminalRewritesOneLinePerStage() throws Exception {
    Commands.Result r = run("tty", "convert", "--input", sample.toString(), "--output",
        tmp.resolve("tty").toString(), "--partition-by", "status");
    // String.lines() would split at the carriage returns too
    List<String> stages = Arrays.stream(r.err().split("\n")).filter(l -> l.startsWith("\r[lakemr convert] ")).toList();
    assertEquals(2, stages.size(), "a map and a reduce line:\n" + r.err().replace("\r", "\\r"));
    for (String line : stages) {
      String[] draws = line.split("\r");
      String last = draws[draws.length - 1];
      assertTrue(last.contains(" 100%  5,000 rows  ") && last.endsWith(" elapsed" + ProgressDisplay.CLEAR_TO_END),
          "each stage ends at 100% with its rows: " + last);
    }
    assertTrue(stages.get(0).contains("] map ") && stages.get(1).contains("] reduce "), r.err());
  }

  @Test
  void offPrintsNoProgress() throws Exception {
    Commands.Result r = run("off", "generate", "--rows", "100", "--output", tmp.resolve("off").toString());
    assertTrue(r.err().contains("submitted as job_local"), r.err());
    assertFalse(r.err().contains("[lakemr generate] map"), r.err());
  }

  @Test
  void aBadModeIsRefusedBeforeTheJob() throws Exception {
    Configuration conf = LocalJobs.conf(tmp);
    conf.set(LakemrConfig.PROGRESS, "fancy");
    Path out = tmp.resolve("bad");
    Commands.Result r = Commands.run(conf, "generate", "--rows", "100", "--output", out.toString());
    assertEquals(2, r.exitCode(), r.toString());
    assertTrue(r.err().contains("lakemr.progress=fancy: not a progress mode"), r.err());
    assertFalse(r.err().contains("submitted as"), r.err());
    assertFalse(Files.exists(out), "nothing written");
  }
}
