package io.lakemr.drivers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakemr.catalog.Catalog;
import io.lakemr.catalog.Commit;
import io.lakemr.catalog.DataFile;
import io.lakemr.catalog.Operation;
import io.lakemr.catalog.TableLog;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.testing.LocalJobs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code aggregate --incremental}: run after run over a growing set of input files, the table
 * holds exactly what one full aggregation of all of them gives, while each run reads only the
 * new files and rewrites only the partitions they touch.
 */
@Timeout(300)
class IncrementalAggregateJobTest {

  private static final String GROUPS = "date,status";
  private static final String AGGS = "count(*),count(value),sum(value),sum(sensor_id),min(value),max(value),"
      + "min(station),max(ts),avg(value),stddev(value),stddev_pop(value),variance(value),var_pop(value),"
      + "approx_count_distinct(sensor_id),approx_median(value),approx_quantile(value, 0.9)";
  private static final String DISTINCT_AGGS = "count(*),count_distinct(station),sum(value)";

  @TempDir
  Path tmp;
  private Configuration conf;
  private Path raw;

  @BeforeEach
  void generateInputs() throws Exception {
    conf = LocalJobs.conf(tmp);
    conf.set(LakemrConfig.CATALOG_DIR, tmp.resolve("catalog").toUri().toString());
    raw = tmp.resolve("raw");
    Files.createDirectories(raw);
    for (int seed = 1; seed <= 3; seed++) {
      ok(Commands.run(conf, "generate", "--rows", "3000", "--files", "1", "--seed", Integer.toString(seed),
          "--output", tmp.resolve("gen" + seed).toString()));
    }
  }

  private static Commands.Result ok(Commands.Result r) {
    assertEquals(0, r.exitCode(), r::toString);
    return r;
  }

  /** Lands generated file {@code seed} (30 days of rows) among the inputs as {@code name}. */
  private void land(int seed, String name) throws Exception {
    try (Stream<Path> s = Files.list(tmp.resolve("gen" + seed))) {
      Path part = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
      Files.copy(part, raw.resolve(name));
    }
  }

  private Commands.Result aggregate(String output, String aggs, String... extra) throws Exception {
    return Commands.run(conf, "aggregate", args(output, aggs, extra));
  }

  private String[] args(String output, String aggs, String... extra) {
    List<String> args = new ArrayList<>(List.of("--input", raw.toString(), "--derive", "date=date(ts)",
        "--group-by", GROUPS, "--partition-by", "date", "--agg", aggs, "--output", output));
    args.addAll(List.of(extra));
    return args.toArray(new String[0]);
  }

  /** Creates table {@code name}, partitioned by date; its first write gives it its columns. */
  private void createTable(String name) throws Exception {
    ok(Commands.run(conf, "catalog", "create", name, "--location", tmp.resolve(name).toString(), "--partition-by",
        "date"));
  }

  /** Every row of a table, as CSV lines, sorted, after its header line. */
  private List<String> rows(String table) throws Exception {
    Path out = tmp.resolve("rows-" + System.nanoTime());
    ok(Commands.run(conf, "convert", "--input", "table:" + table, "--output", out.toString(), "--output-format",
        "csv"));
    return csvLines(out);
  }

