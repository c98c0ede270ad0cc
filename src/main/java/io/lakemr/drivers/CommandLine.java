package io.lakemr.drivers;

import io.lakemr.conf.BadInputException;
import io.lakemr.formats.FormatOptions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A command's own options, after {@code GenericOptionsParser} has taken the generic ones:
 * {@code --name value}, {@code --name=value}, and flags. An option given twice keeps its last
 * value, except those declared repeatable. Unknown options and missing values are bad usage.
 */
final class CommandLine {

  private final String command;
  private final Map<String, List<String>> values = new LinkedHashMap<>();
  private final List<String> positional = new ArrayList<>();

  private CommandLine(String command) {
    this.command = command;
  }

  /**
   * Parses arguments.
   *
   * @param withValue options that take a value
   * @param flags options that take none
   */
  static CommandLine parse(String command, String[] args, Set<String> withValue, Set<String> flags) {
    CommandLine cl = new CommandLine(command);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.startsWith("--")) {
        String name = a.substring(2);
        String value = null;
        int eq = name.indexOf('=');
        if (eq >= 0) {
          value = name.substring(eq + 1);
          name = name.substring(0, eq);
        }
        if (flags.contains(name)) {
          if (value != null) {
            throw new BadInputException("--" + name + " takes no value");
          }
          cl.values.computeIfAbsent(name, k -> new ArrayList<>()).add("true");
          continue;
        }
        if (!withValue.contains(name)) {
          Set<String> known = new TreeSet<>(withValue);
          known.addAll(flags);
          throw new BadInputException("unknown option --" + name + " (options of " + command + ": --"
              + String.join(", --", known) + ")");
        }
        if (value == null) {
          if (i + 1 >= args.length || (args[i + 1].startsWith("--") && args[i + 1].length() > 2)) {
            throw new BadInputException("--" + name + " needs a value");
          }
          value = args[++i];
        }
        cl.values.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
      } else if (a.startsWith("-") && a.length() > 1 && !isNumber(a)) {
        throw new BadInputException("unknown option " + a + " (generic Hadoop options such as -D, -conf, "
            + "-fs must come before the command's own options)");
      } else {
        cl.positional.add(a);
      }
    }
    return cl;
  }

  private static boolean isNumber(String s) {
    try {
      Double.parseDouble(s);
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  String command() {
    return command;
  }

  boolean has(String name) {
    return values.containsKey(name);
  }

  String get(String name) {
    List<String> v = values.get(name);
    return v == null ? null : v.get(v.size() - 1);
  }

  String get(String name, String defaultValue) {
    String v = get(name);
    return v == null ? defaultValue : v;
  }

  String require(String name) {
    String v = get(name);
    if (v == null || v.isBlank()) {
      throw new BadInputException("--" + name + " is required");
    }
    return v;
  }

  /** All values of a repeatable option, in order. */
  List<String> all(String name) {
    return values.getOrDefault(name, List.of());
  }

  /** A comma-separated list option, trimmed; empty when absent. */
  List<String> list(String name) {
    return FormatOptions.splitList(name, get(name));
  }

  long getLong(String name, long defaultValue, long min) {
    String v = get(name);
    if (v == null) {
      return defaultValue;
    }
    long n;
    try {
      n = Long.parseLong(v.trim().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new BadInputException("--" + name + ": '" + v + "' is not a whole number");
    }
    if (n < min) {
      throw new BadInputException("--" + name + ": " + n + " is below the least allowed value " + min);
    }
    return n;
  }

  /** Values that are not options. */
  List<String> positional() {
    return positional;
  }

  void requireNoPositional() {
    if (!positional.isEmpty()) {
      throw new BadInputException("unexpected argument '" + positional.get(0) + "' (options are written --name value)");
    }
  }

  static Set<String> set(String... names) {
    return new TreeSet<>(Arrays.asList(names));
  }

  /** The options of several sets together. */
  static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }
}
