package io.lakemr.formats.output;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.column.ParquetProperties;
import org.apache.parquet.hadoop.ParquetOutputFormat;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;

/**
 * The settings a Parquet output file is written with, read once from a job configuration.
 *
 * @param codec the compression codec, from {@link LakemrConfig#OUTPUT_PARQUET_CODEC}
 * @param rowGroupBytes target row-group size, from parquet's own {@code parquet.block.size}
 * @param pageBytes target page size, from {@code parquet.page.size}
 * @param pageRows most rows in a page, from {@code parquet.page.row.count.limit}: the column
 *     indexes' grain, which readers skip pages by
 * @param dictionary whether dictionary encoding is on, from {@code parquet.enable.dictionary}
 * @param bloomColumns columns written with a bloom filter, from
 *     {@link LakemrConfig#OUTPUT_PARQUET_BLOOM_COLUMNS}
 */
public record ParquetWriteOptions(CompressionCodecName codec, long rowGroupBytes, int pageBytes,
    int pageRows, boolean dictionary, List<String> bloomColumns) {

  /**
   * Reads the options from a configuration.
   *
   * @throws BadInputException naming {@link LakemrConfig#OUTPUT_PARQUET_CODEC} for an unknown
   *     codec
   */
  public static ParquetWriteOptions from(Configuration conf) {
    return new ParquetWriteOptions(
        codec(conf.get(LakemrConfig.OUTPUT_PARQUET_CODEC, LakemrConfig.OUTPUT_PARQUET_CODEC_DEFAULT)),
        conf.getLong(ParquetOutputFormat.BLOCK_SIZE, ParquetWriter.DEFAULT_BLOCK_SIZE),
        conf.getInt(ParquetOutputFormat.PAGE_SIZE, ParquetWriter.DEFAULT_PAGE_SIZE),
        conf.getInt(ParquetOutputFormat.PAGE_ROW_COUNT_LIMIT, ParquetProperties.DEFAULT_PAGE_ROW_COUNT_LIMIT),
        conf.getBoolean(ParquetOutputFormat.ENABLE_DICTIONARY,
            ParquetWriter.DEFAULT_IS_DICTIONARY_ENABLED),
        List.copyOf(conf.getTrimmedStringCollection(LakemrConfig.OUTPUT_PARQUET_BLOOM_COLUMNS)));
  }

  /**
   * The codec a user named, ignoring case; {@code none} means uncompressed.
   *
   * @throws BadInputException for an unknown name
   */
  public static CompressionCodecName codec(String name) {
    String n = name == null ? "" : name.trim().toUpperCase(Locale.ROOT);
    if (n.equals("NONE")) {
      return CompressionCodecName.UNCOMPRESSED;
    }
    for (CompressionCodecName c : CompressionCodecName.values()) {
      if (c.name().equals(n)) {
        return c;
      }
    }
    StringJoiner known = new StringJoiner(", ");
    for (CompressionCodecName c : CompressionCodecName.values()) {
      known.add(c.name().toLowerCase(Locale.ROOT));
    }
    throw new BadInputException(LakemrConfig.OUTPUT_PARQUET_CODEC + ": unknown codec '" + name
        + "' (known: " + known + ")");
  }
}
