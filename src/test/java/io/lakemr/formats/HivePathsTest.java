package io.lakemr.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HivePathsTest {

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "ok|ok",
      "a/b|a%2Fb",
      "a=b|a%3Db",
      "100%|100%25",
      "..|..",
      "c:\\x|c%3A%5Cx",
      "it's|it%27s",
      "~\"q\"~|%22q%22",
      "#?*|%23%3F%2A",
      "{[]^}|%7B%5B%5D%5E}",
      "é ü 日本|é ü 日本",
      "a b|a b",
  })
  void escapesAsHiveDoes(String value, String escaped) {
    assertEquals(escaped, HivePaths.escape(value));
    assertEquals(value, HivePaths.unescape(escaped));
  }

  @Test
  void controlCharactersAndDelete() {
    assertEquals("a%0Ab%09c%7F", HivePaths.escape("a\nb\tc\u007F"));
    assertEquals("a\nb\tc\u007F", HivePaths.unescape("a%0Ab%09c%7F"));
  }

  @Test
  void nullAndEmptyAreTheDefaultPartition() {
    assertEquals(HivePaths.DEFAULT_PARTITION_NAME, HivePaths.escape(null));
    assertEquals(HivePaths.DEFAULT_PARTITION_NAME, HivePaths.escape(""));
    assertNull(HivePaths.unescape(HivePaths.DEFAULT_PARTITION_NAME));
    assertEquals("status=" + HivePaths.DEFAULT_PARTITION_NAME, HivePaths.directoryName("status", null));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "..", "../..", "a/../../b", "/etc/passwd", "x=y/z", "%2F"})
  void escapedNameIsOneSafePathComponent(String value) {
    String name = HivePaths.escape(value);
    assertFalse(name.contains("/"), name);
    assertEquals(value, HivePaths.unescape(name));
  }

  @Test
  void malformedPercentIsKept() {
    assertEquals("100%", HivePaths.unescape("100%"));
    assertEquals("%zz", HivePaths.unescape("%zz"));
    assertEquals("é", HivePaths.unescape("%C3%A9"));
  }
}
