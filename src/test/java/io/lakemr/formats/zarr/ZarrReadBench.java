package io.lakemr.formats.zarr;

import io.lakemr.formats.zarr.blosc.BloscDecoder;
import java.io.File;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * A microbenchmark of the Zarr read path, in one warm JVM (not a test): the Blosc decode of one
 * array's chunk files held in memory, into one reused array (MB/s of decoded bytes), then {@link ZarrBatchReader}
 * reading columns of a store's whole table (rows/s).
 *
 * <pre>
 *   java -cp target/test-classes:target/classes:... io.lakemr.formats.zarr.ZarrReadBench STORE ARRAY COL[,COL...] [RUNS]
 * </pre>
 */
public final class ZarrReadBench {

  private ZarrReadBench() {
  }

  public static void main(String[] args) throws Exception {
    File store = new File(args[0]);
    int runs = args.length > 3 ? Integer.parseInt(args[3]) : 5;
    decode(new File(store, args[1]), runs);
    read(store, List.of(args[2].split(",")), runs);
  }

  private static void decode(File array, int runs) throws Exception {
    List<byte[]> frames = new ArrayList<>();
    for (File f : array.listFiles()) {
      if (!f.getName().startsWith(".") && !f.getName().endsWith(".crc")) {
        frames.add(Files.readAllBytes(f.toPath()));
      }
    }
    for (int r = 0; r < runs; r++) {
      long started = System.nanoTime();
      long out = 0;
      byte[] reuse = null;
      for (byte[] frame : frames) {
        reuse = BloscDecoder.decode(frame, frame.length, reuse);
        out += reuse.length;
      }
      double s = (System.nanoTime() - started) / 1e9;
      System.out.printf("blosc decode %s: %d chunks, %.1f MB in %.3f s, %.0f MB/s%n", array.getName(), frames.size(),
          out / 1e6, s, out / 1e6 / s);
    }
  }

  private static void read(File dir, List<String> columns, int runs) throws Exception {
    FileSystem fs = FileSystem.getLocal(new Configuration());
    ZarrStore store = new ZarrStore(fs, new Path(dir.getAbsolutePath()));
    ZarrTableMapping mapping = ZarrTableMapping.resolve(ZarrHierarchy.open(store, ""),
        new ZarrReadOptions(null, columns, false));
    for (int r = 0; r < runs; r++) {
      long started = System.nanoTime();
      long rows = 0;
      try (ZarrBatchReader reader = new ZarrBatchReader(store, mapping, 0, mapping.rowCount())) {
        VectorizedRowBatch batch = reader.createBatch(1024);
        while (reader.next(batch)) {
          rows += batch.size;
        }
      }
      double s = (System.nanoTime() - started) / 1e9;
      System.out.printf("read %s: %,d rows in %.3f s, %,.0f rows/s%n", columns, rows, s, rows / s);
    }
  }
}
