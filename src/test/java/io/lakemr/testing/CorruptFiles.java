package io.lakemr.testing;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.apache.parquet.io.LocalInputFile;

/** Damaged copies of good files, byte by byte, for the bad-input tests. */
public final class CorruptFiles {

  private CorruptFiles() {
  }

  public static Path write(Path dir, String name, byte[] bytes) throws IOException {
    return Files.write(dir.resolve(name), bytes);
  }

  public static Path copy(Path src, Path dir, String name) throws IOException {
    return Files.copy(src, dir.resolve(name));
  }

  public static Path cut(Path src, Path dir, String name, long length) throws IOException {
    return write(dir, name, Arrays.copyOf(Files.readAllBytes(src), (int) length));
  }

  public static void writeAt(Path file, long at, byte[] bytes) throws IOException {
    byte[] all = Files.readAllBytes(file);
    System.arraycopy(bytes, 0, all, (int) at, bytes.length);
    Files.write(file, all);
  }

  public static void flip(Path file, long at) throws IOException {
    byte[] all = Files.readAllBytes(file);
    all[(int) at] ^= 0x5A;
    Files.write(file, all);
  }

  /** Where a Parquet file's footer starts, from the length written before the closing magic. */
  public static long footerStart(Path file) throws IOException {
    byte[] all = Files.readAllBytes(file);
    int length = ByteBuffer.wrap(all, all.length - 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    return all.length - 8 - length;
  }

  /** The chunk of a column in the first row group, from the footer. */
  public static ColumnChunkMetaData chunk(Path file, String column) throws IOException {
    try (ParquetFileReader r = ParquetFileReader.open(new LocalInputFile(file))) {
      for (ColumnChunkMetaData c : r.getRowGroups().get(0).getColumns()) {
        if (c.getPath().toDotString().equals(column)) {
          return c;
        }
      }
    }
    throw new IllegalArgumentException(column + " not in " + file);
  }

  /** Flips the last byte of a column chunk: a byte of its last page's data, under the page CRC. */
  /** A copy of a Parquet file with the last byte of a column's first chunk flipped. */
  public static Path flipLastPageByte(Path src, Path dir, String name, String column) throws IOException {
    Path f = copy(src, dir, name);
    ColumnChunkMetaData c = chunk(f, column);
    flip(f, c.getStartingPos() + c.getTotalSize() - 1);
    return f;
  }
}
