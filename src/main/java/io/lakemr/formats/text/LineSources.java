package io.lakemr.formats.text;

import java.io.IOException;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/** Opens the right {@link LineSource} for a file's byte range and compression. */
public final class LineSources {

  private LineSources() {
  }

  /**
   * The lines of {@code [start, start + length)} of a file.
   *
   * @param wholeFile read the file as one range (multi-line records); {@code start} must be 0
   * @param maxLineBytes longer lines are reported too long
   * @throws IllegalArgumentException for a range of a file that cannot be split, not at 0
   */
  public static LineSource open(Configuration conf, Path path, long start, long length, boolean wholeFile,
      int maxLineBytes) throws IOException {
    Compression compression = Compression.of(path);
    boolean whole = wholeFile || !compression.isSplittable();
    if (whole && start != 0) {
      throw new IllegalArgumentException("range " + start + "+" + length + " of " + path
          + ": a " + (wholeFile ? "multi-line" : compression.name().toLowerCase(Locale.ROOT))
          + " file is read whole, from byte 0");
    }
    FileSystem fs = path.getFileSystem(conf);
    FSDataInputStream raw = fs.open(path);
    try {
      if (whole) {
        return new StreamLineSource(compression.decompress(raw, conf), 0, Long.MAX_VALUE, maxLineBytes);
      }
      if (compression == Compression.BZIP2) {
        return new Bzip2LineSource(conf, raw, start, start + length, maxLineBytes);
      }
      raw.seek(start);
      return new StreamLineSource(raw, start, start + length, maxLineBytes);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  /** All lines of a file from byte 0, decompressed; for reading a header or a sample. */
  public static LineSource openWhole(Configuration conf, Path path, int maxLineBytes) throws IOException {
    FSDataInputStream raw = path.getFileSystem(conf).open(path);
    try {
      return new StreamLineSource(Compression.of(path).decompress(raw, conf), 0, Long.MAX_VALUE, maxLineBytes);
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }
}
