package io.lakemr.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.drivers.Commands;
import io.lakemr.testing.ChildProcess;
import io.lakemr.testing.DuckDb;
import io.lakemr.testing.LocalJobs;
import java.io.File;
import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.w3c.dom.ls.LSInput;

/**
 * What {@code conf/} deploys: {@code lakemr-site.xml} lists every key with the default the code
 * uses; the Oozie workflow and coordinator are valid against Oozie's own schemas and the
 * workflow's arguments are a working lakemr command; the cron wrapper passes exit codes on,
 * logs, and never runs a job twice at once.
 */
class DeployableConfigTest {

  private static final Path CONF = Path.of("conf");

  @TempDir
  Path tmp;

  @Test
  void siteFileListsEveryKeyWithItsDefault() throws Exception {
    Configuration site = new Configuration(false);
    site.addResource(new org.apache.hadoop.fs.Path(CONF.resolve("lakemr-site.xml").toAbsolutePath().toUri()));
    int checked = 0;
    for (Field f : LakemrConfig.class.getFields()) {
      if (!Modifier.isStatic(f.getModifiers()) || f.getName().endsWith("_DEFAULT") || f.getType() != String.class) {
        continue;
      }
      Field def;
      try {
        def = LakemrConfig.class.getField(f.getName() + "_DEFAULT");
      } catch (NoSuchFieldException e) {
        continue; // set by the commands from their options
      }
      String key = (String) f.get(null);
      String listed = site.get(key);
      assertNotNull(listed, key + " is missing from conf/lakemr-site.xml");
      assertEquals(String.valueOf(def.get(null)), listed, "default of " + key + " in conf/lakemr-site.xml");
      checked++;
    }
    assertTrue(checked >= 10, "keys checked: " + checked);
  }

  private static void validate(Path xml, String xsd) throws Exception {
    SchemaFactory f = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
    f.setResourceResolver((type, ns, publicId, systemId, base) -> {
      InputStream in = DeployableConfigTest.class.getClassLoader().getResourceAsStream(systemId);
      return in == null ? null : new ClasspathInput(publicId, systemId, in);
    });
    InputStream schema = DeployableConfigTest.class.getClassLoader().getResourceAsStream(xsd);
    assertNotNull(schema, xsd);
    f.newSchema(new StreamSource(schema, xsd)).newValidator().validate(new StreamSource(xml.toFile()));
  }

  @Test
  void oozieFilesAreValidAgainstOoziesSchemas() throws Exception {
    validate(CONF.resolve("oozie/workflow.xml"), "oozie-workflow-1.0.xsd");
    validate(CONF.resolve("oozie/coordinator.xml"), "oozie-coordinator-0.5.xsd");
    validate(CONF.resolve("oozie/incremental/workflow.xml"), "oozie-workflow-1.0.xsd");
    validate(CONF.resolve("oozie/incremental/coordinator.xml"), "oozie-coordinator-0.5.xsd");
  }

  /** The workflow's {@code <arg>}s with its parameters filled in. */
  private static List<String> workflowArgs(Map<String, String> params) throws Exception {
    return workflowArgs("oozie/workflow.xml", params);
  }

  /** The {@code <arg>}s of a workflow under conf/ with its parameters filled in. */
  private static List<String> workflowArgs(String workflow, Map<String, String> params) throws Exception {
    DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
    dbf.setNamespaceAware(true);
    NodeList args = dbf.newDocumentBuilder().parse(CONF.resolve(workflow).toFile())
        .getElementsByTagNameNS("*", "arg");
    List<String> out = new ArrayList<>();
    Pattern p = Pattern.compile("\\$\\{(\\w+)}");
    for (int i = 0; i < args.getLength(); i++) {
      String text = ((Element) args.item(i)).getTextContent();
      Matcher m = p.matcher(text);
      StringBuilder sb = new StringBuilder();
      while (m.find()) {
        String v = params.get(m.group(1));
        assertNotNull(v, "parameter " + m.group(1));
        m.appendReplacement(sb, Matcher.quoteReplacement(v));
      }
      m.appendTail(sb);
      out.add(sb.toString());
    }
    return out;
  }

  @Test
  void workflowArgumentsAreAWorkingCommand() throws Exception {
    Path input = tmp.resolve("raw");
    Path lake = tmp.resolve("lake");
    try (DuckDb duck = new DuckDb()) {
      Configuration conf = LocalJobs.conf(tmp);
      Commands.Result g = Commands.run(conf, "generate", "--rows", "50000", "--files", "2", "--output",
          input.toString());
      assertEquals(0, g.exitCode(), g.toString());
      for (String day : new String[] {"2026-01-05", "2026-01-06", "2026-01-05"}) {
        List<String> args = workflowArgs(Map.of("queueName", "default", "input", input.toString(),
            "lake", lake.toString(), "day", day, "reducers", "2"));
        assertEquals("aggregate", args.get(0));
        Commands.Result r = Commands.run(conf, "aggregate", args.subList(1, args.size()).toArray(new String[0]));
        assertEquals(0, r.exitCode(), r.toString());
      }
      try (var dirs = Files.list(lake)) {
        assertEquals(List.of("date=2026-01-05", "date=2026-01-06"),
            dirs.map(d -> d.getFileName().toString()).filter(n -> n.startsWith("date=")).sorted().toList());
      }
      long rows = ((Number) duck.query("SELECT count(*) FROM read_parquet('" + input + "/*.parquet') "
          + "WHERE strftime(make_timestamp(ts * 1000), '%Y-%m-%d') = '2026-01-05'").get(0).get(0)).longValue();
      assertTrue(rows > 0);
      Object got = duck.query("SELECT sum(count) FROM read_parquet('" + lake
          + "/date=2026-01-05/*.parquet')").get(0).get(0);
      assertEquals(rows, ((Number) got).longValue(), "the rerun day replaced its partition, not added to it");
    }
  }

