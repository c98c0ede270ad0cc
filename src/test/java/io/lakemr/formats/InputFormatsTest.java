package io.lakemr.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.conf.BadInputException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InputFormatsTest {

  @Test
  void everyRegisteredFormatIsFoundByItsName() {
    Set<String> seen = new HashSet<>();
    for (InputFormatDescriptor f : InputFormats.ALL) {
      assertTrue(seen.add(f.name()), "name registered twice: " + f.name());
      assertSame(f, InputFormats.byName(" " + f.name().toUpperCase() + " "));
      for (String suffix : f.suffixes()) {
        assertSame(f, InputFormats.byFileName("x" + suffix.toUpperCase()));
      }
    }
    assertEquals(List.of("parquet", "hdf5", "zarr", "csv", "jsonl", "avro"), InputFormats.names());
    assertEquals("csv", InputFormats.byFileName("a.tsv.bz2").name());
    assertEquals("jsonl", InputFormats.byFileName("a.ndjson.zst").name());
  }

  @Test
  void anUnknownNameListsTheRegisteredOnes() {
    BadInputException e = assertThrows(BadInputException.class, () -> InputFormats.byName("orc"));
    assertEquals("--format: unknown input format 'orc' (known: " + String.join(", ", InputFormats.names()) + ")",
        e.getMessage());
    assertNull(InputFormats.byFileName("notes.txt"));
  }

  @Test
  void optionsBelongToTheFormatsThatDeclareThem() {
    assertEquals(Set.of("dataset", "columns", "layout", "schema", "schema-file", "sample-rows", "timestamp-format",
        "max-line-bytes", "bad-records", "max-bad-records", "header", "delimiter", "quote", "escape", "null-value",
        "comment", "encoding", "multiline"), InputFormats.optionNames());
    assertEquals("HDF5 or Zarr", InputFormats.formatsTaking("dataset"));
    assertEquals("CSV", InputFormats.formatsTaking("delimiter"));
  }
}
