package io.lakemr.drivers;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.lakemr.catalog.Catalog;
import io.lakemr.catalog.Commit;
import io.lakemr.catalog.DataFile;
import io.lakemr.catalog.Operation;
import io.lakemr.catalog.PendingCommit;
import io.lakemr.catalog.TableDdl;
import io.lakemr.catalog.TableLog;
import io.lakemr.catalog.TableRegistration;
import io.lakemr.catalog.TableSnapshot;
import io.lakemr.catalog.VacuumResult;
import io.lakemr.conf.BadInputException;
import io.lakemr.data.Column;
import io.lakemr.data.Schemas;
import io.lakemr.formats.InputFiles;
import io.lakemr.formats.text.SchemaSpec;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.util.ToolRunner;

/**
 * {@code lakemr catalog SUBCOMMAND}: names tables and looks after them. {@code create} and
 * {@code register} make a table and give it a name in the catalog; {@code list},
 * {@code describe}, {@code history} show them; {@code drop} removes a name (and with
 * {@code --purge} the table); {@code vacuum} deletes what no recent snapshot needs; {@code ddl}
 * prints the statements that declare a table to Hive, Spark or Trino; {@code delete-partitions}
 * removes whole partitions in one commit.
 */
public final class CatalogTool extends LakemrTool {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(d|h|m|s|ms)");
  private static final int DESCRIBED_COMMITS = 5;

  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new Configuration(), new CatalogTool(), args));
  }

  @Override
  String name() {
    return "catalog";
  }

  @Override
  String usage() {
    return String.join("\n",
        "usage: lakemr catalog [generic options] SUBCOMMAND [options]",
        "  create NAME --location PATH [--schema 'col:type,...'] [--partition-by a,b]",
        "                           without --schema the first write gives the table its columns",
        "                     a new, empty table (types: boolean, int, long, float, double, string, date, timestamp)",
        "  register NAME --location PATH",
        "                     adopt a directory of data files (Hive-style partitions) as a table",
        "  list               the names in the catalog and their locations",
        "  describe NAME [--json]   schema, partitions with files, rows and bytes, latest commits",
        "  history NAME [--json]    every commit",
        "  drop NAME [--purge]      remove the name; --purge deletes the table's directory too",
        "  vacuum NAME [--older-than 7d]  delete removed and unreferenced files older than that (d, h, m, s)",
        "  ddl NAME --dialect hive|spark|trino  statements declaring the table to that engine",
        "  delete-partitions NAME --where EXPR  remove, in one commit, every file of the partitions where EXPR",
        "                     (on partition columns only) is true",
        "",
        "NAME is a catalog name ([A-Za-z0-9_.-]+); describe, history, vacuum, ddl and delete-partitions also take table:PATH.",
        "The catalog lives in lakemr.catalog.dir (default $LAKEMR_WORK_DIR/catalog; set it on a cluster).");
  }

  @Override
  int execute(String[] args) throws Exception {
    if (args.length == 0) {
      throw new BadInputException("give a subcommand: create, register, list, describe, history, drop, vacuum, ddl, delete-partitions");
    }
    String sub = args[0];
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (sub) {
      case "create":
        return create(parse(sub, rest, CommandLine.set("location", "schema", "partition-by"), CommandLine.set()));
      case "register":
        return register(parse(sub, rest, CommandLine.set("location"), CommandLine.set()));
      case "list":
        return list(parse(sub, rest, CommandLine.set(), CommandLine.set()));
      case "describe":
        return describe(parse(sub, rest, CommandLine.set(), CommandLine.set("json")));
      case "history":
        return history(parse(sub, rest, CommandLine.set(), CommandLine.set("json")));
      case "drop":
        return drop(parse(sub, rest, CommandLine.set(), CommandLine.set("purge")));
      case "vacuum":
        return vacuum(parse(sub, rest, CommandLine.set("older-than"), CommandLine.set()));
      case "ddl":
        return ddl(parse(sub, rest, CommandLine.set("dialect"), CommandLine.set()));
      case "delete-partitions":
        return deletePartitions(parse(sub, rest, CommandLine.set("where"), CommandLine.set()));
      default:
        throw new BadInputException("unknown subcommand '" + sub
            + "' (create, register, list, describe, history, drop, vacuum, ddl, delete-partitions)");
    }
  }

  private CommandLine parse(String sub, String[] args, Set<String> withValue, Set<String> flags) {
    CommandLine cl = CommandLine.parse("catalog " + sub, args, withValue, flags);
    int wanted = sub.equals("list") ? 0 : 1;
    if (cl.positional().size() != wanted) {
      throw new BadInputException(wanted == 0 ? "catalog list takes no arguments"
          : "catalog " + sub + " takes one table NAME, not " + cl.positional().size() + " arguments");
    }
    return cl;
  }

  private int create(CommandLine cl) throws IOException {
    String name = cl.positional().get(0);
    Configuration conf = getConf();
    List<String> partitionBy = cl.list("partition-by");
    // without --schema, the first commit that writes files gives the table its columns
    Schema schema = cl.has("schema") ? schema(cl.get("schema"), partitionBy) : Schemas.record("row", List.of());
    TableLog log = TableLog.open(conf, new Path(cl.require("location")));
    FileSystem fs = log.location().getFileSystem(conf);
    if (TableLog.isTable(fs, log.location())) {
      throw new BadInputException("--location: " + log.location() + " is a table already");
    }
    if (holdsVisibleFiles(fs, log.location())) {
      throw new BadInputException("--location: " + log.location() + " holds files; adopt them with catalog register");
    }
    Catalog catalog = Catalog.open(conf);
    takeName(catalog, name, log.location());
    try {
      log.commit(PendingCommit.create(Operation.CREATE, schema, partitionBy).info("command", "catalog create"));
    } catch (IOException | RuntimeException e) {
      catalog.remove(name);
      throw e;
    }
    out().println("created table " + name + " at " + log.location());
    return EXIT_OK;
  }

  /** The schema of {@code --schema}, with the partition columns moved last, in their order. */
  private static Schema schema(String text, List<String> partitionBy) {
    List<Column> columns;
    try {
      columns = SchemaSpec.parse(text);
    } catch (IllegalArgumentException e) {
      throw new BadInputException("--" + e.getMessage());
    }
    List<Column> ordered = new ArrayList<>();
    List<Column> partitions = new ArrayList<>();
    for (String p : partitionBy) {
      Column c = columns.stream().filter(x -> x.name().equals(p)).findFirst().orElseThrow(
          () -> new BadInputException("--partition-by: " + p + " is not a column of --schema"));
      partitions.add(c);
    }
    columns.stream().filter(c -> !partitions.contains(c)).forEach(ordered::add);
    ordered.addAll(partitions);
    try {
      return Schemas.record("row", ordered);
    } catch (SchemaParseException e) {
      throw new BadInputException("--schema: " + e.getMessage(), e);
    }
  }

  private static boolean holdsVisibleFiles(FileSystem fs, Path dir) throws IOException {
    try {
      for (FileStatus s : fs.listStatus(dir)) {
        if (!InputFiles.isHidden(s.getPath().getName())) {
          return true;
        }
      }
      return false;
    } catch (FileNotFoundException e) {
      return false;
    }
  }

  private static void takeName(Catalog catalog, String name, Path location) throws IOException {
    if (!Catalog.isName(name)) {
      throw new BadInputException("'" + name + "' is not a table name: use letters, digits, _, . and -");
    }
    if (!catalog.add(name, location)) {
      throw new BadInputException("the catalog " + catalog.directory() + " has a table " + name + " already, at "
          + catalog.find(name));
    }
  }

  private int register(CommandLine cl) throws IOException {
    String name = cl.positional().get(0);
    Configuration conf = getConf();
    Path location = TableLog.open(conf, new Path(cl.require("location"))).location();
    Catalog catalog = Catalog.open(conf);
    takeName(catalog, name, location);
    Commit first;
    try {
      first = TableRegistration.register(conf, location);
    } catch (IOException | RuntimeException e) {
      catalog.remove(name);
      throw e;
    }
    out().println("registered table " + name + " at " + location + ": " + first.added().size() + " files, "
        + first.addedRows() + " rows, partitioned by " + describePartitioning(first.partitionColumns()));
    return EXIT_OK;
  }

  private static String describePartitioning(List<String> columns) {
    return columns.isEmpty() ? "nothing" : String.join(", ", columns);
  }

  private int list(CommandLine cl) throws IOException {
    Catalog catalog = Catalog.open(getConf());
    Map<String, Path> tables = catalog.list();
    if (tables.isEmpty()) {
      out().println("no tables in the catalog " + catalog.directory());
    }
    tables.forEach((name, location) -> out().println(name + "\t" + location));
    return EXIT_OK;
  }

  private int describe(CommandLine cl) throws IOException {
    String spec = cl.positional().get(0);
    TableLog log = Catalog.openTable(getConf(), spec);
    TableSnapshot s = log.snapshot();
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("table", spec);
    doc.put("location", s.location().toString());
    doc.put("version", s.version());
    doc.put("committed", Instant.ofEpochMilli(s.timestamp()).toString());
    List<Object> columns = new ArrayList<>();
    for (Column c : s.columns()) {
      columns.add(Map.of("name", c.name(), "type", c.typeName(), "partition", s.partitionColumns().contains(c.name())));
    }
    doc.put("columns", columns);
    doc.put("partitionColumns", s.partitionColumns());
    doc.put("files", s.files().size());
    doc.put("rows", s.totalRows());
    doc.put("bytes", s.totalBytes());
    List<Object> partitions = new ArrayList<>();
    for (Map.Entry<String, List<DataFile>> p : s.partitions().entrySet()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("partition", p.getKey());
      entry.put("files", p.getValue().size());
      entry.put("rows", p.getValue().stream().mapToLong(f -> Math.max(0, f.rows())).sum());
      entry.put("bytes", p.getValue().stream().mapToLong(DataFile::bytes).sum());
      partitions.add(entry);
    }
    doc.put("partitions", partitions);
    doc.put("latestCommits", commits(log.recentCommits(DESCRIBED_COMMITS)));
    if (cl.has("json")) {
      out().println(json(doc));
    } else {
      printDescription(doc, s);
    }
    return EXIT_OK;
  }

  private void printDescription(Map<String, Object> doc, TableSnapshot s) {
    out().println("table " + doc.get("table") + " at " + s.location());
    out().println("version " + s.version() + ", committed " + doc.get("committed"));
    out().println(s.columns().isEmpty() ? "columns: none yet (the first write gives them)" : "columns:");
    for (Column c : s.columns()) {
      out().println("  " + c.name() + " " + c.typeName() + (s.partitionColumns().contains(c.name()) ? " (partition)" : ""));
    }
    out().println(s.files().size() + " files, " + s.totalRows() + " rows, " + s.totalBytes() + " bytes in "
        + s.partitions().size() + " partition" + (s.partitions().size() == 1 ? "" : "s"));
    for (Object o : (List<?>) doc.get("partitions")) {
      Map<?, ?> p = (Map<?, ?>) o;
      String label = p.get("partition").toString().isEmpty() ? "(no partitions)" : p.get("partition").toString();
      out().println("  " + label + ": " + p.get("files") + " files, " + p.get("rows") + " rows, " + p.get("bytes")
          + " bytes");
    }
    out().println("latest commits:");
    printCommits((List<?>) doc.get("latestCommits"));
  }

  private int history(CommandLine cl) throws IOException {
    TableLog log = Catalog.openTable(getConf(), cl.positional().get(0));
    List<Object> commits = commits(log.history());
    if (cl.has("json")) {
      out().println(json(commits));
    } else {
      printCommits(commits);
    }
    return EXIT_OK;
  }

  private static List<Object> commits(List<Commit> commits) {
    List<Object> out = new ArrayList<>();
    for (Commit c : commits) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("version", c.version());
      entry.put("timestamp", Instant.ofEpochMilli(c.timestamp()).toString());
      entry.put("user", c.user());
      entry.put("operation", c.operation().label());
      entry.put("addedFiles", c.added().size());
      entry.put("removedFiles", c.removed().size());
      entry.put("addedRows", c.addedRows());
      entry.put("info", c.info());
      out.add(entry);
    }
    return out;
  }

  private void printCommits(List<?> commits) {
    for (Object o : commits) {
      Map<?, ?> c = (Map<?, ?>) o;
      out().println(String.format("  %4s  %s  %-20s  +%s files (%s rows)  -%s files  %s", c.get("version"),
          c.get("timestamp"), c.get("operation"), c.get("addedFiles"), c.get("addedRows"), c.get("removedFiles"),
          c.get("user")));
    }
  }

  private int drop(CommandLine cl) throws IOException {
    String name = cl.positional().get(0);
    Configuration conf = getConf();
    Catalog catalog = Catalog.open(conf);
    Path location = catalog.location(name);
    catalog.remove(name);
    if (cl.has("purge")) {
      location.getFileSystem(conf).delete(location, true);
      out().println("dropped table " + name + " and deleted " + location);
    } else {
      out().println("dropped the name " + name + "; the table stays at " + location + " (table:" + location + ")");
    }
    return EXIT_OK;
  }

  private int vacuum(CommandLine cl) throws IOException {
    String spec = cl.positional().get(0);
    long retention = parseDuration(cl.get("older-than", "7d"));
    TableLog log = Catalog.openTable(getConf(), spec);
    VacuumResult r = log.vacuum(retention);
    out().println("vacuumed " + spec + ": deleted " + r.removedFiles() + " removed files and " + r.unreferencedFiles()
        + " unreferenced files, " + r.bytes() + " bytes");
    return EXIT_OK;
  }

  /** Milliseconds of a duration such as {@code 7d}, {@code 12h}, {@code 30m}, {@code 0s}. */
  static long parseDuration(String text) {
    Matcher m = DURATION.matcher(text.trim());
    if (!m.matches()) {
      throw new BadInputException("--older-than: '" + text + "' is not a duration such as 7d, 12h, 30m or 0s");
    }
    long n = Long.parseLong(m.group(1));
    switch (m.group(2)) {
      case "d":
        return n * 86_400_000L;
      case "h":
        return n * 3_600_000L;
      case "m":
        return n * 60_000L;
      case "s":
        return n * 1_000L;
      default:
        return n;
    }
  }

  /**
   * Removes, in one {@code delete-partitions} commit, every live file of the partitions whose
   * values satisfy {@code --where}; a filter matching none makes no commit.
   */
  private int deletePartitions(CommandLine cl) throws IOException {
    String spec = cl.positional().get(0);
    String where = cl.require("where");
    TableLog log = Catalog.openTable(getConf(), spec);
    TableSnapshot base = log.snapshot();
    if (base.partitionColumns().isEmpty()) {
      throw new BadInputException("catalog delete-partitions: " + spec + " has no partition columns; "
          + "remove its files with an overwrite");
    }
    PartitionFilter filter = PartitionFilter.parse(where, base.columns(), spec, base.partitionColumns(),
        "delete-partitions removes whole partitions");
    List<DataFile> removed = new ArrayList<>();
    int partitions = 0;
    for (List<DataFile> files : base.partitions().values()) {
      if (filter.matches(files.get(0).partition())) {
        removed.addAll(files);
        partitions++;
      }
    }
    if (removed.isEmpty()) {
      out().println("no partition of " + spec + " at commit " + base.version() + " matches " + where
          + "; nothing was committed");
      return EXIT_OK;
    }
    long rows = removed.stream().mapToLong(f -> Math.max(0, f.rows())).sum();
    Commit c = log.commit(base.newCommit(Operation.DELETE_PARTITIONS).removeAll(removed)
        .info("command", "catalog delete-partitions --where " + where));
    out().println("deleted " + partitions + " partition" + (partitions == 1 ? "" : "s") + " of " + spec + " ("
        + removed.size() + " file" + (removed.size() == 1 ? "" : "s") + ", " + rows + " rows) in commit "
        + c.version() + "; they are under " + TableLog.REMOVED_DIR + "/" + c.version() + "/ until vacuumed");
    return EXIT_OK;
  }

  private int ddl(CommandLine cl) throws IOException {
    String spec = cl.positional().get(0);
    TableDdl.Dialect dialect = TableDdl.Dialect.parse(cl.require("dialect"));
    TableLog log = Catalog.openTable(getConf(), spec);
    String rest = spec.startsWith(Catalog.TABLE_PREFIX) ? spec.substring(Catalog.TABLE_PREFIX.length()) : spec;
    String tableName = Catalog.isName(rest) ? rest : log.location().getName();
    out().print(TableDdl.statements(tableName, log.snapshot(), dialect));
    return EXIT_OK;
  }

  private static String json(Object doc) throws IOException {
    return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(doc);
  }
}
