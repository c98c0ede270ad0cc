package io.lakemr.formats;

import io.lakemr.conf.BadInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The reading options given for an input, by name without the leading {@code --}: only those
 * its format declares in {@link InputFormatDescriptor#options()}.
 */
public final class FormatOptions {

  private final Map<String, String> values;

  /** Options with these values; an option that was not given is absent. */
  public FormatOptions(Map<String, String> values) {
    this.values = Map.copyOf(values);
  }

  /** No options. */
  public static FormatOptions none() {
    return new FormatOptions(Map.of());
  }

  /** The value of an option, or null when it was not given. */
  public String get(String name) {
    return values.get(name);
  }

  /**
   * A comma-separated list option, trimmed; empty when absent.
   *
   * @throws BadInputException naming the option for an empty entry
   */
  public List<String> list(String name) {
    return splitList(name, values.get(name));
  }

  /**
   * Splits the value of a comma-separated list option, trimming each entry; empty for null.
   * A comma inside a glob's braces does not split ({@code /d/{a,b}/x} stays whole).
   *
   * @throws BadInputException naming the option for an empty entry
   */
  public static List<String> splitList(String name, String value) {
    if (value == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (String s : splitOutsideBraces(value)) {
      String t = s.trim();
      if (t.isEmpty()) {
        throw new BadInputException("--" + name + ": empty entry in '" + value + "'");
      }
      out.add(t);
    }
    return out;
  }

  private static List<String> splitOutsideBraces(String v) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int start = 0;
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && depth > 0) {
        depth--;
      } else if (c == ',' && depth == 0) {
        parts.add(v.substring(start, i));
        start = i + 1;
      }
    }
    parts.add(v.substring(start));
    return parts;
  }
}
