package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.testing.Csv;
import io.lakemr.testing.ParquetFiles;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivilegedExceptionAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.hdfs.HdfsConfiguration;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.hdfs.server.namenode.NameNodeAdapter;
import org.apache.hadoop.minikdc.MiniKdc;
import org.apache.hadoop.security.SecurityUtil;
import org.apache.hadoop.security.UserGroupInformation;
import org.apache.hadoop.security.authentication.util.KerberosName;
import org.apache.hadoop.security.ssl.KeyStoreTestUtil;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * {@code aggregate} against a Kerberized HDFS: a MiniKdc, a MiniDFSCluster whose NameNode and
 * DataNode log in from a keytab, SASL-protected block transfer and HTTPS only, as a secure
 * cluster runs. The user logs in from a keytab through {@code UserGroupInformation}; the job
 * runs on the local job runner against the secure NameNode, so job submission fetches its
 * delegation tokens. Also: output made with the file system's umask, and the same command
 * without a Kerberos login, as {@code hadoop jar} runs it, failing in one line.
 *
 * <p>In a secure JVM the local job runner's shuffle checks the owner of map outputs, which
 * Hadoop does through its native library; the test class path's own
 * {@code org.apache.hadoop.io.SecureIOUtils} does it in pure Java.
 *
 * <p>Kerberos settings are JVM-wide, so this test runs in a failsafe execution of its own
 * (tag {@code secure-cluster}), never beside the shared insecure MiniCluster.
 */