  private static List<String> csvLines(Path dir) throws Exception {
    List<String> lines = new ArrayList<>();
    String header = null;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : files.filter(p -> p.getFileName().toString().startsWith("part-")).toList()) {
        List<String> all = Files.readAllLines(p, StandardCharsets.UTF_8);
        header = all.get(0);
        lines.addAll(all.subList(1, all.size()));
      }
    }
    lines.sort(null);
    lines.add(0, header);
    return lines;
  }

  /**
   * Checks the incremental table against a full run: every value equal, but those of the KLL
   * quantiles, which may differ within the sketch's bound: their rank among the group's values
   * is checked instead.
   */
  private void assertSameAsFull(String aggs) throws Exception {
    List<String> full = fullRecompute(aggs);
    List<String> inc = rows("inc");
    assertEquals(full.get(0), inc.get(0));
    assertEquals(full.size(), inc.size());
    String[] header = full.get(0).split(",");
    Map<String, List<Double>> values = null;
    for (int r = 1; r < full.size(); r++) {
      String[] want = full.get(r).split(",", -1);
      String[] got = inc.get(r).split(",", -1);
      for (int c = 0; c < header.length; c++) {
        if (!header[c].startsWith("approx_median") && !header[c].startsWith("approx_quantile")) {
          assertEquals(want[c], got[c], header[c] + " of " + full.get(r) + " vs " + inc.get(r));
        } else if (!want[c].equals(got[c])) {
          values = values != null ? values : groupValues();
          double q = header[c].startsWith("approx_median") ? 0.5 : 0.9;
          List<Double> group = values.get(got[0] + "," + got[header.length - 1]);
          double v = Double.parseDouble(got[c]);
          double rank = group.stream().filter(x -> x <= v).count() / (double) group.size();
          assertTrue(Math.abs(rank - q) <= 2 * 0.0133, header[c] + " of " + inc.get(r) + " has rank " + rank);
        }
      }
    }
  }

  /** The values of every (status, date) group of all the inputs landed. */
  private Map<String, List<Double>> groupValues() throws Exception {
    Path out = tmp.resolve("values-" + System.nanoTime());
    ok(Commands.run(conf, "convert", "--input", raw.toString(), "--derive", "date=date(ts)", "--columns",
        "status,value,date", "--output", out.toString(), "--output-format", "csv"));
    Map<String, List<Double>> groups = new HashMap<>();
    List<String> lines = csvLines(out);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      if (!f[1].isEmpty()) {
        groups.computeIfAbsent(f[0] + "," + f[2], k -> new ArrayList<>()).add(Double.parseDouble(f[1]));
      }
    }
    return groups;
  }

  /** The rows a plain, full aggregation of every input file now landed gives. */
  private List<String> fullRecompute(String aggs) throws Exception {
    ok(aggregate("table:full", aggs, "--mode", "overwrite"));
    return rows("full");
  }

  private Commit latest(String table) throws Exception {
    TableLog log = Catalog.openTable(conf, "table:" + table);
    return log.readCommit(log.latestVersion());
  }

  @Test
  void everyAggregateEqualsAFullRunAfterEachIncrement() throws Exception {
    createTable("inc");
    createTable("full");
    land(1, "a.parquet");
    ok(aggregate("table:inc", AGGS, "--incremental"));
    assertEquals(Operation.OVERWRITE, latest("inc").operation());
    assertSameAsFull(AGGS);

    land(2, "b.parquet");
    List<String> plan = new ArrayList<>(List.of("aggregate"));
    plan.addAll(List.of(args("table:inc", AGGS, "--incremental")));
    Commands.Result planned = ok(Commands.run(conf, "plan", plan.toArray(new String[0])));
    assertTrue(planned.out().contains("reads the 1 input file no earlier run read"), planned::toString);
    assertTrue(planned.out().contains("3,000 read"), planned::toString);
    ok(aggregate("table:inc", AGGS, "--incremental"));
    Commit second = latest("inc");
    assertEquals(Operation.OVERWRITE_PARTITIONS, second.operation());
    assertEquals(1, second.inputs().size(), "only the new file is read and recorded");
    assertTrue(second.inputs().get(0).path().endsWith("/b.parquet"), second.inputs()::toString);
    assertSameAsFull(AGGS);

    landOneDay(3, "2026-01-05", "late.parquet");
    ok(aggregate("table:inc", AGGS, "--incremental"));
    Commit late = latest("inc");
    assertFalse(late.removed().isEmpty());
    for (String f : late.removed()) {
      assertTrue(f.contains("date=2026-01-05/"), "only the late day is rewritten: " + f);
    }
    assertEquals(2, late.added().size(), "its data file and its state file");
    assertTrue(late.added().stream().anyMatch(DataFile::isState));
    assertSameAsFull(AGGS);

    long version = latest("inc").version();
    Commands.Result nothing = ok(aggregate("table:inc", AGGS, "--incremental"));
    assertTrue(nothing.out().contains("no new input"), nothing::toString);
    assertEquals(version, latest("inc").version());
  }

  /** Lands the rows of one day of generated file {@code seed} among the inputs. */
  private void landOneDay(int seed, String day, String name) throws Exception {
    Path dir = tmp.resolve("day-" + seed);
    ok(Commands.run(conf, "convert", "--input", tmp.resolve("gen" + seed).toString(), "--where",
        "date(ts) = '" + day + "'", "--output", dir.toString()));
    try (Stream<Path> s = Files.list(dir)) {
      Path part = s.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow();
      Files.copy(part, raw.resolve(name));
    }
  }

  @Test
  void countDistinctKeepsTheDistinctValues() throws Exception {
    createTable("inc");
    createTable("full");
    land(1, "a.parquet");
    ok(aggregate("table:inc", DISTINCT_AGGS, "--incremental"));
    land(2, "b.parquet");
    ok(aggregate("table:inc", DISTINCT_AGGS, "--incremental"));
    landOneDay(3, "2026-01-07", "late.parquet");
    ok(aggregate("table:inc", DISTINCT_AGGS, "--incremental"));
    assertSameAsFull(DISTINCT_AGGS);
  }

  @Test
  void aGlobalAggregateStaysRightWhenNoNewRowPassesTheFilter() throws Exception {
    ok(Commands.run(conf, "catalog", "create", "inc", "--location", tmp.resolve("inc").toString()));
    ok(Commands.run(conf, "catalog", "create", "full", "--location", tmp.resolve("full").toString()));
    String[] query = {"--input", raw.toString(), "--where", "status = 'fail'", "--agg",
        "count(*),sum(value),max(ts),approx_count_distinct(station)"};
    land(1, "a.parquet");
    ok(Commands.run(conf, "aggregate", with(query, "--output", "table:inc", "--incremental")));
    land(2, "b.parquet");
    ok(Commands.run(conf, "aggregate", with(query, "--output", "table:inc", "--incremental")));
    Path okOnly = tmp.resolve("ok-only");
    ok(Commands.run(conf, "convert", "--input", tmp.resolve("gen3").toString(), "--where", "status = 'ok'",
        "--output", okOnly.toString()));
    try (Stream<Path> s = Files.list(okOnly)) {
      Files.copy(s.filter(p -> p.getFileName().toString().endsWith(".parquet")).findFirst().orElseThrow(),
          raw.resolve("c.parquet"));
    }
    Commands.Result none = ok(Commands.run(conf, "aggregate", with(query, "--output", "table:inc", "--incremental")));
    assertTrue(none.out().contains("rows in      0"), none::toString);
    ok(Commands.run(conf, "aggregate", with(query, "--output", "table:full", "--mode", "overwrite")));
    List<String> want = rows("full");
    assertEquals(2, want.size(), "one row, after the header");
    assertEquals(want, rows("inc"));
  }

  private static String[] with(String[] args, String... more) {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of(more));
    return all.toArray(new String[0]);
  }

  @Test
  void aChangedOrVanishedInputStopsTheRunUntilAFullRefresh() throws Exception {
    String aggs = "count(*),sum(value)";
    createTable("inc");
    createTable("full");
    land(1, "a.parquet");
    ok(aggregate("table:inc", aggs, "--incremental"));
    Files.delete(raw.resolve("a.parquet"));
    land(2, "a.parquet");
    Commands.Result changed = aggregate("table:inc", aggs, "--incremental");
    assertEquals(2, changed.exitCode(), changed::toString);
    assertTrue(changed.err().contains("a.parquet changed since an earlier run"), changed::toString);

    ok(aggregate("table:inc", aggs, "--full-refresh"));
    assertEquals(Operation.OVERWRITE, latest("inc").operation());
    assertSameAsFull(aggs);

    land(3, "c.parquet");
    Files.delete(raw.resolve("a.parquet"));
    Commands.Result gone = aggregate("table:inc", aggs, "--incremental");
    assertEquals(2, gone.exitCode(), gone::toString);
    assertTrue(gone.err().contains("a.parquet was read by an earlier run"), gone::toString);
    ok(aggregate("table:inc", aggs, "--incremental", "--full-refresh"));
    assertSameAsFull(aggs);
  }

  @Test
  void whatAnIncrementalRunCannotDoIsRefused() throws Exception {
    String aggs = "count(*)";
    createTable("inc");
    land(1, "a.parquet");
    String[][] refused = {
        {"--output", tmp.resolve("dir").toString(), "--incremental"},
        {"--output", "table:inc", "--incremental", "--mode", "append"},
        {"--output", "table:inc", "--incremental", "--order-by", "date"},
    };
    for (String[] extra : refused) {
      List<String> args = new ArrayList<>(List.of("--input", raw.toString(), "--derive", "date=date(ts)",
          "--group-by", GROUPS, "--partition-by", "date", "--agg", aggs));
      args.addAll(List.of(extra));
      Commands.Result r = Commands.run(conf, "aggregate", args.toArray(new String[0]));
      assertEquals(2, r.exitCode(), r::toString);
    }
    ok(aggregate("table:inc", aggs, "--incremental"));
    Commands.Result append = aggregate("table:inc", aggs, "--mode", "append");
    assertEquals(2, append.exitCode(), append::toString);
    assertTrue(append.err().contains("kept by incremental runs"), append::toString);
  }
}
