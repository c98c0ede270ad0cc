package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.catalog.Operation;
import io.lakemr.catalog.TableLog;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.testing.LocalJobs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --input table:NAME}: a job reads exactly the files of the table's snapshot (latest or
 * {@code --as-of}), from its log: not a file a dead writer left beside them, and a file a later
 * commit removed only when reading the commit that had it.
 */
@Timeout(180)
class TableInputJobTest {

  @TempDir
  Path tmp;
  private Configuration conf;
  private Path table;

  @BeforeEach
  void registerAGeneratedTable() throws Exception {
    conf = LocalJobs.conf(tmp);
    conf.set(LakemrConfig.CATALOG_DIR, tmp.resolve("catalog").toUri().toString());
    table = tmp.resolve("sensors");
    Commands.Result gen = Commands.run(conf, "generate", "--rows", "6000", "--files", "2", "--output", table.toString());
    assertEquals(0, gen.exitCode(), gen::toString);
    Commands.Result reg = Commands.run(conf, "catalog", "register", "sensors", "--location", table.toString());
    assertEquals(0, reg.exitCode(), reg::toString);
  }

  /** count(*) over an input, as the job's CSV output says. */
  private long count(String... inputArgs) throws Exception {
    Path out = tmp.resolve("count-" + System.nanoTime());
    List<String> args = new ArrayList<>(List.of(inputArgs));
    args.addAll(List.of("--agg", "count(*)", "--output", out.toString(), "--output-format", "csv"));
    Commands.Result r = Commands.run(conf, "aggregate", args.toArray(new String[0]));
    assertEquals(0, r.exitCode(), r::toString);
    try (Stream<Path> files = Files.list(out)) {
      Path part = files.filter(p -> p.getFileName().toString().startsWith("part-")).findFirst().orElseThrow();
      List<String> lines = Files.readAllLines(part, StandardCharsets.UTF_8);
      return Long.parseLong(lines.get(lines.size() - 1).trim());
    }
  }

  @Test
  void aTableIsReadFromItsLogNotFromAListing() throws Exception {
    assertEquals(6000, count("--input", "table:sensors"));
    // a dead writer's file beside the table's: a listing reads it, the log does not
    Files.copy(table.resolve("part-m-00000.parquet"), table.resolve("part-m-99999.parquet"));
    assertEquals(9000, count("--input", table.toString()));
    assertEquals(6000, count("--input", "table:sensors"));
    assertEquals(6000, count("--input", "table:" + table.toUri()));
  }

  @Test
  void asOfReadsAnOlderCommitWhoseFilesWereMovedAside() throws Exception {
    TableLog log = TableLog.open(conf, new org.apache.hadoop.fs.Path(table.toUri()));
    log.commit(log.snapshot().newCommit(Operation.OVERWRITE).remove("part-m-00001.parquet"));
    assertEquals(2, log.latestVersion());
    assertTrue(Files.exists(table.resolve("_lakemr_removed")), "the removed file is moved aside");
    assertEquals(3000, count("--input", "table:sensors"));
    assertEquals(6000, count("--input", "table:sensors", "--as-of", "1"));
    assertEquals(3000, count("--input", "table:sensors", "--as-of", "2"));
  }

  @Test
  void misusesAreRefusedBeforeTheJob() throws Exception {
    Commands.Result asOf = Commands.run(conf, "aggregate", "--input", table.toString(), "--as-of", "1",
        "--agg", "count(*)", "--output", tmp.resolve("x").toString());
    assertEquals(2, asOf.exitCode(), asOf::toString);
    assertTrue(asOf.err().contains("--as-of reads a catalog table"), asOf::toString);
    Commands.Result mixed = Commands.run(conf, "aggregate", "--input", "table:sensors," + table,
        "--agg", "count(*)", "--output", tmp.resolve("y").toString());
    assertEquals(2, mixed.exitCode(), mixed::toString);
    assertTrue(mixed.err().contains("is read alone"), mixed::toString);
    Commands.Result unknown = Commands.run(conf, "aggregate", "--input", "table:nosuch",
        "--agg", "count(*)", "--output", tmp.resolve("z").toString());
    assertEquals(2, unknown.exitCode(), unknown::toString);
    Commands.Result future = Commands.run(conf, "aggregate", "--input", "table:sensors", "--as-of", "9",
        "--agg", "count(*)", "--output", tmp.resolve("w").toString());
    assertEquals(2, future.exitCode(), future::toString);
  }
}
