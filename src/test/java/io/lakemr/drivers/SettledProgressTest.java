package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A reported 1 is shown once the stage is known to have ended or it held for the settling time. */
class SettledProgressTest {

  @Test
  void aPassingOneIsNotShown() {
    SettledProgress p = new SettledProgress(10_000);
    assertEquals(0.25f, p.update(0.25f, false, 0));
    assertEquals(0.25f, p.update(1f, false, 1_000), "one map task finished: the local runner says 1");
    assertEquals(0.5f, p.update(0.5f, false, 3_000));
    assertEquals(0.5f, p.update(1f, false, 4_000));
    assertEquals(0.5f, p.update(1f, false, 13_999));
    assertEquals(1f, p.update(1f, false, 14_000), "held for the settling time");
  }

  @Test
  void aKnownEndIsShownAtOnce() {
    SettledProgress p = new SettledProgress(10_000);
    assertEquals(0.9f, p.update(0.9f, false, 0));
    assertEquals(1f, p.update(1f, true, 10));
  }

  @Test
  void withoutSettlingWhatIsReportedIsShown() {
    SettledProgress p = new SettledProgress(0);
    assertEquals(1f, p.update(1f, false, 0));
    assertEquals(0.5f, p.update(0.5f, false, 1));
  }
}
