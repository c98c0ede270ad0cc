package io.lakemr.catalog;

import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.Schemas;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;

/** Small tables for the catalog tests: a schema partitioned by {@code day}, and data files on disk. */
final class Tables {

  static final Schema SCHEMA = Schemas.record("row", List.of(new Column("station", ColumnType.STRING),
      new Column("value", ColumnType.INT), new Column("day", ColumnType.STRING)));

  private Tables() {
  }

  static Configuration conf() {
    Configuration conf = new Configuration(false);
    conf.set("fs.defaultFS", "file:///");
    conf.set("fs.file.impl", "io.lakemr.formats.NioLocalFileSystem");
    return conf;
  }

  /** A new table partitioned by day, at commit 1. */
  static TableLog create(Configuration conf, File dir) throws IOException {
    TableLog log = TableLog.open(conf, new Path(dir.toURI()));
    log.commit(PendingCommit.create(Operation.CREATE, SCHEMA, List.of("day")));
    return log;
  }

  /** Writes a small data file in a day's partition and gives its entry. */
  static DataFile write(File table, String day, String name) throws IOException {
    String rel = "day=" + day + "/" + name;
    File file = new File(table, rel);
    Files.createDirectories(file.getParentFile().toPath());
    Files.writeString(file.toPath(), rel, StandardCharsets.UTF_8);
    return new DataFile(rel, partition(day), 1, file.length());
  }

  /** A file entry with nothing on disk, for log-only tests. */
  static DataFile entry(String day, String name, long rows) {
    return new DataFile("day=" + day + "/" + name, partition(day), rows, 100);
  }

  static Map<String, String> partition(String day) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("day", day);
    return p;
  }
}
