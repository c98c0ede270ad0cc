package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.formats.InputFiles;
import io.lakemr.formats.InputManifest;
import io.lakemr.testing.LocalJobs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A job whose input files come from a manifest reads those files and no other file beside them. */
@Timeout(120)
class ManifestJobTest {

  @TempDir
  Path tmp;

  @Test
  void aggregateReadsOnlyTheFilesItsManifestLists() throws Exception {
    Configuration conf = LocalJobs.conf(tmp);
    String in = tmp.resolve("in").toString();
    Commands.Result gen = Commands.run(conf, "generate", "--rows", "10000", "--files", "2", "--output", in);
    assertEquals(0, gen.exitCode(), gen::toString);
    InputFiles all = InputFiles.list(conf, List.of(in));
    assertEquals(2, all.files().size());
    org.apache.hadoop.fs.Path manifest = new org.apache.hadoop.fs.Path(tmp.resolve("manifest.json").toUri());
    InputManifest.write(conf, manifest, InputFiles.of(List.of(), List.of(all.files().get(1))));

    Path out = tmp.resolve("out");
    Commands.Result r = Commands.run(conf, "aggregate", "-D", "lakemr.input.manifest=" + manifest,
        "--input", in, "--agg", "count(*)", "--output", out.toString(), "--output-format", "csv");
    assertEquals(0, r.exitCode(), r::toString);
    String csv;
    try (var files = Files.list(out)) {
      Path part = files.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
      csv = Files.readString(part, StandardCharsets.UTF_8);
    }
    assertTrue(csv.trim().endsWith("5000"), csv);
  }
}
