package io.lakemr.formats.csv;

import io.lakemr.data.Column;
import io.lakemr.data.Schemas;
import io.lakemr.formats.FileRange;
import io.lakemr.formats.badrecords.BadRecords;
import io.lakemr.formats.json.JsonLinesBatchReader;
import io.lakemr.formats.json.JsonOptions;
import io.lakemr.formats.text.LineSource;
import io.lakemr.formats.text.LineSources;
import io.lakemr.formats.text.SchemaSpec;
import java.io.BufferedOutputStream;
import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * One-core read rates of the CSV and JSON Lines readers over the five-column sensor table, next
 * to raw limits on the same file: reading its bytes, finding its lines, and splitting its
 * fields without converting them. Not a test; run by hand:
 *
 * <pre>java -cp target/classes:target/test-classes:CLASSPATH io.lakemr.formats.csv.CsvReadBench DIR [ROWS]</pre>
 */
public final class CsvReadBench {

  private static final String SCHEMA = "ts:timestamp,station:string,status:string,value:double,sensor_id:long";

  private CsvReadBench() {
  }

  public static void main(String[] args) throws IOException {
    File dir = new File(args[0]);
    long rows = args.length > 1 ? Long.parseLong(args[1]) : 5_000_000L;
    File csv = new File(dir, "bench-" + rows + ".csv");
    File jsonl = new File(dir, "bench-" + rows + ".jsonl");
    if (!csv.exists() || !jsonl.exists()) {
      write(csv, jsonl, rows);
    }
    Configuration conf = new Configuration();
    List<Column> columns = SchemaSpec.parse(SCHEMA);
    if (args.length > 2 && args[2].equals("csv")) {
      for (int run = 0; run < 10; run++) {
        report("CSV into vectors", csv, rows, time(() -> csvBatches(conf, csv, columns)));
      }
      return;
    }
    if (args.length > 2 && args[2].equals("columns")) {
      for (String schema : new String[] {"ts:string,station:string,status:string,value:string,sensor_id:string",
          "ts:timestamp,station:string,status:string,value:string,sensor_id:string",
          "ts:string,station:string,status:string,value:double,sensor_id:string",
          "ts:string,station:string,status:string,value:string,sensor_id:long", "station:string"}) {
        List<Column> cols = SchemaSpec.parse(schema);
        for (int run = 0; run < 3; run++) {
          report(schema.length() > 26 ? schema.substring(0, 26) : schema, csv, rows, time(() -> csvBatches(conf, csv, cols)));
        }
      }
      return;
    }
    for (int run = 0; run < 3; run++) {
      report("bytes", csv, rows, time(() -> readBytes(csv)));
      report("lines", csv, rows, time(() -> lines(conf, csv)));
      report("fields (no conversion)", csv, rows, time(() -> fields(conf, csv)));
      report("CSV into vectors", csv, rows, time(() -> csvBatches(conf, csv, columns)));
      report("JSON Lines into vectors", jsonl, rows, time(() -> jsonBatches(conf, jsonl, columns)));
    }
  }

  interface Work {
    long run() throws IOException;
  }

  /** CPU seconds of this thread (the machine may be shared, so wall time says less). */
  private static double time(Work w) throws IOException {
    ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    long t0 = bean.getCurrentThreadCpuTime();
    long n = w.run();
    double s = (bean.getCurrentThreadCpuTime() - t0) / 1e9;
    if (n < 0) {
      System.out.println("?");
    }
    return s;
  }

  private static void report(String what, File f, long rows, double seconds) {
    System.out.printf(Locale.ROOT, "%-26s %6.2f s cpu  %6.2f M rows/s  %7.1f MB/s%n", what, seconds, rows / seconds / 1e6,
        f.length() / seconds / 1e6);
  }

  private static FileRange whole(File f) {
    return new FileRange(new Path(f.toURI()), 0, f.length(), List.of());
  }

  private static long readBytes(File f) throws IOException {
    byte[] buf = new byte[1 << 18];
    long n = 0;
    try (FileInputStream in = new FileInputStream(f)) {
      int k;
      while ((k = in.read(buf)) > 0) {
        n += buf[k - 1];
      }
    }
    return n;
  }

  private static long lines(Configuration conf, File f) throws IOException {
    long n = 0;
    try (LineSource s = LineSources.open(conf, new Path(f.toURI()), 0, f.length(), false, 1 << 20)) {
      while (s.next()) {
        n += s.end() - s.start();
      }
    }
    return n;
  }

  private static long fields(Configuration conf, File f) throws IOException {
    long n = 0;
    try (CsvRecords r = new CsvRecords(LineSources.open(conf, new Path(f.toURI()), 0, f.length(), false, 1 << 20),
        CsvOptions.DEFAULTS)) {
      while (r.next()) {
        n += r.fields.count;
      }
    }
    return n;
  }

  private static long csvBatches(Configuration conf, File f, List<Column> columns) throws IOException {
    long n = 0;
    VectorizedRowBatch batch = Schemas.newBatch(columns, 1024);
    try (CsvBatchReader r = new CsvBatchReader(conf, whole(f), CsvOptions.DEFAULTS, columns, columns, List.of(),
        BadRecords.failing())) {
      while (r.next(batch)) {
        n += batch.size;
      }
    }
    return n;
  }

  private static long jsonBatches(Configuration conf, File f, List<Column> columns) throws IOException {
    long n = 0;
    VectorizedRowBatch batch = Schemas.newBatch(columns, 1024);
    try (JsonLinesBatchReader r = new JsonLinesBatchReader(conf, whole(f), JsonOptions.DEFAULTS, columns, List.of(),
        BadRecords.failing())) {
      while (r.next(batch)) {
        n += batch.size;
      }
    }
    return n;
  }

  private static void write(File csv, File jsonl, long rows) throws IOException {
    SplittableRandom random = new SplittableRandom(42);
    String[] statuses = {"ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "ok", "warn"};
    long start = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
    try (OutputStream c = new BufferedOutputStream(Files.newOutputStream(csv.toPath()), 1 << 20);
        OutputStream j = new BufferedOutputStream(Files.newOutputStream(jsonl.toPath()), 1 << 20)) {
      c.write("ts,station,status,value,sensor_id\n".getBytes(StandardCharsets.US_ASCII));
      for (long i = 0; i < rows; i++) {
        String ts = Instant.ofEpochMilli(start + random.nextLong(30L * 86_400_000L)).toString();
        String station = String.format(Locale.ROOT, "st-%04d", 1 + random.nextInt(1000));
        String status = statuses[random.nextInt(statuses.length)];
        double value = 50 + 10 * random.nextDouble(-3, 3);
        long sensor = random.nextLong(rows / 10 + 1);
        c.write((ts + "," + station + "," + status + "," + value + "," + sensor + "\n")
            .getBytes(StandardCharsets.US_ASCII));
        j.write(("{\"ts\":\"" + ts + "\",\"station\":\"" + station + "\",\"status\":\"" + status + "\",\"value\":" + value
            + ",\"sensor_id\":" + sensor + "}\n").getBytes(StandardCharsets.US_ASCII));
      }
    }
  }
}
