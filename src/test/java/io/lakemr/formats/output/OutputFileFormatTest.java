package io.lakemr.formats.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lakemr.conf.BadInputException;
import org.junit.jupiter.api.Test;

class OutputFileFormatTest {

  @Test
  void parsesNamesIgnoringCase() {
    assertEquals(OutputFileFormat.PARQUET, OutputFileFormat.parse("parquet"));
    assertEquals(OutputFileFormat.CSV, OutputFileFormat.parse(" CSV "));
    assertEquals("parquet", OutputFileFormat.PARQUET.extension());
    assertEquals("csv", OutputFileFormat.CSV.extension());
  }

  @Test
  void unknownFormatNamesTheOption() {
    BadInputException e = assertThrows(BadInputException.class, () -> OutputFileFormat.parse("orc"));
    assertEquals("--output-format: unknown format 'orc' (known: parquet, csv, jsonl, avro)", e.getMessage());
  }

  @Test
  void unknownCodecNamesTheKey() {
    assertEquals(org.apache.parquet.hadoop.metadata.CompressionCodecName.UNCOMPRESSED,
        ParquetWriteOptions.codec("none"));
    assertEquals(org.apache.parquet.hadoop.metadata.CompressionCodecName.ZSTD,
        ParquetWriteOptions.codec("Zstd"));
    BadInputException e = assertThrows(BadInputException.class,
        () -> ParquetWriteOptions.codec("zip"));
    assertEquals(true, e.getMessage().startsWith("lakemr.output.parquet.codec: unknown codec 'zip'"));
  }
}
