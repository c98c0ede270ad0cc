package io.lakemr.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.conf.BadInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InputFilesTest {

  @TempDir
  Path dir;

  private final Configuration conf = new Configuration();

  private Path touch(String relative, int bytes) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.write(p, new byte[bytes]);
    return p;
  }

  private static List<String> names(InputFiles files) {
    return files.files().stream().map(f -> f.path().getName()).collect(Collectors.toList());
  }

  @Test
  void directoriesAreReadRecursivelySkippingHiddenNames() throws IOException {
    touch("t/a.parquet", 10);
    touch("t/sub/b.parquet", 20);
    touch("t/sub/deeper/c.parquet", 30);
    touch("t/_SUCCESS", 0);
    touch("t/.a.parquet.crc", 5);
    touch("t/_temporary/0/x.parquet", 7);
    touch("t/.hidden/y.parquet", 7);
    touch("t/sub/_meta/z.parquet", 7);
    InputFiles files = InputFiles.list(conf, List.of(dir.resolve("t").toString()));
    assertEquals(List.of("a.parquet", "b.parquet", "c.parquet"), names(files));
    assertEquals(60, files.totalBytes());
    assertEquals(List.of(), files.partitionColumns());
    assertTrue(files.files().get(0).path().toString().startsWith("file:"), "not qualified");
    assertTrue(files.files().get(0).blockLocations().length > 0, "block locations kept");
  }

  @Test
  void globsAndSeveralPathsAndPlainFiles() throws IOException {
    touch("g/x1.parquet", 1);
    touch("g/x2.parquet", 2);
    touch("g/y.csv", 3);
    touch("h/z.parquet", 4);
    touch("single.parquet", 5);
    InputFiles files = InputFiles.list(conf, List.of(
        dir.resolve("g").toString() + "/*.parquet",
        dir.resolve("h").toString(),
        dir.resolve("single.parquet").toString(),
        dir.resolve("g/x1.parquet").toString()));
    assertEquals(List.of("x1.parquet", "x2.parquet", "z.parquet", "single.parquet"), names(files));
    assertEquals(12, files.totalBytes());
  }

  @Test
  void partitionDirectoriesBecomeColumnsWithUnescapedValues() throws IOException {
    touch("p/year=2024/city=New%20York%2FNY/a.parquet", 1);
    touch("p/year=2024/city=__HIVE_DEFAULT_PARTITION__/b.parquet", 1);
    touch("p/year=2025/city=Z%C3%BCrich/c.parquet", 1);
    InputFiles files = InputFiles.list(conf, List.of(dir.resolve("p").toString()));
    assertEquals(List.of("year", "city"), files.partitionColumns());
    assertEquals(Arrays.asList("2024", "New York/NY"), files.files().get(0).partitionValues());
    assertEquals(Arrays.asList("2024", null), files.files().get(1).partitionValues());
    assertEquals(Arrays.asList("2025", "Zürich"), files.files().get(2).partitionValues());

    InputFiles globbed = InputFiles.list(conf, List.of(dir.resolve("p").toString() + "/year=*"));
    assertEquals(List.of("year", "city"), globbed.partitionColumns());
    InputFiles below = InputFiles.list(conf, List.of(dir.resolve("p/year=2024").toString()));
    assertEquals(List.of("city"), below.partitionColumns());
  }

  @Test
  void mismatchedPartitionLayoutsNameTwoFiles() throws IOException {
    touch("m/year=2024/month=1/a.parquet", 1);
    touch("m/month=2/year=2024/b.parquet", 1);
    BadInputException e = assertThrows(BadInputException.class,
        () -> InputFiles.list(conf, List.of(dir.resolve("m").toString())));
    assertTrue(e.getMessage().contains("a.parquet") && e.getMessage().contains("b.parquet"),
        e.getMessage());

    touch("n/year=2024/a.parquet", 1);
    touch("n/b.parquet", 1);
    e = assertThrows(BadInputException.class,
        () -> InputFiles.list(conf, List.of(dir.resolve("n").toString())));
    assertTrue(e.getMessage().contains("no partition keys"), e.getMessage());
  }

  @Test
  void missingPathsAndEmptyGlobsAreBadInputButEmptyDirectoriesAreNot() throws IOException {
    String missing = dir.resolve("nope").toString();
    BadInputException e = assertThrows(BadInputException.class,
        () -> InputFiles.list(conf, List.of(missing)));
    assertEquals("input path does not exist: " + missing, e.getMessage());
    String glob = dir.resolve("nothing-*").toString();
    e = assertThrows(BadInputException.class, () -> InputFiles.list(conf, List.of(glob)));
    assertEquals("input path does not exist: " + glob, e.getMessage());

    Files.createDirectories(dir.resolve("empty/sub"));
    touch("empty/_SUCCESS", 0);
    InputFiles none = InputFiles.list(conf, List.of(dir.resolve("empty").toString()));
    assertTrue(none.isEmpty());
    assertEquals(0, none.totalBytes());
  }
}
