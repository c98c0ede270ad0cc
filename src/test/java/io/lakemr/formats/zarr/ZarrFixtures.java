package io.lakemr.formats.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lakemr.formats.NioRawLocalFileSystem;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.ColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.DoubleColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.LongColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;

/**
 * Opens the committed stores under src/test/resources/zarr through Hadoop's local FileSystem
 * and reads tables out of them as plain values.
 */
final class ZarrFixtures {

  private static final Map<String, ZarrHierarchy> OPENED = new HashMap<>();

  private ZarrFixtures() {
  }

  static File dir() {
    try {
      return new File(ZarrFixtures.class.getResource("/zarr/expected.json").toURI()).getParentFile();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static JsonNode expected(String file) throws IOException {
    return new ObjectMapper().readTree(new File(dir(), file));
  }

  /** The local disk as {@code bin/lakemr} sees it ({@link NioRawLocalFileSystem}), uncached. */
  static FileSystem localFs() throws IOException {
    FileSystem fs = new NioRawLocalFileSystem();
    fs.initialize(URI.create("file:///"), new Configuration());
    return fs;
  }

  static ZarrStore store(String name) throws IOException {
    return store(new File(dir(), name));
  }

  /** A store in a folder of the local disk. */
  static ZarrStore store(File folder) throws IOException {
    return new ZarrStore(localFs(), new Path(folder.toURI()));
  }

  /** A store's hierarchy, read once per test class run. */
  static synchronized ZarrHierarchy open(String name) throws IOException {
    ZarrHierarchy h = OPENED.get(name);
    if (h == null) {
      h = ZarrHierarchy.open(store(name));
      OPENED.put(name, h);
    }
    return h;
  }

  static ZarrTableMapping map(String name, String dataset, List<String> columns, boolean cells) throws IOException {
    return ZarrTableMapping.resolve(open(name), new ZarrReadOptions(dataset, columns, cells));
  }

  /** Every row of a table, as lists of values (Long, Double, String) per column. */
  static List<List<Object>> readColumns(String name, ZarrTableMapping m, long first, long last, int batchSize)
      throws IOException {
    List<List<Object>> cols = new ArrayList<>();
    for (int c = 0; c < m.schema().columns().size(); c++) {
      cols.add(new ArrayList<>());
    }
    try (ZarrBatchReader r = new ZarrBatchReader(store(name), m, first, last)) {
      VectorizedRowBatch b = r.createBatch(batchSize);
      while (r.next(b)) {
        for (int c = 0; c < b.numCols; c++) {
          for (int i = 0; i < b.size; i++) {
            cols.get(c).add(value(b.cols[c], i));
          }
        }
      }
    }
    return cols;
  }

  static Object value(ColumnVector v, int i) {
    if (!v.noNulls && v.isNull[i]) {
      return null;
    }
    if (v instanceof LongColumnVector) {
      return ((LongColumnVector) v).vector[i];
    }
    if (v instanceof DoubleColumnVector) {
      return ((DoubleColumnVector) v).vector[i];
    }
    BytesColumnVector b = (BytesColumnVector) v;
    return new String(b.vector[i], b.start[i], b.length[i], StandardCharsets.UTF_8);
  }

  /** Asserts a value read equals one from expected.json (numbers, NaN/Infinity strings, booleans, strings). */
  static void assertValue(JsonNode want, Object got, String where) {
    if (got instanceof Double) {
      double d = (Double) got;
      if (want.isTextual()) {
        double w = want.asText().equals("NaN") ? Double.NaN : want.asText().equals("Infinity")
            ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        assertEquals(w, d, 0.0, where);
      } else {
        assertEquals(want.asDouble(), d, 0.0, where);
      }
    } else if (got instanceof Long) {
      long w = want.isBoolean() ? (want.asBoolean() ? 1 : 0) : want.asLong();
      assertTrue(want.isBoolean() || want.canConvertToLong(), where + ": " + want);
      assertEquals(w, (long) (Long) got, where);
    } else {
      assertEquals(want.asText(), got, where);
    }
  }
}
