package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.testing.ChildProcess;
import io.lakemr.testing.Csv;
import io.lakemr.testing.DuckDb;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code hadoop jar} path: the shaded job jar run by {@code org.apache.hadoop.util.RunJar}
 * (what {@code hadoop jar} runs) in a new JVM whose class path is Hadoop's client class path
 * alone, Hadoop's classes first.
 */
class JobJarIT {

  @TempDir
  Path tmp;

  private record Run(int exit, String out) {
  }

  private Run runJar(String... args) throws Exception {
    String jar = System.getProperty("lakemr.job.jar");
    String cpFile = System.getProperty("lakemr.hadoop.client.classpath");
    assertTrue(jar != null && new File(jar).isFile(), "job jar " + jar);
    assertTrue(cpFile != null && new File(cpFile).isFile(), "hadoop client class path " + cpFile);
    String cp = Files.readString(Path.of(cpFile)).trim();
    assertTrue(!cp.contains("lakemr") && cp.contains("hadoop-common"), "class path is Hadoop's own");
    List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-Xmx1g", "-cp", cp,
        "org.apache.hadoop.util.RunJar", jar));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("HADOOP_CONF_DIR");
    ChildProcess.Finished f = ChildProcess.run(pb, Duration.ofMinutes(3));
    return new Run(f.exit(), f.out());
  }

  private String[] local(String command, String... args) {
    List<String> all = new ArrayList<>(List.of(command,
        "-D", "mapreduce.framework.name=local", "-D", "fs.defaultFS=file:///",
        "-D", "hadoop.tmp.dir=" + tmp.resolve("hadoop-tmp"),
        "-D", "mapreduce.jobtracker.staging.root.dir=" + tmp.resolve("staging"),
        "-D", "mapreduce.client.completion.pollinterval=100"));
    all.addAll(List.of(args));
    return all.toArray(new String[0]);
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES)
  void aggregateThroughRunJar() throws Exception {
    try (DuckDb duck = new DuckDb()) {
      Path input = tmp.resolve("sensors");
      duck.writeSensors(input, 30_000);
      Path out = tmp.resolve("out");
      Run r = runJar(local("aggregate", "--input", input.toString(), "--group-by", "status",
          "--agg", "count(*),sum(value),min(value),max(value)", "--output", out.toString(), "--output-format", "csv"));
      assertEquals(0, r.exit(), r.out());
      Map<String, List<Object>> expected = new HashMap<>();
      for (List<Object> row : duck.query("SELECT status, count(*), sum(value), min(value), max(value) FROM sensors "
          + "GROUP BY status")) {
        expected.put((String) row.get(0), row);
      }
      List<List<String>> rows = Csv.readParts(out, List.of("status", "count", "sum_value", "min_value", "max_value"));
      assertEquals(3, rows.size());
      for (List<String> row : rows) {
        List<Object> e = expected.get(row.get(0));
        assertEquals(String.valueOf(e.get(1)), row.get(1));
        assertEquals(((Number) e.get(2)).doubleValue(), Double.parseDouble(row.get(2)),
            Math.abs(((Number) e.get(2)).doubleValue()) * 1e-9);
        assertEquals(((Number) e.get(3)).doubleValue(), Double.parseDouble(row.get(3)), 0.0);
        assertEquals(((Number) e.get(4)).doubleValue(), Double.parseDouble(row.get(4)), 0.0);
      }

      Run bad = runJar(local("aggregate", "--input", input.toString(), "--group-by", "nope", "--agg", "count(*)",
          "--output", tmp.resolve("bad").toString()));
      assertEquals(2, bad.exit(), bad.out());
      assertTrue(bad.out().contains("--group-by: unknown column 'nope'"), bad.out());
    }
  }
}