  @Test
  void incrementalWorkflowReadsEachLandedDayOnce() throws Exception {
    Configuration conf = LocalJobs.conf(tmp);
    Path landing = tmp.resolve("landing");
    String catalog = tmp.resolve("catalog").toUri().toString();
    conf.set(LakemrConfig.CATALOG_DIR, catalog);
    assertEquals(0, Commands.run(conf, "catalog", "create", "daily", "--location", tmp.resolve("daily").toString(),
        "--partition-by", "day").exitCode());
    List<String> args = workflowArgs("oozie/incremental/workflow.xml", Map.of("queueName", "default", "input",
        landing.toString(), "table", "daily", "catalogDir", catalog, "reducers", "2"));
    assertEquals("aggregate", args.get(0));
    String[] aggregate = args.subList(1, args.size()).toArray(new String[0]);
    long rows = 0;
    for (String[] day : new String[][] {{"2026-01-05", "1"}, {"2026-01-06", "2"}}) {
      rows += 20_000;
      Commands.Result g = Commands.run(conf, "generate", "--rows", "20000", "--files", "1", "--seed", day[1],
          "--output", landing.resolve(day[0]).toString());
      assertEquals(0, g.exitCode(), g.toString());
      Commands.Result r = Commands.run(conf, "aggregate", aggregate);
      assertEquals(0, r.exitCode(), r.toString());
      assertTrue(r.out().contains("rows in      20,000"), r.out());
      Path sum = tmp.resolve("sum-" + day[0]);
      assertEquals(0, Commands.run(conf, "aggregate", "--input", "table:daily", "--agg", "sum(count)", "--output",
          sum.toString(), "--output-format", "csv").exitCode());
      try (var files = Files.list(sum)) {
        Path part = files.filter(f -> f.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
        List<String> lines = Files.readAllLines(part);
        assertEquals(rows, Long.parseLong(lines.get(1).trim()), "every landed row counted once");
      }
    }
    Commands.Result again = Commands.run(conf, "aggregate", aggregate);
    assertTrue(again.out().contains("no new input"), again.toString());
  }

  private record Run(int exit, String stderr) {
  }

  private Run cron(String lakemrCmd, String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("bash", CONF.resolve("cron/lakemr-cron").toString()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("LAKEMR_CMD", lakemrCmd);
    pb.environment().put("LAKEMR_LOG_DIR", tmp.resolve("logs").toString());
    pb.environment().put("LAKEMR_LOCK_DIR", tmp.toString());
    ChildProcess.Finished f = ChildProcess.run(pb, Duration.ofSeconds(60));
    return new Run(f.exit(), f.err());
  }

  @Test
  void cronWrapperPassesExitCodesOnLogsAndLocks() throws Exception {
    assertEquals(0, cron("true", "nightly", "aggregate", "--x").exit());
    Path fake = tmp.resolve("fake-lakemr");
    Files.writeString(fake, "#!/bin/sh\necho 'lakemr aggregate: input path does not exist: /nope' >&2\nexit 2\n");
    assertTrue(fake.toFile().setExecutable(true));
    Run failed = cron(fake.toString(), "nightly", "aggregate");
    assertEquals(2, failed.exit());
    assertTrue(failed.stderr().contains("input path does not exist: /nope"), failed.stderr());
    File[] logs = tmp.resolve("logs").toFile().listFiles();
    assertEquals(1, logs.length);
    String log = Files.readString(logs[0].toPath());
    assertTrue(log.contains("nightly: exit 0") && log.contains("nightly: exit 2"), log);

    Process holder = new ProcessBuilder("flock", tmp.resolve("lakemr-cron-nightly.lock").toString(), "sh", "-c",
        "echo held; sleep 30").start();
    try {
      // wait until the lock is really held
      assertEquals('h', holder.getInputStream().read(), "the lock holder started");
      Run skipped = cron("true", "nightly", "aggregate");
      assertEquals(3, skipped.exit(), skipped.stderr());
      assertTrue(skipped.stderr().contains("still running"), skipped.stderr());
      assertEquals(0, cron("true", "other-job", "aggregate").exit(), "other job names do not wait");
    } finally {
      holder.destroy();
    }
    assertEquals(2, cron("true", "bad name", "aggregate").exit());
    assertFalse(Files.exists(tmp.resolve("logs/bad name")));
  }

  /** An LSInput reading a schema from the class path. */
  private static final class ClasspathInput implements LSInput {
    private final String publicId;
    private final String systemId;
    private final InputStream in;

    ClasspathInput(String publicId, String systemId, InputStream in) {
      this.publicId = publicId;
      this.systemId = systemId;
      this.in = in;
    }

    @Override public Reader getCharacterStream() { return null; }
    @Override public void setCharacterStream(Reader r) { }
    @Override public InputStream getByteStream() { return in; }
    @Override public void setByteStream(InputStream s) { }
    @Override public String getStringData() { return null; }
    @Override public void setStringData(String s) { }
    @Override public String getSystemId() { return systemId; }
    @Override public void setSystemId(String s) { }
    @Override public String getPublicId() { return publicId; }
    @Override public void setPublicId(String s) { }
    @Override public String getBaseURI() { return null; }
    @Override public void setBaseURI(String s) { }
    @Override public String getEncoding() { return null; }
    @Override public void setEncoding(String s) { }
    @Override public boolean getCertifiedText() { return false; }
    @Override public void setCertifiedText(boolean b) { }
  }
}
