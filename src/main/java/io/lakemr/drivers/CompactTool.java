package io.lakemr.drivers;

import io.lakemr.catalog.Catalog;
import io.lakemr.catalog.DataFile;
import io.lakemr.catalog.TableLog;
import io.lakemr.catalog.TableSnapshot;
import io.lakemr.conf.BadInputException;
import io.lakemr.formats.InputFile;
import io.lakemr.formats.InputFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code lakemr compact}: rewrites the small files of a Parquet table's partitions into files of
 * about a target size, in place.
 *
 * <p>A partition (a leaf {@code key=value} directory, or the table itself when it has none) is
 * rewritten when it holds at least two data files under half the target size; it is then
 * rewritten whole, so that the publish step can swap it as one unit. The rewrite is a
 * {@code convert} of the table into itself, reading only the chosen partitions, shuffled by the
 * partition columns and written with {@code overwrite-partitions} (or, for a table without
 * partitions, {@code overwrite}): each partition is old or new, never a mix, and a run that dies
 * is finished or rolled back by the next run on the table. {@link TableRewrite} checks before
 * publishing that every row read was written, with every column's type unchanged.
 *
 * <p>On a catalog table ({@code --table table:NAME}) the partitions are chosen by the same rule
 * from the table's log, not from a listing; the job reads exactly their files, writes new
 * uniquely named files into the table's directory, and one {@code compact} commit removes the
 * files read and adds the new ones, so readers by name switch at once. When another commit
 * removed one of those files meanwhile, the commit fails and the new files are deleted.
 */
public final class CompactTool extends ConvertTool {

  private static final Set<String> OPTIONS = CommandLine.set("table", "target-file-size", "where", "sort-by",
      "reducers");

  /** What compact does with partitions, for the message refusing a --where on other columns. */
  static final String WHOLE_PARTITIONS = "compact never drops rows, it chooses whole partitions";

  public CompactTool() {
    super(null);
  }

