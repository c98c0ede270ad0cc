package io.lakemr.formats.zarr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.File;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.hive.ql.exec.vector.BytesColumnVector;
import org.apache.hadoop.hive.ql.exec.vector.VectorizedRowBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Fixed-length byte strings read through {@link ZarrBatchReader}: short ones come from one array
 * per distinct value while there are few distinct values, and stay right when there turn out to
 * be too many (then they are referred to in the chunks, which are not reused while the batch
 * holds them). The store is written here, each chunk a Blosc frame stored uncompressed (as
 * c-blosc stores data that does not compress), so chunks decode through the path that reuses
 * arrays; the expected values are the strings written.
 */
class ZarrStringValuesTest {

  private static final int CHUNK = 1000;

  @TempDir
  File tmp;

  @Test
  void fewDistinctValuesShareOneArrayEach() throws Exception {
    List<String> written = new ArrayList<>();
    for (int i = 0; i < 5 * CHUNK + 17; i++) {
      written.add(i % 3 == 0 ? "ok" : i % 3 == 1 ? "" : "st-" + (i % 40));
    }
    ZarrBatchReader reader = reader(written, "|S6", 6);
    VectorizedRowBatch batch = reader.createBatch(333);
    List<String> read = new ArrayList<>();
    byte[] firstOk = null;
    while (reader.next(batch)) {
      BytesColumnVector v = (BytesColumnVector) batch.cols[0];
      for (int i = 0; i < batch.size; i++) {
        String s = new String(v.vector[i], v.start[i], v.length[i], StandardCharsets.UTF_8);
        if (s.equals("ok")) {
          firstOk = firstOk == null ? v.vector[i] : firstOk;
          assertSame(firstOk, v.vector[i], "row " + read.size() + ": one array per distinct value");
        }
        read.add(s);
      }
    }
    assertEquals(written, read);
    reader.close();
  }

  @Test
  void manyDistinctValuesReadRightInBatchesAcrossChunks() throws Exception {
    List<String> written = new ArrayList<>();
    for (int i = 0; i < 9 * CHUNK + 1; i++) {
      written.add(i % 5 == 0 ? "x" : Integer.toString(i * 7919 % 100_003));
    }
    for (int width : new int[] {6, 12}) {
      ZarrBatchReader reader = reader(written, "|S" + width, width);
      // a batch size that does not divide the chunks: batches hold rows of two chunks
      VectorizedRowBatch batch = reader.createBatch(777);
      List<String> read = new ArrayList<>();
      while (reader.next(batch)) {
        BytesColumnVector v = (BytesColumnVector) batch.cols[0];
        for (int i = 0; i < batch.size; i++) {
          read.add(new String(v.vector[i], v.start[i], v.length[i], StandardCharsets.UTF_8));
        }
      }
      assertEquals(written, read, "width " + width);
      reader.close();
    }
  }

  /** Writes one |S array of the strings, NUL-padded, in 1,000-row Blosc chunks, and opens a reader of it. */
  private ZarrBatchReader reader(List<String> values, String dtype, int width) throws Exception {
    File dir = new File(tmp, dtype.substring(1) + "-" + values.size() + ".zarr");
    FileSystem fs = ZarrFixtures.localFs();
    Path store = new Path(dir.toURI());
    int chunks = (values.size() + CHUNK - 1) / CHUNK;
    for (int c = 0; c < chunks; c++) {
      ByteBuffer frame = ByteBuffer.allocate(16 + CHUNK * width).order(ByteOrder.LITTLE_ENDIAN);
      frame.put((byte) 2).put((byte) 1).put((byte) 0x2).put((byte) 1);
      frame.putInt(CHUNK * width).putInt(CHUNK * width).putInt(16 + CHUNK * width);
      for (int i = c * CHUNK; i < Math.min(values.size(), (c + 1) * CHUNK); i++) {
        frame.put(values.get(i).getBytes(StandardCharsets.UTF_8));
        frame.position(16 + (i - c * CHUNK + 1) * width);
      }
      write(fs, new Path(store, "s/" + c), frame.array());
    }
    String zarray = "{\"zarr_format\": 2, \"shape\": [" + values.size() + "], \"chunks\": [" + CHUNK + "], "
        + "\"dtype\": \"" + dtype + "\", \"compressor\": {\"id\": \"blosc\", \"cname\": \"lz4\", \"clevel\": 5, "
        + "\"shuffle\": 0, \"blocksize\": 0}, \"fill_value\": null, \"order\": \"C\", \"filters\": null}";
    write(fs, new Path(store, "s/.zarray"), zarray.getBytes(StandardCharsets.UTF_8));
    write(fs, new Path(store, ".zgroup"), "{\"zarr_format\": 2}".getBytes(StandardCharsets.UTF_8));
    ZarrStore zs = ZarrFixtures.store(dir);
    ZarrTableMapping m = ZarrTableMapping.resolve(ZarrHierarchy.open(zs, "s"),
        new ZarrReadOptions("s", List.of(), false));
    return new ZarrBatchReader(zs, m, 0, m.rowCount());
  }

  private static void write(FileSystem fs, Path p, byte[] bytes) throws Exception {
    try (OutputStream out = fs.create(p, true)) {
      out.write(bytes);
    }
  }
}
