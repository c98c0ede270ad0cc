package io.lakemr.formats.zarr;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.zip.Deflater;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Writes one 1-D Zarr v2 array of a directory store, row by row: chunk files {@code 0},
 * {@code 1}, ... of {@code chunkRows} rows each, little-endian, compressed with zlib (the
 * numcodecs {@code zlib} codec) or not at all. The last chunk is padded to the full chunk
 * size, as Zarr v2 requires. Values are fixed-size: {@code <i8}, {@code <f8}, or
 * NUL-padded fixed-length bytes ({@code |S<n>}).
 */
public final class ZarrArrayWriter {

  private final FileSystem fs;
  private final Path dir;
  private final String name;
  private final String dtype;
  private final int itemSize;
  private final int chunkRows;
  private final int zlibLevel;
  private final ByteBuffer chunk;
  private long rows;
  private int chunks;

  /**
   * An array {@code name} under {@code store}, of items of {@code itemSize} bytes.
   *
   * @param zlibLevel 1 to 9 for zlib, or -1 for no compressor
   */
  public ZarrArrayWriter(FileSystem fs, Path store, String name, String dtype, int itemSize, int chunkRows,
      int zlibLevel) {
    this.fs = fs;
    this.dir = new Path(store, name);
    this.name = name;
    this.dtype = dtype;
    this.itemSize = itemSize;
    this.chunkRows = chunkRows;
    this.zlibLevel = zlibLevel;
    this.chunk = ByteBuffer.allocate(Math.multiplyExact(itemSize, chunkRows)).order(ByteOrder.LITTLE_ENDIAN);
  }

  /** The array's name (its folder in the store). */
  public String name() {
    return name;
  }

  /** Appends one {@code <i8} value. */
  public void putLong(long v) throws IOException {
    chunk.putLong(v);
    rowDone();
  }

  /** Appends one {@code <f8} value. */
  public void putDouble(double v) throws IOException {
    chunk.putDouble(v);
    rowDone();
  }

  /** Appends one fixed-length bytes value, NUL-padded to the item size. */
  public void putBytes(byte[] b, int start, int length) throws IOException {
    if (length > itemSize) {
      throw new IOException(dir + ": a value of " + length + " bytes does not fit dtype " + dtype);
    }
    chunk.put(b, start, length);
    for (int i = length; i < itemSize; i++) {
      chunk.put((byte) 0);
    }
    rowDone();
  }

  private void rowDone() throws IOException {
    rows++;
    if (!chunk.hasRemaining()) {
      flush();
    }
  }

  private void flush() throws IOException {
    byte[] raw = chunk.array();
    Arrays.fill(raw, chunk.position(), raw.length, (byte) 0);
    byte[] stored = zlibLevel < 0 ? raw : deflate(raw);
    try (OutputStream out = fs.create(new Path(dir, Integer.toString(chunks)), false)) {
      out.write(stored);
    }
    chunks++;
    chunk.clear();
  }

  private byte[] deflate(byte[] raw) {
    Deflater d = new Deflater(zlibLevel);
    try {
      d.setInput(raw);
      d.finish();
      ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length / 2 + 64);
      byte[] buf = new byte[64 * 1024];
      while (!d.finished()) {
        out.write(buf, 0, d.deflate(buf));
      }
      return out.toByteArray();
    } finally {
      d.end();
    }
  }

  /**
   * Writes the last, partial chunk and returns the array's {@code .zarray} document, which
   * the caller writes (into the array's folder and the store's consolidated metadata).
   */
  public ObjectNode finish() throws IOException {
    if (chunk.position() > 0) {
      flush();
    }
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode z = f.objectNode();
    z.put("zarr_format", 2);
    z.putArray("shape").add(rows);
    z.putArray("chunks").add(chunkRows);
    z.put("dtype", dtype);
    if (zlibLevel < 0) {
      z.putNull("compressor");
    } else {
      z.putObject("compressor").put("id", "zlib").put("level", zlibLevel);
    }
    z.putNull("fill_value");
    z.put("order", "C");
    z.putNull("filters");
    z.put("dimension_separator", ".");
    return z;
  }
}
