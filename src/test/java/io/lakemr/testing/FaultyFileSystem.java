package io.lakemr.testing;

import java.io.IOException;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.CreateFlag;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.DistributedFileSystem;
import org.apache.hadoop.util.Progressable;

/**
 * HDFS under another scheme, {@value #SCHEME}, that injects faults into the tasks and the
 * application master of a job, for tests only. A job reads its input and writes its output
 * through {@code faulty://NAMENODE/path} (the same files as {@code hdfs://NAMENODE/path}); its
 * configuration registers this class ({@link #options()}) and names the faults as
 * {@link FaultRule}s under {@code lakemr.test.faults.rule.}. On a MiniYARNCluster the test
 * class path reaches every container, so nothing of the product changes.
 *
 * <p>It is {@link DistributedFileSystem} itself, with the scheme swapped, rather than a
 * {@code FilterFileSystem}: every path it takes and returns then carries this scheme with no
 * translation. Reads and file creations are where faults fire.
 */
public class FaultyFileSystem extends DistributedFileSystem {

  /** The scheme this file system is registered for. */
  public static final String SCHEME = "faulty";

  private URI uri;
  private FaultInjector faults;

  /** Generic options that register this file system, uncached, for a command and its job. */
  public static List<String> options() {
    return List.of("-D", "fs." + SCHEME + ".impl=" + FaultyFileSystem.class.getName(),
        "-D", "fs." + SCHEME + ".impl.disable.cache=true");
  }

  /** {@code path} of the HDFS {@code hdfs} as a {@code faulty://} URI string. */
  public static String uri(FileSystem hdfs, String path) {
    return SCHEME + "://" + hdfs.getUri().getAuthority() + path;
  }

  /** {@code -D lakemr.test.faults.rule.NAME=WORDS}, see {@link FaultRule}. */
  public static List<String> rule(String name, String words) {
    return List.of("-D", FaultInjector.RULE + name + "=" + words);
  }

  /** {@code -D} for the directory, on the default file system, where firings are recorded. */
  public static List<String> recordsIn(String dir) {
    return List.of("-D", FaultInjector.DIR + "=" + dir);
  }

  @Override
  public void initialize(URI name, Configuration conf) throws IOException {
    uri = URI.create(SCHEME + "://" + name.getAuthority());
    super.initialize(URI.create("hdfs://" + name.getAuthority()), conf);
    faults = new FaultInjector(this, conf);
    faults.startWatchers();
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }

  @Override
  public URI getUri() {
    return uri;
  }

  @Override
  public FSDataInputStream open(Path f, int bufferSize) throws IOException {
    FSDataInputStream in = super.open(f, bufferSize);
    return faults.watchesReads() ? new FSDataInputStream(new WatchedInputStream(in, f, faults)) : in;
  }

  @Override
  public FSDataOutputStream create(Path f, FsPermission permission, EnumSet<CreateFlag> flags, int bufferSize,
      short replication, long blockSize, Progressable progress, Options.ChecksumOpt checksumOpt) throws IOException {
    faults.beforeCreate(f);
    return super.create(f, permission, flags, bufferSize, replication, blockSize, progress, checksumOpt);
  }

  /** Creates an empty file at {@code path} (its path part, on this file system) with no fault check. */
  void record(Path path) throws IOException {
    Path p = new Path(uri.getScheme(), uri.getAuthority(), path.toUri().getPath());
    super.create(p, FsPermission.getFileDefault(), EnumSet.of(CreateFlag.CREATE, CreateFlag.OVERWRITE), 4096,
        getDefaultReplication(p), getDefaultBlockSize(p), null, null).close();
  }
}
