package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.testing.Csv;
import io.lakemr.testing.LocalJobs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --max-bad-records} over a whole job: {@value #FILES} CSV files of {@value #LINES} lines
 * with {@value #BAD_PER_FILE} bad ones each, cut into splits of a few hundred bytes, so that
 * every map task alone is under the limit while the job is over it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadRecordLimitJobTest {

  private static final int FILES = 4;
  private static final int LINES = 30;
  private static final int BAD_PER_FILE = 2;

  @TempDir
  static Path tmp;
  private Configuration conf;
  private Path input;
  private int jobs;

  @BeforeAll
  void setUp() throws Exception {
    conf = LocalJobs.conf(tmp);
    conf.setInt("mapreduce.local.map.tasks.maximum", 1);
    conf.setLong("mapreduce.input.fileinputformat.split.maxsize", 256);
    input = Files.createDirectories(tmp.resolve("in"));
    for (int f = 0; f < FILES; f++) {
      StringBuilder text = new StringBuilder("id,station,value\n");
      for (int i = 0; i < LINES; i++) {
        // records 5 and 20 of each file (lines 7 and 22, after the header) are bad: a value that is not a number
        String value = i == 5 || i == 20 ? "oops" : Integer.toString(i);
        text.append(f * LINES + i).append(",st-").append(i % 3).append(',').append(value).append('\n');
      }
      Files.writeString(input.resolve("part-" + f + ".csv"), text, StandardCharsets.UTF_8);
    }
  }

  private Commands.Result aggregate(Path out, String mode, String max) throws Exception {
    return Commands.run(conf, "aggregate", "--input", input.toString(), "--format", "csv",
        "--schema", "id:long,station:string,value:long", "--bad-records", mode, "--max-bad-records", max,
        "--group-by", "station", "--agg", "count(*),sum(value)", "--output", out.toString(), "--output-format", "csv");
  }

  @Test
  void aCountOverTheJobFailsItThoughEveryTaskIsUnder() throws Exception {
    Path out = tmp.resolve("out-" + jobs++);
    Commands.Result r = aggregate(out, "quarantine", "5");
    assertEquals(1, r.exitCode(), r.toString());
    String total = (FILES * BAD_PER_FILE) + " of " + (FILES * LINES) + " records are bad";
    assertTrue(r.err().contains(total + " (6.67%), more than max-bad-records 5; the first: "), r.err());
    assertTrue(r.err().matches("(?s).*the first: \\S*part-\\d\\.csv line (7|22) \\(byte \\d+\\), column value: .*"),
        r.err());
    assertEquals(1, r.err().lines().filter(l -> l.startsWith("lakemr aggregate: ")).count(), r.err());
    assertFalse(Files.exists(out), "nothing is published at " + out);

    Path allowed = tmp.resolve("out-" + jobs++);
    Commands.Result ok = aggregate(allowed, "quarantine", Integer.toString(FILES * BAD_PER_FILE));
    assertEquals(0, ok.exitCode(), ok.toString());
    long rows = Csv.readParts(allowed, List.of("station", "count", "sum_value")).stream()
        .mapToLong(row -> Long.parseLong(row.get(1))).sum();
    assertEquals(FILES * (LINES - BAD_PER_FILE), rows);
  }

  @Test
  void aShareIsOfTheWholeJob() throws Exception {
    // 8 of 120 records are bad: 6.67%, while a split of a few lines with one bad one is far over 10%
    Path out = tmp.resolve("out-" + jobs++);
    Commands.Result r = aggregate(out, "skip", "5%");
    assertEquals(1, r.exitCode(), r.toString());
    assertTrue(r.err().contains("records are bad (6.67%), more than max-bad-records 5%"), r.err());
    assertFalse(Files.exists(out), "nothing is published at " + out);
    Path allowed = tmp.resolve("out-" + jobs++);
    Commands.Result ok = aggregate(allowed, "skip", "10%");
    assertEquals(0, ok.exitCode(), ok.toString());
  }
}
