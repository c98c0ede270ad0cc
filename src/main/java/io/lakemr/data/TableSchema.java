package io.lakemr.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * The columns an input offers, as a format found them: the readable ones, in order, and the
 * ones lakemr cannot read (nested, repeated, or of an unsupported type) with the reason, so a
 * job that names one fails with that reason while a job that does not is unaffected.
 */
public final class TableSchema {

  private final String source;
  private final List<Column> columns;
  private final Map<String, String> unreadable;

  /**
   * @param source what the schema was read from (a file), for messages
   * @param columns the readable columns, in order
   * @param unreadable column name to the reason it cannot be read
   */
  public TableSchema(String source, List<Column> columns, Map<String, String> unreadable) {
    this.source = source;
    this.columns = List.copyOf(columns);
    this.unreadable = Collections.unmodifiableMap(new LinkedHashMap<>(unreadable));
  }

  public String source() {
    return source;
  }

  public List<Column> columns() {
    return columns;
  }

  public Map<String, String> unreadable() {
    return unreadable;
  }

  /** Index of a readable column, or -1. */
  public int indexOf(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  public Column column(String name) {
    int i = indexOf(name);
    return i < 0 ? null : columns.get(i);
  }

  /** This schema with more columns at the end (partition-directory columns). */
  public TableSchema withColumns(List<Column> more) {
    List<Column> all = new ArrayList<>(columns);
    all.addAll(more);
    return new TableSchema(source, all, unreadable);
  }

  /** The Avro record schema of some of the columns, in the order given. */
  public Schema project(List<String> names) {
    List<Column> picked = new ArrayList<>();
    for (String n : names) {
      picked.add(column(n));
    }
    return Schemas.record("row", picked);
  }

  /** Column names for messages: {@code a, b, c}. */
  public String describeColumns() {
    return columns.stream().map(Column::name).collect(Collectors.joining(", "));
  }
}
