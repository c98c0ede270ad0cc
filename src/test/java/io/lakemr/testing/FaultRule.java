package io.lakemr.testing;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One fault for {@link FaultyFileSystem} to inject, written as words {@code key=value}, e.g.
 * {@code in=map attempt=0 on=read file=part-1.parquet from=4 to=9000 do=throw}.
 *
 * <ul>
 *   <li>{@code in}: {@code map}, {@code reduce} or {@code am} (the MapReduce application master).</li>
 *   <li>{@code attempt}: only this task attempt number (for {@code am}: application attempt,
 *       from 1); {@code task}: only this task number. Left out: any.</li>
 *   <li>{@code on}: {@code read} (a read of the file named {@code file}, any when left out,
 *       touching bytes {@code from} to {@code to}, any when left out); {@code create} (the
 *       {@code count}-th file this JVM creates whose name ends with {@code file}, before it is
 *       created); {@code reduce-committed} (in the application master: once reduce task
 *       {@code task} has committed its output, with either file output committer algorithm,
 *       and {@code millis} later).</li>
 *   <li>{@code do}: {@code throw} an IOException, {@code halt} the JVM, {@code sleep} for
 *       {@code millis}, or {@code note} (only record that the event happened).</li>
 * </ul>
 *
 * <p>Every firing is recorded first, as an empty file {@code NAME@ATTEMPT} in the fault
 * directory, so a test can tell that the fault happened and in which attempt.
 */
public record FaultRule(String name, String in, Integer attempt, Integer task, String on, String file,
    long from, long to, int count, String action, long millis) {

  private static final Set<String> KEYS = Set.of("in", "attempt", "task", "on", "file", "from", "to", "count",
      "do", "millis");

  /** Parses a rule's words; throws IllegalArgumentException naming the rule for an unknown word. */
  public static FaultRule parse(String name, String spec) {
    Map<String, String> words = new HashMap<>();
    for (String word : spec.trim().split("\\s+")) {
      int eq = word.indexOf('=');
      if (eq <= 0 || !KEYS.contains(word.substring(0, eq))) {
        throw new IllegalArgumentException("fault rule " + name + ": cannot read '" + word + "' in '" + spec + "'");
      }
      words.put(word.substring(0, eq), word.substring(eq + 1));
    }
    return new FaultRule(name, words.getOrDefault("in", "map"), integer(words.get("attempt")),
        integer(words.get("task")), words.getOrDefault("on", "read"), words.get("file"),
        Long.parseLong(words.getOrDefault("from", "0")), Long.parseLong(words.getOrDefault("to", "0")),
        Integer.parseInt(words.getOrDefault("count", "1")), words.getOrDefault("do", "throw"),
        Long.parseLong(words.getOrDefault("millis", "0")));
  }

  private static Integer integer(String s) {
    return s == null ? null : Integer.valueOf(s);
  }

  /**
   * Whether the rule is for a JVM running {@code role} ({@code map}, {@code reduce} or {@code am}),
   * task {@code taskNumber}, attempt {@code attemptNumber}.
   */
  boolean appliesTo(String role, int taskNumber, int attemptNumber) {
    boolean anyTask = task == null || role.equals("am"); // in the application master, task names the reduce to watch
    return in.equals(role) && (anyTask || task == taskNumber) && (attempt == null || attempt == attemptNumber);
  }

  /** Whether a read of {@code length} bytes at {@code position} of file {@code fileName} triggers the rule. */
  boolean matchesRead(String fileName, long position, long length) {
    if (!on.equals("read") || (file != null && !file.equals(fileName))) {
      return false;
    }
    return to <= 0 || (position < to && position + length > from);
  }
}
