package io.lakemr.drivers;

import io.lakemr.catalog.DataFile;
import io.lakemr.catalog.TableLog;
import io.lakemr.catalog.TableSnapshot;
import io.lakemr.conf.BadInputException;
import io.lakemr.conf.LakemrConfig;
import io.lakemr.data.TableSchema;
import io.lakemr.expr.RowCounters;
import io.lakemr.formats.output.OutputCounters;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.hadoop.mapreduce.Counters;
import org.apache.hadoop.mapreduce.Job;
import org.apache.hadoop.util.StringUtils;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation.IntLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * The guards of a conversion that rewrites a Parquet table in place ({@code compact}): every
 * column must be readable, the files of partitions left alone are left out of the input, and
 * before anything is published the rewritten files must hold every row read, with each column
 * of the same Parquet type as before. A rewrite that would change a value's type or lose a row
 * fails (exit 1) with the table untouched.
 */
final class TableRewrite {

  private final String table;
  private final List<String> partitionColumns;
  private final String where;
  private final List<Path> leftOut;
  private final List<String> columnTypes;
  /** For a catalog table: the files rewritten and the output committing their replacement; else null. */
  private final List<DataFile> rewritten;
  private final TableOutput tableOutput;

  /**
   * @param table the table, as the user named it
   * @param partitionColumns the table's partition columns
   * @param where the filter choosing partitions, or null
   * @param leftOut the data files of partitions that are not rewritten
   * @param sample a data file of the table whose Parquet schema the rewritten files must have
   */
  TableRewrite(String table, List<String> partitionColumns, String where, List<Path> leftOut, Path sample,
      Configuration conf) throws IOException {
    this.table = table;
    this.partitionColumns = List.copyOf(partitionColumns);
    this.where = where;
    this.leftOut = List.copyOf(leftOut);
    this.columnTypes = columnTypes(sample, conf);
    this.rewritten = null;
    this.tableOutput = null;
  }

  private TableRewrite(String spec, TableLog log, TableSnapshot base, List<DataFile> rewritten, Configuration conf)
      throws IOException {
    this.table = spec;
    this.partitionColumns = base.partitionColumns();
    this.where = null;
    this.leftOut = List.of();
    this.columnTypes = columnTypes(base.resolve(conf, rewritten.get(0)), conf);
    this.rewritten = List.copyOf(rewritten);
    this.tableOutput = TableOutput.rewriting(spec, log, base, rewritten);
  }

  /**
   * The rewrite of some files of a catalog table's snapshot: the job reads exactly these files
   * and one {@code compact} commit replaces them by what it wrote.
   *
   * @param spec the table, as the user named it ({@code table:NAME})
   * @param rewritten live files of {@code base}, at least one
   */
  static TableRewrite ofTable(String spec, TableLog log, TableSnapshot base, List<DataFile> rewritten,
      Configuration conf) throws IOException {
    return new TableRewrite(spec, log, base, rewritten, conf);
  }

  /** The relative paths of the catalog table's files the job reads, or null when it reads a directory. */
  Set<String> tableFiles() {
    if (rewritten == null) {
      return null;
    }
    Set<String> out = new HashSet<>();
    rewritten.forEach(f -> out.add(f.path()));
    return out;
  }

  /** The output committing a catalog table's rewrite, or null when it rewrites a directory. */
  TableOutput tableOutput() {
    return tableOutput;
  }

  /**
   * Refuses a table with columns lakemr cannot read (rewriting would drop them), and a filter on
   * anything but partition columns (it would drop rows).
   */
  void check(TableSchema schema) {
    if (!schema.unreadable().isEmpty()) {
      throw new BadInputException("cannot rewrite " + table + ": lakemr cannot read its column(s) "
          + String.join(", ", schema.unreadable().keySet()) + ", which a rewrite would drop");
    }
    if (where == null) {
      return;
    }
    PartitionFilter.checkColumns(where, schema, table, partitionColumns, CompactTool.WHOLE_PARTITIONS);
  }

  /** Leaves the files of the partitions not rewritten out of the job's input. */
  void configure(Job job) {
    if (leftOut.isEmpty()) {
      return;
    }
    List<String> escaped = new ArrayList<>();
    leftOut.forEach(p -> escaped.add(StringUtils.escapeString(p.toString())));
    job.getConfiguration().set(LakemrConfig.INPUT_SKIP_FILES, String.join(",", escaped));
  }

  /**
   * Checks the staged rewrite before it is published.
   *
   * @throws IOException naming the table and what differs; nothing is published
   */
  void verify(Job job, FileSystem fs, Path staging) throws IOException {
    Counters c = job.getCounters();
    long read = c.findCounter(RowCounters.ROWS_READ).getValue();
    long written = c.findCounter(OutputCounters.ROWS_WRITTEN).getValue();
    if (read != written) {
      throw new IOException("rewriting " + table + " read " + read + " rows but wrote " + written
          + "; nothing was changed");
    }
    RemoteIterator<LocatedFileStatus> it = fs.listFiles(staging, true);
    while (it.hasNext()) {
      FileStatus f = it.next();
      String name = f.getPath().getName();
      if (!name.endsWith(".parquet") || name.startsWith("_") || name.startsWith(".")) {
        continue;
      }
      List<String> got = columnTypes(f.getPath(), job.getConfiguration());
      if (!got.equals(columnTypes)) {
        throw new IOException("rewriting " + table + " would change its columns from " + columnTypes + " to " + got
            + "; nothing was changed");
      }
    }
  }

  /** A signed integer annotation of the physical type's own width: the same as none. */
  private static boolean isPlainSigned(Type t) {
    if (!t.isPrimitive() || !(t.getLogicalTypeAnnotation() instanceof IntLogicalTypeAnnotation i) || !i.isSigned()) {
      return false;
    }
    PrimitiveTypeName p = t.asPrimitiveType().getPrimitiveTypeName();
    return (p == PrimitiveTypeName.INT32 && i.getBitWidth() == 32) || (p == PrimitiveTypeName.INT64 && i.getBitWidth() == 64);
  }

  /** Each column of a Parquet file's schema: name, physical type and logical type. */
  private static List<String> columnTypes(Path file, Configuration conf) throws IOException {
    MessageType schema;
    try (ParquetFileReader r = ParquetFileReader.open(HadoopInputFile.fromPath(file, conf))) {
      schema = r.getFooter().getFileMetaData().getSchema();
    }
    List<String> out = new ArrayList<>();
    for (Type t : schema.getFields()) {
      String logical = t.getLogicalTypeAnnotation() == null || isPlainSigned(t) ? ""
          : " " + t.getLogicalTypeAnnotation();
      out.add(t.getName() + ": " + (t.isPrimitive() ? t.asPrimitiveType().getPrimitiveTypeName().name() : "group")
          + logical);
    }
    return out;
  }
}
