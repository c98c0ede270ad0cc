package io.lakemr.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.formats.AtomicFiles;
import io.lakemr.testing.MiniClusters;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;

/**
 * The table log on HDFS (the integration tests' shared MiniDFSCluster): put-if-absent by a rename with
 * {@code Options.Rename.NONE} creates a file once and leaves no temporary file, and 4 threads
 * appending 6 commits each land every commit once.
 */
class TableLogOnHdfsIT {
  @Test
  void putIfAbsentAndRacingAppendsOnHdfs() throws Exception {
    Configuration conf = MiniClusters.conf();
    FileSystem fs = FileSystem.get(conf);
    Path root = new Path(fs.getUri().toString() + "/table-log-it");
    fs.delete(root, true);
    try {
      Path p = new Path(root, "x/a.json");
      fs.mkdirs(p.getParent());
      assertTrue(AtomicFiles.putIfAbsent(conf, p, "1".getBytes(StandardCharsets.UTF_8)));
      assertFalse(AtomicFiles.putIfAbsent(conf, p, "2".getBytes(StandardCharsets.UTF_8)));
      assertEquals(1, fs.listStatus(p.getParent()).length);
      Path table = new Path(root, "lake/t");
      TableLog.open(conf, table).commit(PendingCommit.create(Operation.CREATE, Tables.SCHEMA, List.of("day")));
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int tt = t;
        writers.add(pool.submit(() -> {
          TableLog log = TableLog.open(conf, table);
          for (int i = 0; i < 6; i++) {
            log.commit(log.snapshot().newCommit(Operation.APPEND).add(Tables.entry("d", "t" + tt + "-" + i, 1)));
          }
          return null;
        }));
      }
      for (Future<?> f : writers) {
        f.get();
      }
      TableLog log = TableLog.open(conf, table);
      assertEquals(25, log.latestVersion());
      Set<String> paths = new HashSet<>();
      log.snapshot().files().forEach(f -> paths.add(f.path()));
      assertEquals(24, paths.size());
      pool.shutdown();
      assertEquals(27, fs.listStatus(new Path(table, TableLog.LOG_DIR)).length, "25 commits and 2 checkpoints");
    } finally {
      fs.delete(root, true);
    }
  }
}
