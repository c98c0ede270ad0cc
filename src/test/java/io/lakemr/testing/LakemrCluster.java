package io.lakemr.testing;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The test kit's entry point: a JUnit 5 extension giving a test class the JVM's one
 * MiniDFSCluster and MiniMRYarnCluster ({@link MiniClusters}, started by the first class that
 * asks, stopped when the JVM exits, with quick-shutdown settings). Use it as
 * {@code @RegisterExtension static final LakemrCluster CLUSTER = new LakemrCluster();} or
 * {@code @ExtendWith(LakemrCluster.class)} with a {@code LakemrCluster} test or lifecycle
 * method parameter. It runs a {@link Tool} in this JVM against the cluster, runs a job jar as
 * {@code hadoop jar} does (RunJar in a new JVM on Hadoop's client class path alone) and copies
 * files in and out of HDFS.
 */
public final class LakemrCluster implements BeforeAllCallback, ParameterResolver {

  /** What a run printed and its exit code. */
  public record Run(int exit, String out) {
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    MiniClusters.conf();
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == LakemrCluster.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return this;
  }

  /** A new copy of the cluster's configuration: HDFS the default file system, YARN the framework. */
  public Configuration conf() throws IOException {
    return MiniClusters.conf();
  }

  /** The cluster's HDFS. */
  public FileSystem fs() throws IOException {
    return FileSystem.get(conf());
  }

  /** Runs a tool in this JVM with the cluster's configuration; returns its exit code. */
  public int run(Tool tool, String... args) throws Exception {
    return ToolRunner.run(conf(), tool, args);
  }

  /** Copies a local file or directory to HDFS, replacing what is there. */
  public void copyIn(Path local, String hdfs) throws IOException {
    fs().copyFromLocalFile(false, true, new org.apache.hadoop.fs.Path(local.toUri()), new org.apache.hadoop.fs.Path(hdfs));
  }

  /** Copies an HDFS file or directory to a new local path. */
  public Path copyOut(String hdfs, Path local) throws IOException {
    FileUtil.copy(fs(), new org.apache.hadoop.fs.Path(hdfs), local.toFile(), false, conf());
    return local;
  }

  /**
   * A job jar as a user's build makes one for {@code hadoop jar}: the compiled classes of
   * {@code anyClass}'s package (and its subpackages), and lakemr's job jar under {@code lib/},
   * which RunJar and the tasks put on the class path.
   */
  public static Path userJar(Path jar, Class<?> anyClass) throws IOException {
    Path classes;
    try {
      classes = Path.of(anyClass.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IOException("class folder of " + anyClass.getName() + ": " + e.getMessage(), e);
    }
    String pkg = anyClass.getPackageName().replace('.', '/');
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar));
         Stream<Path> files = Files.walk(classes.resolve(pkg))) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(classes.relativize(f).toString().replace(File.separatorChar, '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
      Path lakemr = lakemrJobJar();
      out.putNextEntry(new JarEntry("lib/" + lakemr.getFileName()));
      Files.copy(lakemr, out);
      out.closeEntry();
    }
    return jar;
  }

  /** lakemr's shaded job jar, which failsafe names in {@code lakemr.job.jar}. */
  public static Path lakemrJobJar() {
    String jar = System.getProperty("lakemr.job.jar");
    if (jar == null || !new File(jar).isFile()) {
      throw new IllegalStateException("lakemr.job.jar names no job jar: " + jar + " (run the test under failsafe)");
    }
    return Path.of(jar);
  }

  /**
   * Runs {@code hadoop jar JAR MAIN ARGS} against the cluster: RunJar in a new JVM whose class
   * path is the cluster's site file and Hadoop's client class path alone, logging at INFO, so
   * the output holds the job's id ({@code job_local...} if it ran on the local job runner).
   */
  public Run runJar(Path jar, String mainClass, String... args) throws IOException, InterruptedException {
    String cpFile = System.getProperty("lakemr.hadoop.client.classpath");
    if (cpFile == null || !new File(cpFile).isFile()) {
      throw new IllegalStateException("lakemr.hadoop.client.classpath names no file: " + cpFile);
    }
    Path site = Files.createTempDirectory(jar.toAbsolutePath().getParent(), "site");
    // each site file, as each is read after its defaults (mapred-default.xml says local)
    Configuration conf = conf();
    // the Hadoop install the containers run on: a mini cluster's is the test JVM's class path
    // (in-process submissions get it the same way); the client JVM keeps Hadoop's alone
    conf.set("mapreduce.application.classpath", System.getProperty("java.class.path"));
    for (String file : List.of("core-site.xml", "hdfs-site.xml", "mapred-site.xml", "yarn-site.xml")) {
      try (OutputStream o = Files.newOutputStream(site.resolve(file))) {
        conf.writeXml(o);
      }
    }
    Files.writeString(site.resolve("log4j.properties"), "log4j.rootLogger=INFO,err\n"
        + "log4j.appender.err=org.apache.log4j.ConsoleAppender\nlog4j.appender.err.target=System.err\n"
        + "log4j.appender.err.layout=org.apache.log4j.PatternLayout\n"
        + "log4j.appender.err.layout.ConversionPattern=%d{HH:mm:ss} %p %c{1}: %m%n\n");
    String cp = site + File.pathSeparator + Files.readString(Path.of(cpFile)).trim();
    List<String> cmd = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-Xmx512m",
        MiniClusters.SHORT_LIVED_JVM.split(" ")[0], "-cp", cp, "org.apache.hadoop.util.RunJar", jar.toString(),
        mainClass));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().remove("HADOOP_CONF_DIR");
    ChildProcess.Finished f = ChildProcess.run(pb, Duration.ofMinutes(4));
    return new Run(f.exit(), f.out());
  }
}
