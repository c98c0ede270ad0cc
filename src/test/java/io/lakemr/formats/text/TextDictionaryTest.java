package io.lakemr.formats.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.junit.jupiter.api.Test;

class TextDictionaryTest {

  private static String text(BytesColumnVector v, int r) {
    return new String(v.vector[r], v.start[r], v.length[r], StandardCharsets.UTF_8);
  }

  private static void set(TextDictionary d, BytesColumnVector v, int r, String value) {
    // the value sits inside a larger, reused line buffer, as a reader's fields do
    byte[] line = ("xx," + value + ",yy").getBytes(StandardCharsets.UTF_8);
    d.set(v, r, line, 3, line.length - 6);
    Arrays.fill(line, (byte) '#'); // the reader's buffer is reused; the vector must not change
  }

  @Test
  void repeatedValuesShareOneStoredCopy() {
    TextDictionary d = new TextDictionary();
    BytesColumnVector v = new BytesColumnVector(8);
    v.initBuffer();
    String[] values = {"ok", "warn", "ok", "", "fail", "ok", "warn", "st-0001"};
    for (int r = 0; r < values.length; r++) {
      set(d, v, r, values[r]);
    }
    for (int r = 0; r < values.length; r++) {
      assertEquals(values[r], text(v, r));
    }
    assertSame(v.vector[0], v.vector[2]);
    assertEquals(v.start[0], v.start[5]);
    assertEquals(v.start[1], v.start[6]);
  }

  @Test
  void manyDistinctValuesFallBackToCopiesAndEarlierReferencesStayValid() {
    TextDictionary d = new TextDictionary();
    int n = 5000;
    BytesColumnVector v = new BytesColumnVector(n);
    v.initBuffer();
    for (int r = 0; r < n; r++) {
      set(d, v, r, "id-" + r);
    }
    for (int r = 0; r < n; r++) {
      assertEquals("id-" + r, text(v, r));
    }
    assertNotSame(v.vector[0], v.vector[n - 1]);
    BytesColumnVector again = new BytesColumnVector(1);
    again.initBuffer();
    set(d, again, 0, "id-0");
    assertEquals("id-0", text(again, 0));
  }

  @Test
  void longValuesAreCopied() {
    TextDictionary d = new TextDictionary();
    BytesColumnVector v = new BytesColumnVector(2);
    v.initBuffer();
    String longValue = "x".repeat(300);
    set(d, v, 0, longValue);
    set(d, v, 1, longValue);
    assertEquals(longValue, text(v, 0));
    assertEquals(longValue, text(v, 1));
    assertNotEquals(v.start[0], v.start[1]); // two copies, not one stored value
  }
}
