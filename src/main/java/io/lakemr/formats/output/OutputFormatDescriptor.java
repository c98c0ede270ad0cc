package io.lakemr.formats.output;

import io.lakemr.conf.BadInputException;
import io.lakemr.data.Column;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/**
 * One file format lakemr writes, listed once in {@link OutputFormats}: every output format
 * writes the same columns with the same types.
 *
 * @param name what {@code --output-format} and {@link io.lakemr.conf.LakemrConfig#OUTPUT_FORMAT}
 *     take, lower case
 * @param displayName the name in messages, e.g. {@code Parquet}
 * @param extension the extension of its files, without the dot
 * @param compressions the codecs {@code --compression} takes, the default first; only
 *     {@code none} for a format written uncompressed
 * @param alsoAccepted codec names accepted as well but not listed (aliases)
 * @param compressionKey the configuration key the codec is stored in; null when uncompressed
 * @param writers opens a writer of one file
 * @param settingsCheck checks the format's settings in a task before any file is made
 */
public record OutputFormatDescriptor(String name, String displayName, String extension,
    List<String> compressions, List<String> alsoAccepted, String compressionKey,
    BatchWriterFactory writers, Consumer<Configuration> settingsCheck) {

  /** The codec used when none is set. */
  public String defaultCompression() {
    return compressions.get(0);
  }

  /**
   * Checks that this format can be written with a codec.
   *
   * @return the codec name in lower case
   * @throws BadInputException naming {@code --compression} for a codec the format lacks
   */
  public String checkCompression(String codec) {
    String n = codec == null ? "" : codec.trim().toLowerCase(Locale.ROOT);
    if (compressions.contains(n) || alsoAccepted.contains(n)) {
      return n;
    }
    if (compressions.equals(List.of("none"))) {
      throw new BadInputException("--compression: " + name
          + " output is written uncompressed; only 'none' is accepted, not '" + codec + "'");
    }
    throw new BadInputException("--compression: " + displayName + " output takes "
        + String.join(", ", compressions.subList(0, compressions.size() - 1)) + " or "
        + compressions.get(compressions.size() - 1) + ", not '" + codec + "'");
  }

  /** Creates {@code file} (which must not exist) and returns a writer for these columns. */
  public BatchWriter open(Configuration conf, Path file, List<Column> columns) throws IOException {
    return writers.open(conf, file, columns);
  }
}
