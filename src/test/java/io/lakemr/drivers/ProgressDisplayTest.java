package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.conf.BadInputException;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What {@link ProgressDisplay} prints for a sequence of updates on a clock the test moves: a
 * terminal line rewritten at most every {@value ProgressDisplay#TTY_REFRESH_MS} ms and ended by
 * a newline with its stage, plain lines at most every interval with the first and last of each
 * stage, nothing when off; and how the mode is chosen.
 */
class ProgressDisplayTest {

  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private long now = 1_000_000;

  private ProgressDisplay display(ProgressDisplay.Mode mode) {
    return new ProgressDisplay("j", mode, 5_000, () -> now, out);
  }

  private String printed() {
    return bytes.toString(StandardCharsets.UTF_8);
  }

  @Test
  void plainPrintsFirstLineThenAtMostEveryIntervalThenLastLine() {
    ProgressDisplay d = display(ProgressDisplay.Mode.PLAIN);
    d.update("map", 0, 0); // first line
    for (int i = 1; i <= 100; i++) { // 10 s of polls every 100 ms, moving every poll
      now += 100;
      d.update("map", i / 200.0, i % 10 == 0 ? i * 1000L : -1);
    }
    now += 100;
    d.update("map", 1, 150_000);
    d.endStage();
    List<String> lines = printed().lines().toList();
    assertEquals(List.of(
        "[j] map      0%  0 rows  0:00 elapsed  ? left",
        "[j] map     25%  50,000 rows  10.0k rows/s  0:05 elapsed  0:15 left",
        "[j] map     50%  100,000 rows  10.0k rows/s  0:10 elapsed  0:10 left",
        "[j] map    100%  150,000 rows  14.9k rows/s  0:10 elapsed"), lines);
  }

  @Test
  void plainPrintsNothingNewWhenNothingMoved() {
    ProgressDisplay d = display(ProgressDisplay.Mode.PLAIN);
    d.update("map", 0.5, 10);
    now += 60_000;
    d.update("map", 0.5, 10);
    d.endStage();
    assertEquals(1, printed().lines().count(), printed());
  }

  @Test
  void aNewPhaseEndsTheStageBeforeAndRestartsTheClock() {
    ProgressDisplay d = display(ProgressDisplay.Mode.PLAIN);
    d.update("map", 0, 0);
    now += 2_000;
    d.update("map", 1, 4_000);
    now += 3_000;
    d.update("reduce", 0.1, 0);
    d.endStage();
    d.endStage(); // ended already: nothing more
    assertEquals(List.of(
        "[j] map      0%  0 rows  0:00 elapsed  ? left",
        "[j] map    100%  4,000 rows  2.00k rows/s  0:02 elapsed",
        "[j] reduce  10%  0 rows  0:00 elapsed  ? left"), printed().lines().toList());
  }

  @Test
  void terminalRewritesOneLineAtMostEveryRefreshAndEndsItWithANewline() {
    ProgressDisplay d = display(ProgressDisplay.Mode.TTY);
    d.update("map", 0, 0);
    for (int i = 1; i <= 10; i++) { // 1 s of polls every 100 ms
      now += 100;
      d.update("map", i / 20.0, i * 100L);
    }
    d.endStage();
    d.update("reduce", 0.5, 10);
    d.endStage();
    String s = printed();
    String[] lines = s.split("\n", -1);
    assertEquals(3, lines.length, "one line per stage, each ended: " + s.replace("\r", "\\r"));
    assertEquals("", lines[2]);
    // the first draw, then one each 300 ms (the first poll past 250 ms), then the last state
    String[] draws = lines[0].split("\r", -1);
    assertEquals("", draws[0]);
    assertEquals(List.of("[j] map      0%  0 rows  0:00 elapsed  ? left",
        "[j] map     15%  300 rows  0:00 elapsed  ? left",
        "[j] map     30%  600 rows  0:00 elapsed  ? left",
        "[j] map     45%  900 rows  0:00 elapsed  ? left",
        "[j] map     50%  1,000 rows  1.00k rows/s  0:01 elapsed  0:01 left"),
        List.of(draws).subList(1, draws.length).stream().map(l -> l.replace(ProgressDisplay.CLEAR_TO_END, "")).toList());
    assertTrue(lines[0].endsWith(ProgressDisplay.CLEAR_TO_END), lines[0]);
    assertTrue(lines[1].startsWith("\r[j] reduce  50%"), lines[1]);
  }

  @Test
  void terminalLinesAreCutShortOfTheColumns() {
    ProgressDisplay d = new ProgressDisplay("lakemr aggregate (distinct stage)", ProgressDisplay.Mode.TTY, 5_000,
        () -> now, out).columns("60");
    d.update("reduce", 0.5, 12_345_678);
    d.endStage();
    String line = printed().split("\n")[0];
    assertEquals("\r[lakemr aggregate (distinct stage)] reduce  50%  12,345,678"
        + ProgressDisplay.CLEAR_TO_END, line);
    assertEquals(59, line.length() - 1 - ProgressDisplay.CLEAR_TO_END.length());
    ProgressDisplay unset = new ProgressDisplay("x".repeat(100), ProgressDisplay.Mode.TTY, 5_000, () -> now, out)
        .columns("wide");
    bytes.reset();
    unset.update("map", 0, 0);
    assertEquals("\r[" + "x".repeat(ProgressDisplay.TERMINAL_COLUMNS_DEFAULT - 2) + ProgressDisplay.CLEAR_TO_END,
        printed(), "not a number: the default columns");
  }

  @Test
  void offPrintsNothing() {
    ProgressDisplay d = display(ProgressDisplay.Mode.OFF);
    d.update("map", 0.5, 10);
    now += 10_000;
    d.update("reduce", 1, 20);
    d.endStage();
    assertEquals("", printed());
  }

  @Test
  void modeFromTheKeyTheEnvironmentAndTheTerminal() {
    assertEquals(ProgressDisplay.Mode.TTY, ProgressDisplay.mode("auto", null, true));
    assertEquals(ProgressDisplay.Mode.PLAIN, ProgressDisplay.mode("auto", null, false));
    assertEquals(ProgressDisplay.Mode.PLAIN, ProgressDisplay.mode("auto", "plain", true));
    assertEquals(ProgressDisplay.Mode.TTY, ProgressDisplay.mode("auto", "TTY", false));
    assertEquals(ProgressDisplay.Mode.OFF, ProgressDisplay.mode("off", "tty", true), "the key set wins");
    assertEquals(ProgressDisplay.Mode.PLAIN, ProgressDisplay.mode("Plain", null, true));
    BadInputException e = assertThrows(BadInputException.class, () -> ProgressDisplay.mode("fancy", null, true));
    assertTrue(e.getMessage().contains("lakemr.progress=fancy"), e.getMessage());
    e = assertThrows(BadInputException.class, () -> ProgressDisplay.mode("auto", "loud", true));
    assertTrue(e.getMessage().contains("LAKEMR_PROGRESS=loud"), e.getMessage());
  }
}
