package io.lakemr.formats.hdf5;

import io.jhdf.HdfFile;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;

/** Opens the committed fixtures under src/test/resources/hdf5 through a Hadoop FileSystem. */
final class Hdf5Fixtures {

  private Hdf5Fixtures() {
  }

  static Path dir() {
    try {
      return Paths.get(Hdf5Fixtures.class.getResource("/hdf5/expected.json").toURI()).getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static FileSystem localFs() throws IOException {
    return FileSystem.getLocal(new Configuration()).getRawFileSystem();
  }

  static org.apache.hadoop.fs.Path path(String name) {
    return new org.apache.hadoop.fs.Path(dir().resolve(name).toUri());
  }

  static HdfFile open(String name) throws IOException {
    return Hdf5Files.open(localFs(), path(name));
  }
}
