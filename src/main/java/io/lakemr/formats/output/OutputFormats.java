package io.lakemr.formats.output;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import java.util.List;

/**
 * The registry of output formats: one line per format, listed in {@link #ALL}. Adding an output
 * format adds its writer and one line here.
 */
public final class OutputFormats {

  public static final OutputFormatDescriptor PARQUET = new OutputFormatDescriptor("parquet", "Parquet", "parquet",
      List.of("snappy", "zstd", "gzip", "none"), List.of(), LakemrConfig.OUTPUT_PARQUET_CODEC,
      ParquetBatchWriter::new, ParquetWriteOptions::from);
  public static final OutputFormatDescriptor CSV = new OutputFormatDescriptor("csv", "CSV", "csv",
      List.of("none"), List.of(), null, CsvBatchWriter::new, conf -> { });
  /** JSON Lines, one object per line ({@link JsonLinesBatchWriter}). */
  public static final OutputFormatDescriptor JSONL = new OutputFormatDescriptor("jsonl", "JSON Lines", "jsonl",
      List.of("none"), List.of(), null, JsonLinesBatchWriter::new, conf -> { });
  /** Avro object container files ({@link AvroBatchWriter}); {@code null} is another name for none. */
  public static final OutputFormatDescriptor AVRO = new OutputFormatDescriptor("avro", "Avro", "avro",
      List.of("snappy", "deflate", "none"), List.of("null"), LakemrConfig.OUTPUT_AVRO_CODEC,
      AvroBatchWriter::new, conf -> { });

  /** Every output format, in the order usage lists them. */
  public static final List<OutputFormatDescriptor> ALL = List.of(PARQUET, CSV, JSONL, AVRO);

  private OutputFormats() {
  }

  /** The registered names, in registry order. */
  public static List<String> names() {
    return ALL.stream().map(OutputFormatDescriptor::name).toList();
  }

  /**
   * The format a user named, ignoring case and surrounding blanks.
   *
   * @throws BadInputException naming {@code --output-format} for an unknown name
   */
  public static OutputFormatDescriptor parse(String name) {
    String wanted = name == null ? "" : name.trim();
    for (OutputFormatDescriptor f : ALL) {
      if (f.name().equalsIgnoreCase(wanted)) {
        return f;
      }
    }
    throw new BadInputException(
        "--output-format: unknown format '" + name + "' (known: " + String.join(", ", names()) + ")");
  }

  /** The codecs of every format, as usage lists them: {@code parquet: snappy (default), ...}. */
  public static String compressionUsage() {
    StringBuilder sb = new StringBuilder();
    for (OutputFormatDescriptor f : ALL) {
      if (sb.length() > 0) {
        sb.append("; ");
      }
      sb.append(f.name()).append(": ");
      List<String> codecs = f.compressions();
      sb.append(codecs.size() == 1 ? codecs.get(0) : codecs.get(0) + " (default), "
          + String.join(", ", codecs.subList(1, codecs.size())));
    }
    return sb.toString();
  }
}
