package io.lakemr.formats.badrecords;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.mapreduce.Counters;

/**
 * The job-wide {@code --max-bad-records} check, made by the driver once a job has succeeded and
 * before its output is published: the job's bad records ({@link RecordCounters#RECORDS_BAD})
 * against the count or the share of all its records (bad ones and {@link RecordCounters#RECORDS_READ}).
 * A task stops early only when it alone has more bad records than the count; a share can only be
 * judged over the whole job.
 */
public final class BadRecordLimit {

  private static final ObjectMapper JSON = new ObjectMapper();

  private BadRecordLimit() {
  }

  /**
   * Why a finished job has more bad records than its policy allows, or null when it has not.
   *
   * @param output the job's (unpublished) output directory, where quarantined records are
   */
  public static String check(Configuration conf, Counters counters, Path output) throws IOException {
    if (counters == null) {
      throw new IOException("the counters of the job are gone, so --max-bad-records cannot be checked");
    }
    BadRecordPolicy policy = BadRecordSettings.get(conf);
    long bad = counters.findCounter(RecordCounters.RECORDS_BAD).getValue();
    long read = counters.findCounter(RecordCounters.RECORDS_READ).getValue();
    String over = exceeded(policy, bad, read);
    if (over == null) {
      return null;
    }
    String first = policy.mode() == BadRecordMode.QUARANTINE ? firstQuarantined(conf, output) : null;
    return over + (first != null ? "; the first: " + first
        : "; each map task's log names its first, and --bad-records quarantine keeps them all");
  }

  /**
   * {@code B of T records are bad (P%), more than max-bad-records L} when {@code bad} of
   * {@code bad + read} records pass the policy's limit, else null.
   */
  public static String exceeded(BadRecordPolicy policy, long bad, long read) {
    if (policy.mode() == BadRecordMode.FAIL || bad == 0) {
      return null;
    }
    long total = bad + read;
    double percent = bad * 100.0 / total;
    boolean over = policy.maxPercent() >= 0 ? percent > policy.maxPercent() : bad > policy.maxCount();
    if (!over) {
      return null;
    }
    return String.format(Locale.ROOT, "%d of %d records are bad (%.2f%%), more than max-bad-records %s",
        bad, total, percent, policy.maxText());
  }

  /** The first record of the first quarantine file under {@code output}, described; null if none. */
  static String firstQuarantined(Configuration conf, Path output) throws IOException {
    Path dir = new Path(output, QuarantineSink.DIRECTORY);
    FileSystem fs = dir.getFileSystem(conf);
    if (!fs.exists(dir)) {
      return null;
    }
    FileStatus[] files = fs.listStatus(dir, p -> p.getName().endsWith(".jsonl"));
    Arrays.sort(files);
    for (FileStatus f : files) {
      try (BufferedReader in = new BufferedReader(new InputStreamReader(fs.open(f.getPath()), StandardCharsets.UTF_8))) {
        String line = in.readLine();
        if (line != null && !line.isBlank()) {
          JsonNode r = JSON.readTree(line);
          JsonNode column = r.path("column");
          return new BadRecord(r.path("file").asText(), number(r.path("line")), number(r.path("offset")),
              column.isTextual() ? column.asText() : null, r.path("reason").asText(), "").describe();
        }
      }
    }
    return null;
  }

  private static long number(JsonNode n) {
    return n.isNumber() ? n.asLong() : -1;
  }
}
