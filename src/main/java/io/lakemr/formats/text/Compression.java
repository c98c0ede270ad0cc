package io.lakemr.formats.text;

import io.airlift.compress.zstd.ZstdInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.BZip2Codec;

/**
 * The compression of a text file, known from its name's last suffix. Uncompressed and bzip2
 * files split at byte ranges; gzip and zstd files are read whole by one task.
 */
public enum Compression {
  NONE(""),
  GZIP(".gz"),
  BZIP2(".bz2"),
  ZSTD(".zst");

  private final String suffix;

  Compression(String suffix) {
    this.suffix = suffix;
  }

  /** The compression a file's name says. */
  public static Compression of(Path path) {
    String name = path.getName().toLowerCase(Locale.ROOT);
    for (Compression c : values()) {
      if (c != NONE && name.endsWith(c.suffix)) {
        return c;
      }
    }
    return NONE;
  }

  /** The file name without its compression suffix: {@code a.csv.gz} gives {@code a.csv}. */
  public static String baseName(Path path) {
    String name = path.getName();
    Compression c = of(path);
    return name.substring(0, name.length() - c.suffix.length());
  }

  /** Whether a task may read a byte range of such a file rather than all of it. */
  public boolean isSplittable() {
    return this == NONE || this == BZIP2;
  }

  public String suffix() {
    return suffix;
  }

  /** The decompressed bytes of a whole file, given its raw stream at offset 0. */
  public InputStream decompress(InputStream raw, Configuration conf) throws IOException {
    switch (this) {
      case NONE:
        return raw;
      case GZIP:
        return new GZIPInputStream(raw, 64 * 1024);
      case ZSTD:
        return new ZstdInputStream(raw);
      case BZIP2:
        BZip2Codec codec = new BZip2Codec();
        codec.setConf(conf);
        return codec.createInputStream(raw);
      default:
        throw new AssertionError(this);
    }
  }
}
