package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The text of a progress line: percent, rows, rate, elapsed time and time left. */
class ProgressLineTest {

  @Test
  void aLineWithEverything() {
    assertEquals("[lakemr convert] map     25%  1,234,567 rows  412k rows/s  0:03 elapsed  0:09 left",
        ProgressLine.format("lakemr convert", "map", 0.25, 1_234_567, 412_345.6, 3_000));
  }

  @Test
  void unknownRowsRateAndTimeLeftAreLeftOutOrMarked() {
    assertEquals("[j] reduce   0%  0:00 elapsed  ? left", ProgressLine.format("j", "reduce", 0, -1, -1, 400));
    assertEquals("[j] map      0%  0 rows  0:02 elapsed  ? left", ProgressLine.format("j", "map", 0.005, 0, -1, 2_000));
  }

  @Test
  void aFinishedStageHasNoTimeLeft() {
    assertEquals("[j] map    100%  5,000 rows  2.50k rows/s  0:02 elapsed",
        ProgressLine.format("j", "map", 1, 5_000, 2_500, 2_000));
  }

  @Test
  void percentRoundsDownSoOnlyDoneIsHundred() {
    assertEquals(99, ProgressLine.percent(0.999));
    assertEquals(100, ProgressLine.percent(1.0));
    assertEquals(67, ProgressLine.percent(0.67f));
    assertEquals(0, ProgressLine.percent(-0.1));
    assertEquals(100, ProgressLine.percent(1.5));
  }

  @Test
  void timeLeftFromTheShareDoneSoFar() {
    assertEquals(-1, ProgressLine.timeLeft(0.005, 60_000), "too little done to say");
    assertEquals(-1, ProgressLine.timeLeft(0.5, 900), "too soon to say");
    assertEquals(30_000, ProgressLine.timeLeft(0.25, 10_000));
    assertEquals(0, ProgressLine.timeLeft(1, 10_000));
  }

  @Test
  void durations() {
    assertEquals("0:00", ProgressLine.duration(999));
    assertEquals("0:59", ProgressLine.duration(59_999));
    assertEquals("12:05", ProgressLine.duration(725_000));
    assertEquals("1:00:00", ProgressLine.duration(3_600_000));
    assertEquals("27:46:40", ProgressLine.duration(100_000_000));
  }

  @Test
  void ratesInThreeFigures() {
    assertEquals("0", ProgressLine.rate(0));
    assertEquals("950", ProgressLine.rate(950.4));
    assertEquals("1.00k", ProgressLine.rate(999.6));
    assertEquals("12.3k", ProgressLine.rate(12_345));
    assertEquals("123k", ProgressLine.rate(123_456));
    assertEquals("4.57M", ProgressLine.rate(4_567_890));
    assertEquals("2.00G", ProgressLine.rate(2e9));
  }
}
