package io.lakemr.formats.text;

import io.lakemr.conf.BadInputException;
import io.lakemr.formats.FormatOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reading option values of the text formats, checked on the client with one-line errors. */
public final class TextOptionValues {

  /** The options CSV and JSON Lines both take (their schema, sampling, line limit and bad records). */
  public static final Set<String> SHARED = Set.of("schema", "schema-file", "sample-rows", "timestamp-format",
      "max-line-bytes", "bad-records", "max-bad-records");

  private TextOptionValues() {
  }

  /** {@link #SHARED} and a format's own options. */
  public static Set<String> sharedAnd(String... own) {
    Set<String> all = new HashSet<>(SHARED);
    all.addAll(List.of(own));
    return Set.copyOf(all);
  }

  /** A {@code true}/{@code false} option, or its default when absent. */
  public static boolean bool(FormatOptions options, String name, boolean fallback) {
    String v = options.get(name);
    if (v == null) {
      return fallback;
    }
    switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "true":
        return true;
      case "false":
        return false;
      default:
        throw new BadInputException("--" + name + " '" + v + "' is not true or false");
    }
  }

  /** {@code --max-line-bytes}, at least 1. */
  public static int maxLineBytes(FormatOptions options) {
    return TextTables.positiveInt(options, "max-line-bytes", TextSettings.MAX_LINE_BYTES_DEFAULT);
  }
}
