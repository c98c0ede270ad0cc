package io.lakemr.conf;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.ConfigRedactor;
import org.apache.hadoop.conf.Configuration;

/**
 * Hides secrets wherever lakemr prints or records text: the job summary's arguments, what a
 * command writes to stdout and stderr, and its error lines. Each secret becomes {@value #MASK}.
 *
 * <p>A configuration key is secret when Hadoop's own {@link ConfigRedactor} says so (the
 * patterns of {@code hadoop.security.sensitive-config-keys}, which a site may extend) or when
 * its name holds {@code password}, {@code secret}, {@code token} or {@code credential}, or it is
 * an {@code fs.*} key whose name holds {@code key} ({@code fs.s3a.access.key},
 * {@code fs.azure.account.key.ACCOUNT}), in any case. What is masked:
 *
 * <ul>
 *   <li>the value of a secret key written {@code key=value} (as {@code -D key=value} is);</li>
 *   <li>the password of a URI's user info ({@code s3a://ID:SECRET@bucket});</li>
 *   <li>anywhere in a line, the value a secret key has in the configuration this instance was
 *       made from (values shorter than {@value #MIN_SECRET_LENGTH} characters, numbers and
 *       booleans excepted: such settings, like {@code dfs.block.access.token.enable}, are not
 *       secrets).</li>
 * </ul>
 */
public final class Redaction {

  /** What a secret is replaced with. */
  public static final String MASK = "*****";

  /** The shortest configuration value masked wherever it appears: {@value}. */
  static final int MIN_SECRET_LENGTH = 6;

  private static final Pattern SECRET_WORD = Pattern.compile("password|secret|token|credential");
  /** {@code key=value} with a dotted key, optionally written {@code -Dkey=value}. */
  private static final Pattern KEY_VALUE = Pattern.compile("(?<![\\w.-])(-D)?([A-Za-z][\\w-]*(?:\\.[\\w-]+)+)=(\\S+)");
  /** A URI's user info with a password: {@code scheme://user:password@}. */
  private static final Pattern USER_INFO = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^/@:\\s]*):([^/@\\s]+)@");
  private static final Pattern NOT_SECRET_VALUE = Pattern.compile("(?i)true|false|-?[0-9.]+[a-z]?");

  private final ConfigRedactor hadoop;
  /** Values of the configuration's secret keys, longest first, to mask wherever they appear. */
  private final List<String> secretValues;

  private Redaction(Configuration conf, boolean collectValues) {
    this.hadoop = new ConfigRedactor(conf);
    TreeSet<String> values = new TreeSet<>(Comparator.comparingInt(String::length).reversed()
        .thenComparing(Comparator.naturalOrder()));
    if (collectValues) {
      for (Map.Entry<String, String> e : conf) {
        String v = e.getValue();
        if (v != null && isSecretKey(e.getKey()) && v.length() >= MIN_SECRET_LENGTH
            && !NOT_SECRET_VALUE.matcher(v).matches()) {
          values.add(v);
        }
      }
    }
    this.secretValues = new ArrayList<>(values);
  }

  /** Redaction by the keys and secret values of {@code conf}. */
  public static Redaction of(Configuration conf) {
    return new Redaction(conf, true);
  }

  /**
   * Redaction by key names only, with Hadoop's sensitive-key patterns as the class path's
   * configuration sets them: for text recorded where no job configuration is at hand.
   */
  public static Redaction byKeyNames() {
    return KeyNamesOnly.INSTANCE;
  }

  /** Whether a configuration key names a secret, by Hadoop's patterns or lakemr's. */
  public boolean isSecretKey(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    if (SECRET_WORD.matcher(k).find() || (k.startsWith("fs.") && k.contains("key"))) {
      return true;
    }
    // ConfigRedactor answers by replacing the value of a sensitive key
    return !MASK.equals(hadoop.redact(key, MASK));
  }

  /** {@code value}, or {@value #MASK} when {@code key} names a secret. */
  public String value(String key, String value) {
    return value == null || !isSecretKey(key) ? value : MASK;
  }

  /** A line of text with every secret in it masked. */
  public String text(String s) {
    if (s == null || s.isEmpty()) {
      return s;
    }
    String out = s;
    for (String v : secretValues) {
      if (out.contains(v)) {
        out = out.replace(v, MASK);
      }
    }
    out = USER_INFO.matcher(out).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + ":" + MASK + "@"));
    Matcher m = KEY_VALUE.matcher(out);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      String kv = m.group(2);
      String replacement = isSecretKey(kv) ? (m.group(1) == null ? "" : "-D") + kv + "=" + MASK : m.group();
      m.appendReplacement(b, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(b);
    return b.toString();
  }

  /**
   * Command-line arguments with secrets masked: each argument as {@link #text}, and the value
   * of a secret key in the argument after {@code -D}.
   */
  public List<String> arguments(String[] args) {
    List<String> out = new ArrayList<>(args.length);
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      int eq = a.indexOf('=');
      boolean afterD = i > 0 && args[i - 1].equals("-D");
      out.add(afterD && eq > 0 && isSecretKey(a.substring(0, eq)) ? a.substring(0, eq + 1) + MASK : text(a));
    }
    return out;
  }

  /**
   * A print stream that masks secrets in what it prints before it reaches {@code target}: the
   * text of each print call (each {@code print}, {@code println} or {@code printf}) is masked
   * as a whole, so a secret printed in one call never reaches the target.
   */
  public PrintStream printStream(PrintStream target) {
    return new PrintStream(new MaskingStream(target), true, StandardCharsets.UTF_8);
  }

  /**
   * Hands the text of each write, masked, to the target stream; only the bytes of a character
   * cut by the end of a write wait for the next.
   */
  private final class MaskingStream extends OutputStream {

    private final PrintStream target;
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

    MaskingStream(PrintStream target) {
      this.target = target;
    }

    @Override
    public synchronized void write(int b) {
      pending.write(b);
      passOn();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      pending.write(b, off, len);
      passOn();
    }

    @Override
    public synchronized void flush() {
      target.flush();
    }

    private void passOn() {
      byte[] bytes = pending.toByteArray();
      int complete = completeLength(bytes);
      if (complete == 0) {
        return;
      }
      target.print(text(new String(bytes, 0, complete, StandardCharsets.UTF_8)));
      pending.reset();
      pending.write(bytes, complete, bytes.length - complete);
    }
  }

  /** How many leading bytes of UTF-8 text end on a whole character. */
  static int completeLength(byte[] utf8) {
    int n = utf8.length;
    int start = n - 1;
    while (start >= 0 && n - start <= 4 && (utf8[start] & 0xC0) == 0x80) {
      start--; // continuation bytes of the last character
    }
    if (start < 0 || (utf8[start] & 0x80) == 0) {
      return n;
    }
    int lead = utf8[start] & 0xFF;
    int length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
    return n - start >= length ? n : start;
  }

  /** The key-names-only instance, made when first asked for. */
  private static final class KeyNamesOnly {
    // without Hadoop's default resources, whose parse costs a start-up noticeably: the redactor
    // then uses its built-in default patterns, the value core-default.xml gives them
    static final Redaction INSTANCE = new Redaction(new Configuration(false), false);
  }
}
