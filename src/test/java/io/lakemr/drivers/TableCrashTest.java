package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.catalog.Catalog;
import io.lakemr.catalog.DataFile;
import io.lakemr.catalog.HaltingCommitWriter;
import io.lakemr.catalog.TableLog;
import io.lakemr.catalog.TableSnapshot;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.formats.AtomicFiles;
import io.lakemr.testing.LocalJobs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writers of a table killed in a process of their own, as {@code kill -9} would: one after its
 * {@code aggregate} job's files are published into the table's directory and before its commit,
 * one halfway through writing its commit's temporary file. Readers by name see the table as it
 * was, the next writer commits, and {@code catalog vacuum} deletes the dead writer's files and
 * nothing the log references.
 */
@Timeout(180)
class TableCrashTest {

  private static final int ROWS = 3000;
  private static final String TABLE = "crashy";
  private static final String[] QUERY = {"--group-by", "station,status", "--partition-by", "status",
      "--agg", "count(*),sum(value),max(value)", "--reducers", "2"};
  private static final String TOTALS = "count(*),sum(count),sum(sum_value),max(max_value)";

  @TempDir
  Path tmp;
  private Configuration conf;
  private String input;
  private Path table;

  @BeforeEach
  void registerAnAggregatedTable() throws Exception {
    conf = LocalJobs.conf(tmp);
    conf.set(LakemrConfig.CATALOG_DIR, catalogDir());
    input = tmp.resolve("in").toString();
    assertOk(Commands.run(conf, "generate", "--rows", Integer.toString(ROWS), "--output", input));
    table = tmp.resolve(TABLE);
    assertOk(Commands.run(conf, "aggregate", aggregate(table.toString())));
    assertOk(Commands.run(conf, "catalog", "register", TABLE, "--location", table.toString()));
  }

  @Test
  void aWriterKilledBeforeItsCommitChangesNothingAndVacuumDeletesItsFiles() throws Exception {
    TableSnapshot before = log().snapshot();
    Set<String> committed = paths(before.files());
    assertEquals(committed, visibleFiles(), "every visible file is the table's before the crash");
    Map<String, String> totals = totals();
    assertEquals(Long.toString(ROWS), totals.get("sum_count"), totals::toString);

    String out = runChild(CrashingTableWriter.class.getName(), CrashingTableWriter.HALTED,
        List.of(tmp.resolve("child").toString(), catalogDir()), aggregate("table:" + TABLE, "--mode", "append"));
    assertTrue(out.contains("halting before the commit"), out);

    TableSnapshot after = log().snapshot();
    assertEquals(before.version(), after.version(), "no commit was made");
    assertEquals(committed, paths(after.files()));
    Set<String> orphans = new TreeSet<>(visibleFiles());
    orphans.removeAll(committed);
    assertFalse(orphans.isEmpty(), "the dead writer's files are in the table's directory");
    assertTrue(orphans.stream().allMatch(f -> f.endsWith(".parquet") && f.startsWith("status=")), orphans::toString);
    assertEquals(Long.toString(ROWS), readByPath(orphans).get("sum_count"), "they hold its whole result");
    assertEquals(totals, totals(), "readers by name do not read them");

    Commands.Result second = assertOk(Commands.run(conf, "aggregate", aggregate("table:" + TABLE, "--mode", "append")));
    assertTrue(second.out().contains("table:" + TABLE + ": commit " + (before.version() + 1) + " (append"),
        second::toString);
    Map<String, String> twice = totals();
    assertEquals(Long.toString(2 * ROWS), twice.get("sum_count"), twice::toString);
    assertEquals(totals.get("max_max_value"), twice.get("max_max_value"));
    Set<String> live = paths(log().snapshot().files());

    Commands.Result vacuum = assertOk(Commands.run(conf, "catalog", "vacuum", TABLE, "--older-than", "0s"));
    assertTrue(vacuum.out().contains("deleted 0 removed files and " + orphans.size() + " unreferenced files"),
        vacuum::toString);
    assertEquals(live, visibleFiles(), "vacuum deleted the dead writer's files and nothing the log references");
    assertEquals(before.version() + 1, log().latestVersion());
    assertEquals(twice, totals(), "the table reads the same after vacuum");
  }

