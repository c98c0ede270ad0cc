package io.lakemr.data;

import java.util.Objects;

/** A named, typed column of a flat table. */
public record Column(String name, ColumnType type) {

  public Column {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  @Override
  public String toString() {
    return name + " " + type.displayName();
  }
}
