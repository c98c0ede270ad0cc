package io.lakemr.formats;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A test input format whose input unit is a directory, as a Zarr store's is: a directory named
 * {@code *.tiny}, or one holding a {@code .tinymeta} file. It reads nothing.
 */
final class TinyStoreFormat implements InputFormatDescriptor {

  @Override
  public String name() {
    return "tiny";
  }

  @Override
  public String displayName() {
    return "Tiny";
  }

  @Override
  public List<String> suffixes() {
    return List.of(".tiny");
  }

  @Override
  public boolean claimsDirectory(FileSystem fs, FileStatus dir) throws IOException {
    return dir.getPath().getName().endsWith(".tiny") || fs.exists(new Path(dir.getPath(), ".tinymeta"));
  }

  @Override
  public InputTable open(Configuration conf, InputFiles files, FormatOptions options) {
    throw new UnsupportedOperationException("the tiny test format reads nothing");
  }

  @Override
  public Map<String, Object> inspect(Configuration conf, InputFile file) {
    throw new UnsupportedOperationException("the tiny test format reads nothing");
  }

  @Override
  public void printInspection(Map<String, Object> doc, PrintStream out) {
    throw new UnsupportedOperationException("the tiny test format reads nothing");
  }
}
