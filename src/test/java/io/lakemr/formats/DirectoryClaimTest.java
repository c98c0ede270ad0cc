package io.lakemr.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A format that claims a directory gets it listed as one input, with its dot-files. */
class DirectoryClaimTest {

  @TempDir
  Path dir;

  private final Configuration conf = new Configuration();
  private final List<InputFormatDescriptor> formats = List.of(new TinyStoreFormat());

  private void touch(String relative, int bytes) throws IOException {
    Path p = dir.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.write(p, new byte[bytes]);
  }

  private static List<String> names(InputFiles files) {
    return files.files().stream().map(f -> f.path().getName()).toList();
  }

  @Test
  void aClaimedDirectoryIsOneInputHoldingItsDotFiles() throws IOException {
    touch("t/a.bin", 10);
    touch("t/store.tiny/.tinymeta", 3);
    touch("t/store.tiny/0.0", 20);
    touch("t/store.tiny/sub/1.0", 30);
    touch("t/plain/.tinymeta", 4);
    touch("t/plain/c", 5);
    touch("t/other/b.bin", 7);
    InputFiles files = InputFiles.list(conf, List.of(dir.resolve("t").toString()), formats);
    assertEquals(List.of("a.bin", "b.bin", "plain", "store.tiny"), names(files));
    InputFile store = files.files().get(3);
    assertTrue(store.status().isDirectory());
    assertEquals(53, store.length(), "bytes under the store, dot-file included");
    assertEquals(9, files.files().get(2).length());
    assertEquals(10 + 7 + 9 + 53, files.totalBytes());
  }

  @Test
  void withoutTheFormatTheDirectoryIsDescendedAndDotFilesDropped() throws IOException {
    touch("t/store.tiny/.tinymeta", 3);
    touch("t/store.tiny/0.0", 20);
    InputFiles files = InputFiles.list(conf, List.of(dir.resolve("t").toString()), List.of());
    assertEquals(List.of("0.0"), names(files));
  }

  @Test
  void aClaimedDirectoryGivenDirectlyKeepsItsPartitionValues() throws IOException {
    touch("t/day=1/store.tiny/.tinymeta", 3);
    touch("t/day=2/store.tiny/0.0", 20);
    InputFiles direct = InputFiles.list(conf, List.of(dir.resolve("t/day=1/store.tiny").toString()), formats);
    assertEquals(List.of("store.tiny"), names(direct));
    assertEquals(List.of(), direct.partitionColumns());
    InputFiles all = InputFiles.list(conf, List.of(dir.resolve("t").toString()), formats);
    assertEquals(List.of("day"), all.partitionColumns());
    assertEquals(List.of("1"), all.files().get(0).partitionValues());
    assertEquals(List.of("2"), all.files().get(1).partitionValues());
    InputFiles glob = InputFiles.list(conf, List.of(dir.resolve("t").toString() + "/day=*/*.tiny"), formats);
    assertEquals(2, glob.files().size());
    assertTrue(glob.files().get(1).status().isDirectory());
  }
}
