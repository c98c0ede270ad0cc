package io.lakemr.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Listing Hive partition folders asks the file system once per folder: whether a folder is a
 * Zarr store is decided from the names its listing returned, with no lookup of metadata keys.
 */
class InputListingCostTest {

  @TempDir
  Path tmp;

  @Test
  void oneListingPerFolderAndNoKeyLookups() throws Exception {
    for (int day = 1; day <= 12; day++) {
      for (String site : new String[] {"a", "b"}) {
        Path dir = Files.createDirectories(tmp.resolve("t/day=" + day + "/site=" + site));
        Files.write(dir.resolve("part-0.parquet"), new byte[10]);
      }
    }
    Path store = Files.createDirectories(tmp.resolve("t/day=1/site=a/cube"));
    Files.writeString(store.resolve(".zgroup"), "{\"zarr_format\": 2}");
    Configuration conf = new Configuration();
    conf.setClass("fs.file.impl", CountingLocalFileSystem.class, FileSystem.class);
    conf.setBoolean("fs.file.impl.disable.cache", true);
    CountingLocalFileSystem.reset();

    InputFiles files = InputFiles.list(conf, List.of(tmp.resolve("t").toString()));

    assertEquals(25, files.files().size());
    assertEquals(List.of("day", "site"), files.partitionColumns());
    assertEquals(1, files.files().stream().filter(f -> f.path().getName().equals("cube")).count(),
        "the folder holding .zgroup is one input");
    // the input path and the store's content summary; no key lookups in the 37 other folders
    // (looking up zarr.json, .zgroup and .zarray in each made over 100)
    assertEquals(2, CountingLocalFileSystem.STATUS_CALLS.get(), "status lookups");
    // t, 12 day folders, 24 site folders, the store, and the store again for its size
    assertEquals(39, CountingLocalFileSystem.LISTINGS.get(), "listings");
  }
}
