package io.lakemr.drivers;

import io.lakemr.conf.BadInputException;
import io.lakemr.formats.InputFile;
import io.lakemr.formats.InputFiles;
import java.util.List;
import java.util.Locale;

/** Which input format a command reads: {@code --format}, or what the file names say. */
final class InputFormats {

  private InputFormats() {
  }

  /** Checks that the input is Parquet, by {@code --format} or by the file names. */
  static void requireParquet(String format, List<String> inputs, InputFiles files) {
    if (format != null) {
      if (!format.trim().equalsIgnoreCase("parquet")) {
        throw new BadInputException("--format: unknown or unsupported format '" + format + "' (known: parquet)");
      }
      return;
    }
    for (InputFile f : files.files()) {
      String n = f.status().getPath().getName().toLowerCase(Locale.ROOT);
      if (!(n.endsWith(".parquet") || n.endsWith(".parq") || n.endsWith(".pq"))) {
        throw new BadInputException("cannot tell the format of " + f.status().getPath()
            + " from its name; give --format parquet");
      }
    }
  }
}
