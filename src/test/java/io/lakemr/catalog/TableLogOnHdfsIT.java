package io.lakemr.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.formats.AtomicFiles;
import io.lakemr.testing.LakemrCluster;
import java.io.File;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The table log on HDFS (the integration tests' shared MiniDFSCluster): put-if-absent by a rename with
 * {@code Options.Rename.NONE} creates a file once and leaves no temporary file, and 8 writers, 4
 * threads and 4 processes of their own, appending 6 commits each land every commit once.
 */
class TableLogOnHdfsIT {

  @RegisterExtension
  static final LakemrCluster CLUSTER = new LakemrCluster();
  @Test
  void putIfAbsentAndRacingAppendsOnHdfs() throws Exception {
    Configuration conf = CLUSTER.conf();
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
      File clientConf = File.createTempFile("hdfs-client-", ".xml");
      clientConf.deleteOnExit();
      try (OutputStream out = new FileOutputStream(clientConf)) {
        conf.writeXml(out);
      }
      List<Process> children = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        children.add(new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-Xmx128m", "-cp",
            System.getProperty("java.class.path"), AppendingWriter.class.getName(), table.toString(), "proc" + w,
            "6", clientConf.toURI().toString()).inheritIO().start());
      }
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
      for (Process child : children) {
        assertTrue(child.waitFor(120, TimeUnit.SECONDS), "writer process still running");
        assertEquals(0, child.exitValue(), "writer process failed");
      }
      TableLog log = TableLog.open(conf, table);
      assertEquals(49, log.latestVersion());
      Set<String> paths = new HashSet<>();
      log.snapshot().files().forEach(f -> paths.add(f.path()));
      assertEquals(48, paths.size(), "every commit's file once: replay is the union");
      pool.shutdown();
      assertEquals(53, fs.listStatus(new Path(table, TableLog.LOG_DIR)).length, "49 commits and 4 checkpoints");
    } finally {
      fs.delete(root, true);
    }
  }
}
