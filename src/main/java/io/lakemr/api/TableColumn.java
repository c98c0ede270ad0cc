package io.lakemr.api;

import io.lakemr.data.Column;
import java.util.Objects;

/**
 * A named, typed column.
 *
 * @param name the column's name
 * @param type the type of its values
 * @param precision for a {@link ValueType#DECIMAL} column, the most digits (1 to 38); else 0
 * @param scale for a {@link ValueType#DECIMAL} column, the digits after the point; else 0
 */
public record TableColumn(String name, ValueType type, int precision, int scale) {

  /**
   * Checks the column.
   *
   * @param name the column's name
   * @param type the type of its values
   * @param precision for a decimal, the most digits (1 to 38); else 0
   * @param scale for a decimal, the digits after the point; else 0
   * @throws IllegalArgumentException for a decimal without a usable precision and scale, or a
   *     precision or scale given to another type
   */
  public TableColumn {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    new Column(name, type.internal(), precision, scale);
  }

  /**
   * A column of a type that is not a decimal.
   *
   * @param name the column's name
   * @param type its type
   * @return the column
   */
  public static TableColumn of(String name, ValueType type) {
    return new TableColumn(name, type, 0, 0);
  }

  /**
   * A {@code decimal(precision, scale)} column.
   *
   * @param name the column's name
   * @param precision the most digits, 1 to 38
   * @param scale the digits after the point, 0 to precision
   * @return the column
   */
  public static TableColumn decimal(String name, int precision, int scale) {
    return new TableColumn(name, ValueType.DECIMAL, precision, scale);
  }

  /**
   * The type as lakemr's commands print it: {@code double}, {@code decimal(10,2)}.
   *
   * @return the type's name
   */
  public String typeName() {
    return internal().typeName();
  }

  Column internal() {
    return new Column(name, type.internal(), precision, scale);
  }

  static TableColumn of(Column c) {
    return new TableColumn(c.name(), ValueType.of(c.type()), c.precision(), c.scale());
  }

  @Override
  public String toString() {
    return name + " " + typeName();
  }
}
