package io.lakemr.tasks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.zip.DataFormatException;
import org.junit.jupiter.api.Test;

/** The one line a failed task leaves for the driver. */
class TaskFailuresTest {

  @Test
  void causesAWrapperAlreadyToldAddNothing() {
    IOException e = new IOException("f.h5: chunk [0]: bad deflate data: incorrect data check",
        new IllegalStateException("bad deflate data: incorrect data check",
            new DataFormatException("incorrect data check")));
    assertEquals("f.h5: chunk [0]: bad deflate data: incorrect data check", TaskFailures.describe(e));
  }

  @Test
  void aCauseWithNewsKeepsItsClassNameUnlessItIsOurs() {
    IOException e = new IOException("Can not read row group 0 of column v in file f.parquet",
        new IllegalArgumentException("negative page size"));
    assertEquals("Can not read row group 0 of column v in file f.parquet: IllegalArgumentException: negative page size",
        TaskFailures.describe(e));
    assertEquals("outer: inner", TaskFailures.describe(new IOException("outer", new IOException("inner"))));
    assertEquals("NullPointerException", TaskFailures.describe(new NullPointerException()));
  }

  @Test
  void severalLinesBecomeOne() {
    assertEquals("first second", TaskFailures.describe(new IOException("first\n  second")));
  }
}
