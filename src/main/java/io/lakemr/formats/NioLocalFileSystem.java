package io.lakemr.formats;

import org.apache.hadoop.fs.LocalFileSystem;

/**
 * Hadoop's checksummed local file system over {@link NioRawLocalFileSystem}. Local runs
 * ({@code bin/lakemr}) use it as {@code fs.file.impl}; it behaves as {@link LocalFileSystem}
 * without forking a process per permission change.
 */
public class NioLocalFileSystem extends LocalFileSystem {

  public NioLocalFileSystem() {
    super(new NioRawLocalFileSystem());
  }
}
