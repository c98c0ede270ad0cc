package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.testing.LocalJobs;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code -v}: one line saying where a command's time went, phase by phase. */
@Timeout(120)
class RunTimingTest {

  private static final Pattern LINE = Pattern.compile("(?m)^lakemr aggregate timing: (.*), total ([0-9.]+) s$");
  private static final Pattern PHASE = Pattern.compile("(\\w+) ([0-9.]+) s");

  @TempDir
  Path tmp;

  @Test
  void aggregateWithVerboseSaysWhereItsTimeWentAndWithoutItSaysNothing() throws Exception {
    Configuration conf = LocalJobs.conf(tmp);
    String in = tmp.resolve("in").toString();
    Commands.Result gen = Commands.run(conf, "generate", "--rows", "2000", "--output", in);
    assertEquals(0, gen.exitCode(), gen::toString);

    Commands.Result quiet = Commands.run(conf, "aggregate", "--input", in, "--group-by", "status",
        "--agg", "count(*)", "--output", tmp.resolve("quiet").toString());
    assertEquals(0, quiet.exitCode(), quiet::toString);
    assertFalse(quiet.err().contains("timing:"), quiet::toString);

    Commands.Result r = Commands.run(conf, "aggregate", "--input", in, "--group-by", "status",
        "--agg", "count(*)", "-v", "--output", tmp.resolve("out").toString());
    assertEquals(0, r.exitCode(), r::toString);
    Matcher m = LINE.matcher(r.err());
    assertTrue(m.find(), r::toString);
    Map<String, Double> phases = new LinkedHashMap<>();
    Matcher p = PHASE.matcher(m.group(1));
    while (p.find()) {
      phases.put(p.group(1), Double.parseDouble(p.group(2)));
    }
    assertEquals("[start, plan, submit, map, shuffle, reduce, publish, other]", phases.keySet().toString());
    double sum = phases.values().stream().mapToDouble(Double::doubleValue).sum();
    assertEquals(Double.parseDouble(m.group(2)), sum, 0.01 * phases.size(), "phases add up to the total");
    assertTrue(phases.get("map") > 0 || phases.get("reduce") > 0, r::toString);
    assertTrue(Path.of(tmp.resolve("out").toString(), "_SUCCESS").toFile().exists());
  }
}
