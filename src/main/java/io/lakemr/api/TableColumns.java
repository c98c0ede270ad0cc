package io.lakemr.api;

import io.lakemr.data.Column;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The columns of a batch, in the order of its column vectors: column {@code i} is
 * {@code batch.cols[i]}.
 */
public final class TableColumns {

  private final List<TableColumn> columns;
  private final Map<String, Integer> index = new HashMap<>();

  /**
   * Columns in batch order.
   *
   * @param columns the columns; names must not repeat
   * @throws IllegalArgumentException when a name repeats
   */
  public TableColumns(List<TableColumn> columns) {
    this.columns = List.copyOf(columns);
    for (int i = 0; i < this.columns.size(); i++) {
      if (index.putIfAbsent(this.columns.get(i).name(), i) != null) {
        throw new IllegalArgumentException("column '" + this.columns.get(i).name() + "' appears twice");
      }
    }
  }

  /**
   * The columns, in batch order.
   *
   * @return an unmodifiable list
   */
  public List<TableColumn> list() {
    return columns;
  }

  /**
   * How many columns there are.
   *
   * @return the number of columns
   */
  public int size() {
    return columns.size();
  }

  /**
   * One column.
   *
   * @param i its index, 0 to {@link #size()} - 1
   * @return the column
   */
  public TableColumn get(int i) {
    return columns.get(i);
  }

  /**
   * The index of a column, to look up once and use for every row.
   *
   * @param name the column's name
   * @return its index
   * @throws IllegalArgumentException naming the column and the columns there are, when there
   *     is none of that name
   */
  public int indexOf(String name) {
    Integer i = index.get(name);
    if (i == null) {
      throw new IllegalArgumentException("no column '" + name + "' (the columns are " + describe() + ")");
    }
    return i;
  }

  /**
   * Whether there is a column of this name.
   *
   * @param name the column's name
   * @return true when there is
   */
  public boolean contains(String name) {
    return index.containsKey(name);
  }

  /**
   * The column names, in batch order.
   *
   * @return the names
   */
  public List<String> names() {
    return columns.stream().map(TableColumn::name).toList();
  }

  List<Column> internal() {
    List<Column> out = new ArrayList<>();
    for (TableColumn c : columns) {
      out.add(c.internal());
    }
    return out;
  }

  static TableColumns of(List<Column> columns) {
    return new TableColumns(columns.stream().map(TableColumn::of).toList());
  }

  private String describe() {
    return columns.stream().map(TableColumn::toString).collect(Collectors.joining(", "));
  }

  /** The columns as {@code name type, ...}. */
  @Override
  public String toString() {
    return describe();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TableColumns t && t.columns.equals(columns);
  }

  @Override
  public int hashCode() {
    return columns.hashCode();
  }
}
