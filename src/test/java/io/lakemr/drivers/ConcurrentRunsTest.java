package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.publish.OutputTarget;
import io.lakemr.testing.Csv;
import io.lakemr.testing.LocalJobs;
import io.lakemr.testing.ParquetFiles;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Separate processes writing one output: while a run in {@code overwrite} mode holds it (here
 * the test itself, through the same lock a run takes, so the timing is certain), runs in
 * {@code overwrite} and {@code error} mode started in other processes exit 3 with one line
 * saying who holds it and write nothing; once it is free, the next process's output lands whole.
 */
class ConcurrentRunsTest {

  @TempDir
  Path tmp;

  @Test
  void aSecondExclusiveRunExitsThree() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("in"));
    ParquetFiles.write(in.resolve("a.parquet"), OutputFormatsJobTest.SCHEMA,
        OutputFormatsJobTest.events(new String[] {"x", "y", "z"}, 40, 1), CompressionCodecName.SNAPPY, 32 * 1024);
    Path out = tmp.resolve("out");
    Configuration conf = LocalJobs.conf(tmp);
    OutputTarget holder = OutputTarget.prepare(conf, out.toString(), OutputTarget.Mode.OVERWRITE, 0,
        List.of(in.toString()), "aggregate", System.err);
    Process second = start("second", out, in, "overwrite");
    Process third = start("third", out, in, "error");
    for (Process p : List.of(second, third)) {
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "a refused run ends at once");
    }
    for (String name : List.of("second", "third")) {
      List<String> err = Files.readAllLines(tmp.resolve(name + ".err"));
      String last = err.get(err.size() - 1);
      assertTrue(last.startsWith("lakemr aggregate: --output: ") && last.contains("is being written by another "
          + "lakemr run") && last.contains("mode overwrite"), name + ": " + err);
      assertTrue(err.stream().noneMatch(l -> l.startsWith("\tat ")), name + ": " + err);
    }
    assertEquals(3, second.exitValue());
    assertEquals(3, third.exitValue());
    assertTrue(!Files.exists(out), "nothing was written");
    holder.discard();
    Process next = start("next", out, in, "overwrite");
    assertTrue(next.waitFor(180, TimeUnit.SECONDS), "the next run finishes");
    assertEquals(0, next.exitValue(), String.join("\n", Files.readAllLines(tmp.resolve("next.err"))));
    assertEquals(List.of(List.of("x", "40"), List.of("y", "40"), List.of("z", "40")),
        Csv.readParts(out, List.of("tag", "count")));
    try (Stream<Path> s = Files.list(tmp)) {
      assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".lakemr")).toList(),
          "nothing left beside the output");
    }
  }

  private Process start(String name, Path out, Path in, String mode) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-Xmx512m",
        "-Dlakemr.local=true", "-cp", System.getProperty("java.class.path"), Main.class.getName(), "aggregate",
        "-D", "hadoop.tmp.dir=" + tmp.resolve("hadoop-" + name),
        "-D", "mapreduce.jobtracker.staging.root.dir=" + tmp.resolve("staging-" + name),
        "-D", "mapreduce.client.progressmonitor.pollinterval=50",
        "-D", "mapreduce.client.completion.pollinterval=50",
        "--input", in.toString(), "--group-by", "tag", "--agg", "count(*)", "--output", out.toString(),
        "--output-format", "csv", "--mode", mode));
    File log = tmp.resolve(name + ".err").toFile();
    return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(log).start();
  }
}
