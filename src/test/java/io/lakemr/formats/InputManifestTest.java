package io.lakemr.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputManifestTest {

  @TempDir
  java.nio.file.Path tmp;

  private InputFile file(String name, long length, String... values) {
    FileStatus st = new FileStatus(length, false, 1, 64L << 20, 1_700_000_000_000L + length,
        new Path(tmp.toUri().toString() + "/t/" + name));
    return new InputFile(st, Arrays.asList(values));
  }

  @Test
  void aJobWithAManifestReadsItsFilesAndListsNothing() throws Exception {
    InputFiles files = InputFiles.of(List.of("date", "kind"), List.of(
        file("date=2026-01-01/kind=a/part-0.parquet", 100, "2026-01-01", "a"),
        file("date=2026-01-02/__HIVE_DEFAULT_PARTITION__/part-1.parquet", 250, "2026-01-02", null)));
    Configuration conf = new Configuration(false);
    Path manifest = new Path(tmp.toUri().toString() + "/manifest.json");
    InputManifest.write(conf, manifest, files);
    conf.set(LakemrConfig.INPUT_MANIFEST, manifest.toString());

    // the input paths name a directory that does not even exist: nothing is listed
    InputFiles read = InputFiles.list(conf, List.of(tmp.resolve("nowhere").toString()));
    assertEquals(List.of("date", "kind"), read.partitionColumns());
    assertEquals(350, read.totalBytes());
    assertEquals(2, read.files().size());
    for (int i = 0; i < 2; i++) {
      InputFile want = files.files().get(i);
      InputFile got = read.files().get(i);
      assertEquals(want.path(), got.path());
      assertEquals(want.length(), got.length());
      assertEquals(want.status().getModificationTime(), got.status().getModificationTime());
      assertEquals(want.partitionValues(), got.partitionValues());
    }
    assertEquals(Arrays.asList("2026-01-02", null), read.files().get(1).partitionValues());
  }

  @Test
  void aManifestThatIsNotOneIsRefusedByName() throws Exception {
    java.nio.file.Path bad = tmp.resolve("bad.json");
    Files.writeString(bad, "{\"files\": 3}", StandardCharsets.UTF_8);
    BadInputException e = assertThrows(BadInputException.class,
        () -> InputManifest.read(new Configuration(false), new Path(bad.toUri())));
    assertTrue(e.getMessage().contains("bad.json") && e.getMessage().contains("not an input manifest"), e.getMessage());
  }

  @Test
  void filesMustHaveOneValuePerPartitionColumn() {
    assertThrows(IllegalArgumentException.class,
        () -> InputFiles.of(List.of("date"), List.of(file("x.parquet", 1))));
  }
}
