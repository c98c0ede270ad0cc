package io.lakemr.formats.output;

import io.lakemr.conf.BadInputException;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * The file formats lakemr writes, each with the extension its files carry.
 *
 * <p>The name of a format is what {@code --output-format} and
 * {@link io.lakemr.conf.LakemrConfig#OUTPUT_FORMAT} take. Each has a {@link BatchWriter} of its
 * own in {@link BatchWriters#open}; all four write the same columns with the same types.
 */
public enum OutputFileFormat {
  PARQUET("parquet"),
  CSV("csv"),
  /** JSON Lines, one object per line ({@link JsonLinesBatchWriter}). */
  JSONL("jsonl"),
  /** Avro object container files ({@link AvroBatchWriter}). */
  AVRO("avro");

  private final String extension;

  OutputFileFormat(String extension) {
    this.extension = extension;
  }

  /** The extension of this format's files, without the dot, e.g. {@code parquet}. */
  public String extension() {
    return extension;
  }

  /** The name users write for this format (lower case). */
  public String formatName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The format a user named, ignoring case and surrounding blanks.
   *
   * @throws BadInputException naming {@code --output-format} for an unknown name
   */
  public static OutputFileFormat parse(String name) {
    String wanted = name == null ? "" : name.trim();
    for (OutputFileFormat f : values()) {
      if (f.formatName().equalsIgnoreCase(wanted)) {
        return f;
      }
    }
    StringJoiner known = new StringJoiner(", ");
    for (OutputFileFormat f : values()) {
      known.add(f.formatName());
    }
    throw new BadInputException(
        "--output-format: unknown format '" + name + "' (known: " + known + ")");
  }
}