  private CompactTool(TableRewrite rewrite) {
    super(rewrite);
  }

  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new Configuration(), new CompactTool(), args));
  }

  @Override
  String name() {
    return "compact";
  }

  @Override
  String usage() {
    return String.join("\n",
        "usage: lakemr compact [generic options] --table PATH|table:NAME [options]",
        "  --table PATH|table:NAME    a Parquet table directory (Hive-style partitions or none), or a catalog table",
        "  --target-file-size SIZE    about this many bytes per file (k, m, g suffixes; default "
            + TARGET_FILE_SIZE_DEFAULT + ")",
        "  --where EXPR               compact only the partitions where EXPR, on partition columns only, is true",
        "  --sort-by COL [ASC|DESC][, ...]  order of the rows within each rewritten file",
        "  --reducers N               reducers of the rewrite (default: one per 256 MiB read)",
        "",
        "A partition is rewritten whole when it holds two or more files under half the target size;",
        "the others are not read. Each partition is swapped at once: readers see it old or new;",
        "a catalog table changes in one compact commit of its log.");
  }

  @Override
  int execute(String[] args) throws Exception {
    CommandLine cl = CommandLine.parse(name(), args, OPTIONS, CommandLine.set());
    cl.requireNoPositional();
    String table = cl.require("table");
    long target = parseSize("target-file-size", cl.get("target-file-size", TARGET_FILE_SIZE_DEFAULT));
    if (Catalog.isTableSpec(table)) {
      return compactTable(cl, table, target);
    }
    Configuration conf = getConf();
    TableOutput.refuseTablePath(conf, table, "compact --table table:NAME (or table:PATH)");
    InputFiles files = InputFiles.list(conf, List.of(table));
    Map<Path, List<InputFile>> partitions = partitions(table, files);
    List<Path> chosen = new ArrayList<>();
    List<Path> leftOut = new ArrayList<>();
    for (Map.Entry<Path, List<InputFile>> p : partitions.entrySet()) {
      long small = p.getValue().stream().filter(f -> f.length() < target / 2).count();
      if (small >= 2) {
        chosen.add(p.getKey());
      } else {
        p.getValue().forEach(f -> leftOut.add(f.path()));
      }
    }
    if (chosen.isEmpty()) {
      out().println("lakemr compact: nothing to compact: no partition of " + table + " holds two or more files "
          + "under half of " + cl.get("target-file-size", TARGET_FILE_SIZE_DEFAULT));
      return EXIT_OK;
    }
    err().println("[lakemr compact] rewriting " + chosen.size() + " of " + partitions.size() + " partition"
        + (partitions.size() == 1 ? "" : "s") + " of " + table);
    Path sample = partitions.get(chosen.get(0)).get(0).path();
    CompactTool rewrite = new CompactTool(new TableRewrite(table, files.partitionColumns(), cl.get("where"),
        leftOut, sample, conf));
    rewrite.setConf(conf);
    rewrite.withStreams(out(), err());
    return rewrite.convert(convertArgs(cl, table, files.partitionColumns()));
  }

  /** Compacts a catalog table: one commit of its log, see the class comment. */
  private int compactTable(CommandLine cl, String table, long target) throws Exception {
    Configuration conf = getConf();
    TableLog log = Catalog.openTable(conf, table);
    TableSnapshot base = log.snapshot();
    String where = cl.get("where");
    PartitionFilter filter = where == null ? null
        : PartitionFilter.parse(where, base.columns(), table, base.partitionColumns(), WHOLE_PARTITIONS);
    Map<String, List<DataFile>> partitions = base.partitions();
    List<DataFile> rewritten = new ArrayList<>();
    int chosen = 0;
    for (List<DataFile> files : partitions.values()) {
      if (filter != null && !filter.matches(files.get(0).partition())) {
        continue;
      }
      for (DataFile f : files) {
        if (!f.path().endsWith(".parquet")) {
          throw new BadInputException("--table: compact rewrites Parquet tables, and " + f.path() + " of " + table
              + " is not a .parquet file");
        }
      }
      if (files.stream().filter(f -> f.bytes() < target / 2).count() >= 2) {
        rewritten.addAll(files);
        chosen++;
      }
    }
    if (chosen == 0) {
      out().println("lakemr compact: nothing to compact: no partition of " + table + " at commit " + base.version()
          + (where == null ? "" : " where " + where) + " holds two or more files under half of "
          + cl.get("target-file-size", TARGET_FILE_SIZE_DEFAULT));
      return EXIT_OK;
    }
    err().println("[lakemr compact] rewriting " + rewritten.size() + " files of " + chosen + " of " + partitions.size()
        + " partition" + (partitions.size() == 1 ? "" : "s") + " of " + table + " at commit " + base.version());
    CompactTool rewrite = new CompactTool(TableRewrite.ofTable(table, log, base, rewritten, conf));
    rewrite.setConf(conf);
    rewrite.withStreams(out(), err());
    return rewrite.convert(tableArgs(cl, table, base));
  }

  /** The convert command line of a catalog table's rewrite: the snapshot compacted, appended to the table. */
  private static String[] tableArgs(CommandLine cl, String table, TableSnapshot base) {
    List<String> args = new ArrayList<>(List.of("--input", table, "--as-of", Long.toString(base.version()),
        "--format", "parquet", "--output", table, "--mode", "append",
        "--target-file-size", cl.get("target-file-size", TARGET_FILE_SIZE_DEFAULT)));
    if (!base.partitionColumns().isEmpty()) {
      args.addAll(List.of("--partition-by", String.join(",", base.partitionColumns())));
    }
    for (String option : List.of("sort-by", "reducers")) {
      if (cl.get(option) != null) {
        args.addAll(List.of("--" + option, cl.get(option)));
      }
    }
    return args.toArray(new String[0]);
  }

  /** The data files of a Parquet table by partition directory; refuses other formats. */
  private static Map<Path, List<InputFile>> partitions(String table, InputFiles files) {
    Map<Path, List<InputFile>> out = new LinkedHashMap<>();
    for (InputFile f : files.files()) {
      if (!f.path().getName().endsWith(".parquet")) {
        throw new BadInputException("--table: compact rewrites Parquet tables, and " + f.path()
            + " is not a .parquet file");
      }
      out.computeIfAbsent(f.path().getParent(), k -> new ArrayList<>()).add(f);
    }
    if (out.isEmpty()) {
      throw new BadInputException("--table: " + table + " holds no data files");
    }
    return out;
  }

  /** The convert command line of the rewrite: the table into itself, by its partitions. */
  private static String[] convertArgs(CommandLine cl, String table, List<String> partitionColumns) {
    List<String> args = new ArrayList<>(List.of("--input", table, "--format", "parquet", "--output", table,
        "--target-file-size", cl.get("target-file-size", TARGET_FILE_SIZE_DEFAULT)));
    if (partitionColumns.isEmpty()) {
      args.addAll(List.of("--mode", "overwrite"));
    } else {
      args.addAll(List.of("--mode", "overwrite-partitions", "--partition-by", String.join(",", partitionColumns)));
    }
    String where = cl.get("where");
    if (where != null) {
      args.addAll(List.of("--where", where));
    }
    for (String option : List.of("sort-by", "reducers")) {
      if (cl.get(option) != null) {
        args.addAll(List.of("--" + option, cl.get(option)));
      }
    }
    return args.toArray(new String[0]);
  }
}
