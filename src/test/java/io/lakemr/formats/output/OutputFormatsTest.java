package io.lakemr.formats.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lakemr.conf.BadInputException;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;

class OutputFormatsTest {

  @Test
  void parsesNamesIgnoringCase() {
    assertEquals(OutputFormats.PARQUET, OutputFormats.parse("parquet"));
    assertEquals(OutputFormats.CSV, OutputFormats.parse(" CSV "));
    assertEquals("parquet", OutputFormats.PARQUET.extension());
    assertEquals("csv", OutputFormats.CSV.extension());
  }

  @Test
  void unknownFormatNamesTheOption() {
    BadInputException e = assertThrows(BadInputException.class, () -> OutputFormats.parse("orc"));
    assertEquals("--output-format: unknown format 'orc' (known: parquet, csv, jsonl, avro)", e.getMessage());
  }

  @Test
  void unknownCodecNamesTheKey() {
    assertEquals(CompressionCodecName.UNCOMPRESSED,
        ParquetWriteOptions.codec("none"));
    assertEquals(CompressionCodecName.ZSTD,
        ParquetWriteOptions.codec("Zstd"));
    BadInputException e = assertThrows(BadInputException.class,
        () -> ParquetWriteOptions.codec("zip"));
    assertEquals(true, e.getMessage().startsWith("lakemr.output.parquet.codec: unknown codec 'zip'"));
  }

  @Test
  void compressionsAreCheckedWithTheMessagesUsersKnow() {
    assertEquals("zstd", OutputFormats.PARQUET.checkCompression(" ZSTD "));
    assertEquals("snappy", OutputFormats.AVRO.defaultCompression());
    assertEquals("null", OutputFormats.AVRO.checkCompression("null"));
    assertEquals("none", OutputFormats.CSV.checkCompression("none"));
    assertEquals("--compression: Parquet output takes snappy, zstd, gzip or none, not 'lz4'",
        assertThrows(BadInputException.class, () -> OutputFormats.PARQUET.checkCompression("lz4")).getMessage());
    assertEquals("--compression: Avro output takes snappy, deflate or none, not 'zstd'",
        assertThrows(BadInputException.class, () -> OutputFormats.AVRO.checkCompression("zstd")).getMessage());
    assertEquals("--compression: jsonl output is written uncompressed; only 'none' is accepted, not 'gzip'",
        assertThrows(BadInputException.class, () -> OutputFormats.JSONL.checkCompression("gzip")).getMessage());
  }

  @Test
  void namesAndExtensionsAreUnique() {
    assertEquals(OutputFormats.ALL.size(), OutputFormats.names().stream().distinct().count());
    assertEquals(OutputFormats.ALL.size(), OutputFormats.ALL.stream().map(OutputFormatDescriptor::extension)
        .distinct().count());
  }
}