@Tag("secure-cluster")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class SecureHdfsIT {

  private static final Schema SCHEMA = SchemaBuilder.record("reading").fields()
      .requiredString("station")
      .requiredString("status")
      .requiredDouble("value")
      .endRecord();
  private static final String[] STATUSES = {"ok", "warn", "fail"};
  private static final String INPUT = "/lake/readings";
  private static final String USER = "alice";

  /** Everything the test writes locally; not a JUnit temp dir, which local-runner threads may outlive. */
  private final Path tmp = Path.of("target", "secure-hdfs-" + ProcessHandle.current().pid()).toAbsolutePath();
  private MiniKdc kdc;
  private MiniDFSCluster dfs;
  private String sslConfDir;
  private Configuration clientConf;
  private File userKeytab;
  private String userPrincipal;
  /** (station, status) -> count, sum, min, max of value. */
  private final Map<List<String>, double[]> expected = new TreeMap<>((a, b) -> String.join("\0", a)
      .compareTo(String.join("\0", b)));

  @BeforeAll
  void startSecureCluster() throws Exception {
    File base = Files.createDirectories(tmp.resolve("kdc")).toFile();
    kdc = new MiniKdc(MiniKdc.createConf(), base);
    kdc.start();
    KerberosName.resetDefaultRealm();
    String realm = kdc.getRealm();
    File hdfsKeytab = new File(base, "hdfs.keytab");
    kdc.createPrincipal(hdfsKeytab, "hdfs/localhost", "HTTP/localhost");
    userKeytab = new File(base, USER + ".keytab");
    kdc.createPrincipal(userKeytab, USER);
    userPrincipal = USER + "@" + realm;

    Configuration c = new HdfsConfiguration();
    SecurityUtil.setAuthenticationMethod(UserGroupInformation.AuthenticationMethod.KERBEROS, c);
    c.set("dfs.namenode.kerberos.principal", "hdfs/localhost@" + realm);
    c.set("dfs.namenode.keytab.file", hdfsKeytab.getPath());
    c.set("dfs.datanode.kerberos.principal", "hdfs/localhost@" + realm);
    c.set("dfs.datanode.keytab.file", hdfsKeytab.getPath());
    c.set("dfs.web.authentication.kerberos.principal", "HTTP/localhost@" + realm);
    c.setBoolean("dfs.block.access.token.enable", true);
    c.set("dfs.data.transfer.protection", "authentication");
    c.set("dfs.http.policy", "HTTPS_ONLY");
    c.set("dfs.namenode.https-address", "localhost:0");
    c.set("dfs.datanode.https.address", "localhost:0");
    c.setBoolean("ignore.secure.ports.for.testing", true);
    String keystores = Files.createDirectories(tmp.resolve("keystores")).toString();
    sslConfDir = KeyStoreTestUtil.getClasspathDir(SecureHdfsIT.class);
    KeyStoreTestUtil.setupSSLConfig(keystores, sslConfDir, c, false);
    c.set("dfs.client.https.keystore.resource", KeyStoreTestUtil.getClientSSLConfigFileName());
    c.set("dfs.https.server.keystore.resource", KeyStoreTestUtil.getServerSSLConfigFileName());
    c.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, tmp.resolve("dfs").toString());
    UserGroupInformation.setConfiguration(c);
    dfs = new MiniDFSCluster.Builder(c).numDataNodes(1).build();
    dfs.waitActive();

    // the cluster's superuser (the NameNode's login) lays out the lake; alice owns /lake
    FileSystem admin = dfs.getFileSystem();
    admin.mkdirs(new org.apache.hadoop.fs.Path("/tmp"));
    admin.setPermission(new org.apache.hadoop.fs.Path("/tmp"), new FsPermission((short) 01777));
    admin.mkdirs(new org.apache.hadoop.fs.Path("/lake"));
    admin.setOwner(new org.apache.hadoop.fs.Path("/lake"), USER, null);
    Path local = writeReadings();
    admin.copyFromLocalFile(new org.apache.hadoop.fs.Path(local.toUri()), new org.apache.hadoop.fs.Path(INPUT));

    clientConf = clientConf(c, realm);
  }

  /** What a client of the secure cluster has: its site settings, and the local job runner. */
  private Configuration clientConf(Configuration cluster, String realm) throws IOException {
    Configuration conf = new Configuration(false);
    conf.set("fs.defaultFS", dfs.getFileSystem().getUri().toString());
    for (String key : List.of("hadoop.security.authentication", "hadoop.security.authorization",
        "dfs.namenode.kerberos.principal", "dfs.data.transfer.protection", "dfs.block.access.token.enable",
        "dfs.http.policy")) {
      if (cluster.get(key) != null) {
        conf.set(key, cluster.get(key));
      }
    }
    // the renewer named in the delegation tokens job submission asks for
    conf.set("yarn.resourcemanager.principal", "hdfs/localhost@" + realm);
    conf.set("mapreduce.framework.name", "local");
    conf.set("mapreduce.jobtracker.staging.root.dir", "/tmp/staging");
    conf.set("hadoop.tmp.dir", tmp.resolve("client-tmp").toString());
    conf.set("mapreduce.cluster.local.dir", tmp.resolve("client-local").toString());
    conf.setLong("mapreduce.client.completion.pollinterval", 50);
    conf.setLong("mapreduce.client.progressmonitor.pollinterval", 50);
    return conf;
  }

  private Path writeReadings() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("readings"));
    SplittableRandom r = new SplittableRandom(11);
    for (int f = 0; f < 3; f++) {
      List<GenericRecord> rows = new ArrayList<>();
      for (int i = 0; i < 5_000; i++) {
        GenericRecord g = new GenericData.Record(SCHEMA);
        String station = "st-" + r.nextInt(8);
        String status = STATUSES[r.nextInt(10) < 7 ? 0 : r.nextInt(1, 3)];
        double value = Math.round(r.nextDouble(-50, 150) * 100) / 100.0;
        g.put("station", station);
        g.put("status", status);
        g.put("value", value);
        rows.add(g);
        double[] e = expected.computeIfAbsent(List.of(station, status),
            k -> new double[] {0, 0, Double.MAX_VALUE, -Double.MAX_VALUE});
        e[0]++;
        e[1] += value;
        e[2] = Math.min(e[2], value);
        e[3] = Math.max(e[3], value);
      }
      ParquetFiles.write(dir.resolve("part-" + f + ".parquet"), SCHEMA, rows, CompressionCodecName.SNAPPY, 64 * 1024);
    }
    return dir;
  }

  @AfterAll
  void stopSecureCluster() throws Exception {
    if (dfs != null) {
      dfs.shutdown();
    }
    if (kdc != null) {
      kdc.stop();
    }
    if (sslConfDir != null) {
      // the SSL resources written onto the test class path
      Files.deleteIfExists(Path.of(sslConfDir, KeyStoreTestUtil.getClientSSLConfigFileName()));
      Files.deleteIfExists(Path.of(sslConfDir, KeyStoreTestUtil.getServerSSLConfigFileName()));
    }
    FileUtil.fullyDelete(tmp.toFile());
  }

  private String[] aggregateArgs(String output, String... more) {
    List<String> args = new ArrayList<>(List.of("--input", INPUT, "--group-by", "station,status",
        "--agg", "count(*),sum(value),min(value),max(value)", "--output", output, "--output-format", "csv"));
    args.addAll(List.of(more));
    return args.toArray(new String[0]);
  }

  /** Runs a command as the user, logged in from the keytab (a login of its own each time). */
  private Commands.Result asUser(String... args) throws Exception {
    UserGroupInformation ugi = UserGroupInformation.loginUserFromKeytabAndReturnUGI(userPrincipal, userKeytab.getPath());
    assertTrue(ugi.hasKerberosCredentials());
    return ugi.doAs((PrivilegedExceptionAction<Commands.Result>) () -> Commands.run(clientConf, "aggregate", args));
  }

  @Test
  void aggregatesSecureHdfsAsAKerberosUser() throws Exception {
    long tokens = NameNodeAdapter.getDtSecretManager(dfs.getNamesystem()).getCurrentTokensSize();
    Commands.Result r = asUser(aggregateArgs("/lake/by_station"));
    assertEquals(0, r.exitCode(), r.toString());
    assertTrue(r.err().contains("submitted as job_local"), r.err());
    assertTrue(NameNodeAdapter.getDtSecretManager(dfs.getNamesystem()).getCurrentTokensSize() > tokens,
        "job submission got an HDFS delegation token");

    FileSystem admin = dfs.getFileSystem();
    org.apache.hadoop.fs.Path out = new org.apache.hadoop.fs.Path("/lake/by_station");
    assertEquals(USER, admin.getFileStatus(out).getOwner(), "written as the Kerberos user");
    assertTrue(admin.exists(new org.apache.hadoop.fs.Path(out, JobSummary.FILE_NAME)));
    Path back = tmp.resolve("by_station");
    admin.copyToLocalFile(out, new org.apache.hadoop.fs.Path(back.toUri()));
    List<List<String>> rows = Csv.readParts(back,
        List.of("station", "status", "count", "sum_value", "min_value", "max_value"));
    assertEquals(expected.size(), rows.size());
    for (List<String> row : rows) {
      double[] e = expected.get(row.subList(0, 2));
      assertTrue(e != null, "unexpected group " + row);
      assertEquals((long) e[0], Long.parseLong(row.get(2)), row.toString());
      assertEquals(e[1], Double.parseDouble(row.get(3)), 1e-9 * Math.max(1, Math.abs(e[1])), row.toString());
      assertEquals(e[2], Double.parseDouble(row.get(4)), 0, row.toString());
      assertEquals(e[3], Double.parseDouble(row.get(5)), 0, row.toString());
    }
  }

  @Test
  void outputIsMadeWithTheFileSystemsUmask() throws Exception {
    List<String> args = new ArrayList<>(List.of("-D", "fs.permissions.umask-mode=027"));
    args.addAll(List.of(aggregateArgs("/lake/by_status_umask", "--partition-by", "status")));
    Commands.Result r = asUser(args.toArray(new String[0]));
    assertEquals(0, r.exitCode(), r.toString());
    // the output directory, its partition directories, data files, _SUCCESS and _lakemr.json
    checkModes(dfs.getFileSystem(), new org.apache.hadoop.fs.Path("/lake/by_status_umask"), (short) 0750, (short) 0640);
  }

  private static void checkModes(FileSystem fs, org.apache.hadoop.fs.Path dir, short dirMode, short fileMode)
      throws Exception {
    assertEquals(dirMode, fs.getFileStatus(dir).getPermission().toShort(), dir.toString());
    int files = 0;
    for (FileStatus s : fs.listStatus(dir)) {
      if (s.isDirectory()) {
        checkModes(fs, s.getPath(), dirMode, fileMode);
      } else {
        assertEquals(fileMode, s.getPermission().toShort(), s.getPath().toString());
        files++;
      }
    }
    assertTrue(files > 0, "files in " + dir);
  }

  @Test
  void withoutAKerberosLoginTheCommandFailsInOneLine() throws Exception {
    String jar = System.getProperty("lakemr.job.jar");
    String cpFile = System.getProperty("lakemr.hadoop.client.classpath");
    assertTrue(jar != null && new File(jar).isFile(), "job jar " + jar);
    assertTrue(cpFile != null && new File(cpFile).isFile(), "hadoop client class path " + cpFile);
    // the client's site file on the class path, as HADOOP_CONF_DIR is under hadoop jar
    Path siteDir = Files.createDirectories(tmp.resolve("client-site"));
    try (OutputStream o = Files.newOutputStream(siteDir.resolve("core-site.xml"))) {
      clientConf.writeXml(o);
    }
    String cp = siteDir + File.pathSeparator + Files.readString(Path.of(cpFile)).trim();
    ProcessBuilder pb = new ProcessBuilder(System.getProperty("java.home") + "/bin/java", "-Xmx512m",
        "-XX:TieredStopAtLevel=1",
        "-Djava.security.krb5.conf=" + kdc.getKrb5conf().getAbsolutePath(), "-cp", cp,
        "org.apache.hadoop.util.RunJar", jar, "aggregate")
        .redirectErrorStream(true);
    pb.command().addAll(List.of(aggregateArgs("/lake/never")));
    pb.environment().remove("HADOOP_CONF_DIR");
    pb.environment().put("HADOOP_CLIENT_SKIP_UNJAR", "true");
    pb.environment().put("KRB5CCNAME", "FILE:" + tmp.resolve("no-ticket-cache"));
    Process p = pb.start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(2, TimeUnit.MINUTES));
    assertTrue(p.exitValue() == 1 || p.exitValue() == 2, "exit " + p.exitValue() + "\n" + out);
    List<String> lines = out.lines().filter(l -> l.startsWith("lakemr ")).toList();
    assertEquals(1, lines.size(), out);
    assertTrue(lines.get(0).startsWith("lakemr aggregate: ") && lines.get(0).contains("not authenticated")
        && lines.get(0).contains("kinit"), out);
    assertFalse(out.contains("\tat "), "no stack trace:\n" + out);
    assertFalse(dfs.getFileSystem().exists(new org.apache.hadoop.fs.Path("/lake/never")));
  }
}
