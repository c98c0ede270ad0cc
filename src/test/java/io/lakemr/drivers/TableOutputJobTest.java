package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.catalog.Commit;
import io.lakemr.catalog.Operation;
import io.lakemr.catalog.TableLog;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.testing.LocalJobs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --output table:NAME}: convert and aggregate publish their files into the table and
 * make them part of it in one commit of its log, the write mode as the commit's operation.
 */
@Timeout(240)
class TableOutputJobTest {

  @TempDir
  Path tmp;
  private Configuration conf;
  private String input;
  private Path table;

  @BeforeEach
  void registerAConvertedTable() throws Exception {
    conf = LocalJobs.conf(tmp);
    conf.set(LakemrConfig.CATALOG_DIR, tmp.resolve("catalog").toUri().toString());
    input = tmp.resolve("in").toString();
    assertOk(Commands.run(conf, "generate", "--rows", "4000", "--output", input));
    table = tmp.resolve("by-status");
    assertOk(Commands.run(conf, "convert", "--input", input, "--partition-by", "status", "--output", table.toString()));
    assertOk(Commands.run(conf, "catalog", "register", "sensors", "--location", table.toString()));
  }

  private static Commands.Result assertOk(Commands.Result r) {
    assertEquals(0, r.exitCode(), r::toString);
    return r;
  }

  /** count(*) of rows where a condition holds, read by name. */
  private long count(String where) throws Exception {
    Path out = tmp.resolve("count-" + System.nanoTime());
    assertOk(Commands.run(conf, "aggregate", "--input", "table:sensors", "--where", where, "--agg", "count(*)",
        "--output", out.toString(), "--output-format", "csv"));
    try (Stream<Path> files = Files.list(out)) {
      Path part = files.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
      List<String> lines = Files.readAllLines(part, StandardCharsets.UTF_8);
      return Long.parseLong(lines.get(lines.size() - 1).trim());
    }
  }

  private Commit latest() throws Exception {
    TableLog log = TableLog.open(conf, new org.apache.hadoop.fs.Path(table.toUri()));
    return log.readCommit(log.latestVersion());
  }

  private Commands.Result convertInto(String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("--input", input, "--partition-by", "status",
        "--output", "table:sensors"));
    args.addAll(List.of(extra));
    return Commands.run(conf, "convert", args.toArray(new String[0]));
  }

  @Test
  void appendOverwritePartitionsAndOverwriteEachCommitOnce() throws Exception {
    long ok = count("status = 'ok'");
    assertEquals(4000, count("value = value OR value IS NULL OR value <> value"));

    Commands.Result r = assertOk(convertInto("--mode", "append"));
    assertTrue(r.out().contains("table:sensors: commit 2 (append"), r::toString);
    assertEquals(Operation.APPEND, latest().operation());
    assertEquals(2 * ok, count("status = 'ok'"));

    assertOk(convertInto("--mode", "overwrite-partitions", "--where", "status = 'ok'"));
    Commit c = latest();
    assertEquals(Operation.OVERWRITE_PARTITIONS, c.operation());
    assertTrue(c.removed().stream().allMatch(f -> f.startsWith("status=ok/")), c.removed()::toString);
    assertEquals(ok, count("status = 'ok'"));
    assertEquals(2 * (4000 - ok), count("status <> 'ok'"));

    assertOk(convertInto("--mode", "overwrite"));
    assertEquals(Operation.OVERWRITE, latest().operation());
    assertEquals(ok, count("status = 'ok'"));
    assertEquals(4000 - ok, count("status <> 'ok'"));
    assertEquals(4, latest().version(), "register, append, overwrite-partitions, overwrite");
    // what the overwrites removed is out of sight of a listing too
    try (Stream<Path> files = Files.walk(table)) {
      long visible = files.filter(p -> p.toString().endsWith(".parquet"))
          .filter(p -> !table.relativize(p).toString().startsWith("_")).count();
      assertEquals(latest().added().size(), visible);
    }
  }

  @Test
  void aggregateAppendsItsResultToATableCreatedEmpty() throws Exception {
    Path counts = tmp.resolve("counts");
    assertOk(Commands.run(conf, "catalog", "create", "counts", "--location", counts.toString(),
        "--schema", "status:string,count:long"));
    for (int run = 1; run <= 2; run++) {
      Commands.Result r = assertOk(Commands.run(conf, "aggregate", "--input", "table:sensors", "--group-by", "status",
          "--agg", "count(*)", "--output", "table:counts", "--mode", run == 1 ? "error" : "append"));
      assertTrue(r.out().contains("table:counts: commit " + (run + 1) + " (append, 1 file added"), r::toString);
    }
    Path out = tmp.resolve("total");
    assertOk(Commands.run(conf, "aggregate", "--input", "table:counts", "--agg", "sum(count)",
        "--output", out.toString(), "--output-format", "csv"));
    try (Stream<Path> files = Files.list(out)) {
      Path part = files.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
      List<String> lines = Files.readAllLines(part, StandardCharsets.UTF_8);
      assertEquals(8000, Long.parseLong(lines.get(lines.size() - 1).trim()), lines::toString);
    }
  }

  @Test
  void whatATableCannotTakeIsRefusedBeforeTheJob() throws Exception {
    Commands.Result csv = convertInto("--mode", "append", "--output-format", "csv");
    assertEquals(2, csv.exitCode(), csv::toString);
    assertTrue(csv.err().contains("a table's files are Parquet"), csv::toString);
    Commands.Result error = convertInto();
    assertEquals(2, error.exitCode(), error::toString);
    assertTrue(error.err().contains("already has"), error::toString);
    Commands.Result partitions = Commands.run(conf, "convert", "--input", input, "--output", "table:sensors",
        "--mode", "append");
    assertEquals(2, partitions.exitCode(), partitions::toString);
    assertTrue(partitions.err().contains("--partition-by status"), partitions::toString);
    // by path, a table is never written: its readers would not see the files, a replace would move its log
    for (String[] byPath : List.of(
        new String[] {"convert", "--input", input, "--partition-by", "status", "--output", table.toString(),
            "--mode", "append"},
        new String[] {"aggregate", "--input", input, "--agg", "count(*)", "--output", table.toString(),
            "--mode", "overwrite"},
        new String[] {"compact", "--table", table.toString()})) {
      Commands.Result r = Commands.run(conf, byPath[0], Arrays.copyOfRange(byPath, 1, byPath.length));
      assertEquals(2, r.exitCode(), r::toString);
      assertTrue(r.err().contains("is a catalog table"), r::toString);
    }
    assertTrue(Files.isDirectory(table.resolve("_lakemr_log")));
    assertEquals(1, latest().version(), "nothing was committed");
  }
}
