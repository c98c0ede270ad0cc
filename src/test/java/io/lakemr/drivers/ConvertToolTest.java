package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.conf.BadInputException;
import org.junit.jupiter.api.Test;

/** {@code --target-file-size} values: bytes, or binary k, m, g multiples; anything else refused by name. */
class ConvertToolTest {

  @Test
  void sizesInBytesOrWithSuffixes() {
    assertEquals(100, ConvertTool.parseSize("target-file-size", "100"));
    assertEquals(1024, ConvertTool.parseSize("target-file-size", "1k"));
    assertEquals(256L << 20, ConvertTool.parseSize("target-file-size", "256m"));
    assertEquals(256L << 20, ConvertTool.parseSize("target-file-size", ConvertTool.TARGET_FILE_SIZE_DEFAULT));
    assertEquals(2L << 30, ConvertTool.parseSize("target-file-size", " 2G "));
    assertEquals(1_000_000, ConvertTool.parseSize("target-file-size", "1_000_000"));
  }

  @Test
  void otherSizesAreRefusedNamingTheOption() {
    for (String bad : new String[] {"", "m", "12x", "1.5g", "0", "-1k", "9999999999g"}) {
      BadInputException e = assertThrows(BadInputException.class, () -> ConvertTool.parseSize("target-file-size", bad),
          bad);
      assertTrue(e.getMessage().startsWith("--target-file-size: '" + bad + "'"), e.getMessage());
    }
  }
}