  @Test
  void aWriterKilledWhileWritingItsCommitLeavesTheLogReadable() throws Exception {
    TableSnapshot before = log().snapshot();
    Map<String, String> totals = totals();
    String out = runChild(HaltingCommitWriter.class.getName(), HaltingCommitWriter.HALTED, List.of(table.toString()),
        new String[0]);
    Path temp = Path.of(out.lines().filter(l -> l.contains(TableLog.LOG_DIR)).reduce((a, b) -> b).orElseThrow());
    assertTrue(Files.size(temp) > 0 && temp.getFileName().toString().startsWith(AtomicFiles.TEMP_PREFIX), temp::toString);

    assertEquals(before.version(), log().snapshot().version(), "the half-written commit is not part of the log");
    assertEquals(paths(before.files()), paths(log().snapshot().files()));
    assertEquals(before.version(), log().history().size());
    assertOk(Commands.run(conf, "catalog", "history", TABLE));
    assertEquals(totals, totals());

    Commands.Result next = assertOk(Commands.run(conf, "aggregate", aggregate("table:" + TABLE, "--mode", "append")));
    assertTrue(next.out().contains("commit " + (before.version() + 1) + " (append"), next::toString);
    assertTrue(Files.exists(temp), "the stray temporary file is still there, and harmless");
    Map<String, String> twice = totals();
    assertEquals(Long.toString(2 * ROWS), twice.get("sum_count"), twice::toString);
    Set<String> live = paths(log().snapshot().files());

    Commands.Result vacuum = assertOk(Commands.run(conf, "catalog", "vacuum", TABLE, "--older-than", "0s"));
    assertTrue(vacuum.out().contains("deleted 0 removed files and 1 unreferenced files"), vacuum::toString);
    assertFalse(Files.exists(temp), "vacuum deleted the stray temporary file");
    assertEquals(live, visibleFiles());
    assertEquals(before.version() + 1, log().snapshot().version());
    assertEquals(twice, totals());
  }

  private String catalogDir() {
    return tmp.resolve("catalog").toUri().toString();
  }

  private TableLog log() throws IOException {
    return Catalog.openTable(new Configuration(conf), TABLE);
  }

  private String[] aggregate(String output, String... extra) {
    List<String> args = new ArrayList<>(List.of("--input", input, "--output", output));
    args.addAll(List.of(QUERY));
    args.addAll(List.of(extra));
    return args.toArray(new String[0]);
  }

  /**
   * Runs {@code mainClass} in a JVM of its own with this test's class path, and checks that it
   * ended with {@code exitCode}; gives what it printed.
   */
  private String runChild(String mainClass, int exitCode, List<String> args, String[] more) throws Exception {
    List<String> command = new ArrayList<>(List.of(System.getProperty("java.home") + "/bin/java", "-Xmx384m",
        "-cp", System.getProperty("java.class.path"), mainClass));
    command.addAll(args);
    command.addAll(List.of(more));
    Path log = tmp.resolve("child-" + System.nanoTime() + ".out");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "child still running");
    String out = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(exitCode, p.exitValue(), out);
    return out;
  }

  /** The table's data files on disk, relative: every file below it outside hidden directories. */
  private Set<String> visibleFiles() throws IOException {
    try (Stream<Path> files = Files.walk(table)) {
      return files.filter(Files::isRegularFile).map(p -> table.relativize(p).toString().replace('\\', '/'))
          .filter(rel -> Stream.of(rel.split("/")).noneMatch(part -> part.startsWith("_") || part.startsWith(".")))
          .collect(Collectors.toCollection(TreeSet::new));
    }
  }

  private static Set<String> paths(List<DataFile> files) {
    return files.stream().map(DataFile::path).collect(Collectors.toCollection(TreeSet::new));
  }

  /** The totals of the table read by name. */
  private Map<String, String> totals() throws Exception {
    return totalsOf("table:" + TABLE);
  }

  /** The totals of files read by path. */
  private Map<String, String> readByPath(Set<String> relative) throws Exception {
    return totalsOf(relative.stream().map(r -> table.resolve(r).toString()).collect(Collectors.joining(",")));
  }

  private Map<String, String> totalsOf(String in) throws Exception {
    Path out = tmp.resolve("totals-" + System.nanoTime());
    assertOk(Commands.run(conf, "aggregate", "--input", in, "--agg", TOTALS, "--output", out.toString(),
        "--output-format", "csv"));
    try (Stream<Path> files = Files.list(out)) {
      Path part = files.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
      List<String> lines = Files.readAllLines(part, StandardCharsets.UTF_8);
      assertEquals(2, lines.size(), lines::toString);
      String[] names = lines.get(0).split(",");
      String[] values = lines.get(1).split(",");
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < names.length; i++) {
        row.put(names[i].trim(), values[i].trim());
      }
      return row;
    }
  }

  private static Commands.Result assertOk(Commands.Result r) {
    assertEquals(0, r.exitCode(), r::toString);
    return r;
  }
}
