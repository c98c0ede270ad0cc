package io.lakemr.catalog;

import io.lakemr.conf.BadInputException;
import io.lakemr.data.Column;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The statements that declare a table to another engine over the same location, so that it
 * reads the current files (removed ones are moved into the hidden {@code _lakemr_removed/}):
 * Hive's {@code CREATE EXTERNAL TABLE ... PARTITIONED BY ... STORED AS PARQUET LOCATION},
 * Spark SQL's {@code CREATE TABLE ... USING PARQUET PARTITIONED BY ... LOCATION}, and a Trino
 * Hive-connector {@code CREATE TABLE ... WITH (external_location, format, partitioned_by)}, each
 * followed by the statement that finds the partitions present.
 */
public final class TableDdl {

  /** The engines {@code catalog ddl} writes for. */
  public enum Dialect {
    HIVE, SPARK, TRINO;

    /** The dialect a name gives, case-insensitively. */
    public static Dialect parse(String name) {
      for (Dialect d : values()) {
        if (d.name().equalsIgnoreCase(name.trim())) {
          return d;
        }
      }
      throw new BadInputException("--dialect: '" + name + "' is not hive, spark or trino");
    }
  }

  private TableDdl() {
  }

  /**
   * The statements, ending with a newline.
   *
   * @param name the table's name in the engine
   * @throws BadInputException when a live file is not Parquet, or the table has no columns yet
   */
  public static String statements(String name, TableSnapshot snapshot, Dialect dialect) {
    if (snapshot.columns().isEmpty()) {
      throw new BadInputException("table " + name + " has no columns yet: the first write into it gives them");
    }
    for (DataFile f : snapshot.files()) {
      if (!f.path().toLowerCase(Locale.ROOT).endsWith(".parquet")) {
        throw new BadInputException("table " + name + ": " + f.path() + " is not a Parquet file; the DDL declares "
            + "Parquet tables only");
      }
    }
    List<Column> data = new ArrayList<>();
    List<Column> partitions = new ArrayList<>();
    for (Column c : snapshot.columns()) {
      (snapshot.partitionColumns().contains(c.name()) ? partitions : data).add(c);
    }
    String location = snapshot.location().toString();
    switch (dialect) {
      case HIVE:
        return hive(name, data, partitions, location);
      case SPARK:
        return spark(name, data, partitions, location);
      case TRINO:
        return trino(name, data, partitions, location);
      default:
        throw new AssertionError(dialect);
    }
  }

  private static String hive(String name, List<Column> data, List<Column> partitions, String location) {
    StringBuilder b = new StringBuilder("CREATE EXTERNAL TABLE ").append(backquoted(name)).append(" (\n");
    b.append(columnList(data, Dialect.HIVE)).append(")\n");
    if (!partitions.isEmpty()) {
      b.append("PARTITIONED BY (").append(String.join(", ", typed(partitions, Dialect.HIVE))).append(")\n");
    }
    b.append("STORED AS PARQUET\nLOCATION '").append(location.replace("'", "\\'")).append("';\n");
    if (!partitions.isEmpty()) {
      b.append("MSCK REPAIR TABLE ").append(backquoted(name)).append(";\n");
    }
    return b.toString();
  }

  private static String spark(String name, List<Column> data, List<Column> partitions, String location) {
    List<Column> all = new ArrayList<>(data);
    all.addAll(partitions);
    StringBuilder b = new StringBuilder("CREATE TABLE ").append(backquoted(name)).append(" (\n");
    b.append(columnList(all, Dialect.SPARK)).append(")\nUSING PARQUET\n");
    if (!partitions.isEmpty()) {
      List<String> names = new ArrayList<>();
      partitions.forEach(c -> names.add(backquoted(c.name())));
      b.append("PARTITIONED BY (").append(String.join(", ", names)).append(")\n");
    }
    b.append("LOCATION '").append(location.replace("'", "\\'")).append("';\n");
    if (!partitions.isEmpty()) {
      b.append("MSCK REPAIR TABLE ").append(backquoted(name)).append(";\n");
    }
    return b.toString();
  }

  private static String trino(String name, List<Column> data, List<Column> partitions, String location) {
    List<Column> all = new ArrayList<>(data);
    all.addAll(partitions);
    StringBuilder b = new StringBuilder("CREATE TABLE ").append(quoted(name)).append(" (\n");
    b.append(columnList(all, Dialect.TRINO)).append(")\nWITH (\n");
    b.append("  external_location = '").append(location.replace("'", "''")).append("',\n");
    b.append("  format = 'PARQUET'");
    if (!partitions.isEmpty()) {
      List<String> names = new ArrayList<>();
      partitions.forEach(c -> names.add("'" + c.name().replace("'", "''") + "'"));
      b.append(",\n  partitioned_by = ARRAY[").append(String.join(", ", names)).append("]");
    }
    b.append("\n);\n");
    if (!partitions.isEmpty()) {
      b.append("-- the schema of the table: default, unless it was created in another\n");
      b.append("CALL system.sync_partition_metadata('default', '").append(name.replace("'", "''"))
          .append("', 'FULL');\n");
    }
    return b.toString();
  }

  private static String columnList(List<Column> columns, Dialect dialect) {
    StringBuilder b = new StringBuilder();
    List<String> typed = typed(columns, dialect);
    for (int i = 0; i < typed.size(); i++) {
      b.append("  ").append(typed.get(i)).append(i + 1 < typed.size() ? ",\n" : "\n");
    }
    return b.toString();
  }

  private static List<String> typed(List<Column> columns, Dialect dialect) {
    List<String> out = new ArrayList<>();
    for (Column c : columns) {
      String n = dialect == Dialect.TRINO ? quoted(c.name()) : backquoted(c.name());
      out.add(n + " " + typeName(c, dialect));
    }
    return out;
  }

  /** A column's type as the dialect writes it. */
  static String typeName(Column c, Dialect dialect) {
    boolean trino = dialect == Dialect.TRINO;
    switch (c.type()) {
      case BOOLEAN:
        return "BOOLEAN";
      case INT:
        return trino ? "INTEGER" : "INT";
      case LONG:
        return "BIGINT";
      case FLOAT:
        return trino ? "REAL" : "FLOAT";
      case DOUBLE:
        return "DOUBLE";
      case STRING:
        return trino ? "VARCHAR" : "STRING";
      case BYTES:
        return trino ? "VARBINARY" : "BINARY";
      case DATE:
        return "DATE";
      case TIMESTAMP:
        return trino ? "TIMESTAMP(3)" : "TIMESTAMP";
      case DECIMAL:
        return "DECIMAL(" + c.precision() + "," + c.scale() + ")";
      default:
        throw new AssertionError(c.type());
    }
  }

  private static String backquoted(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  private static String quoted(String name) {
    return "\"" + name.replace("\"", "\"\"") + "\"";
  }
}
