package io.lakemr.formats.text;

import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code --schema} syntax: {@code name:type} pairs separated by commas, such as
 * {@code ts:timestamp,station:string,value:double}. Types are {@code boolean}, {@code int},
 * {@code long}, {@code float}, {@code double}, {@code string}, {@code date} and
 * {@code timestamp}. A name holding a comma, colon, backquote or blank at either end is written
 * in backquotes, a backquote in it doubled. {@link #format} writes what {@link #parse} reads, so
 * an inferred schema can be copied onto a command line.
 */
public final class SchemaSpec {

  private static final List<ColumnType> TYPES = List.of(ColumnType.BOOLEAN, ColumnType.INT, ColumnType.LONG,
      ColumnType.FLOAT, ColumnType.DOUBLE, ColumnType.STRING, ColumnType.DATE, ColumnType.TIMESTAMP);

  private SchemaSpec() {
  }

  /**
   * The columns a schema text declares.
   *
   * @throws IllegalArgumentException naming the column or text that is wrong
   */
  public static List<Column> parse(String text) {
    List<Column> columns = new ArrayList<>();
    Set<String> names = new HashSet<>();
    int i = 0;
    int n = text.length();
    while (true) {
      while (i < n && text.charAt(i) == ' ') {
        i++;
      }
      StringBuilder name = new StringBuilder();
      i = readName(text, i, name);
      if (i >= n || text.charAt(i) != ':') {
        throw new IllegalArgumentException("schema: column '" + name + "' has no ':type' (in '" + text + "')");
      }
      int comma = text.indexOf(',', i + 1);
      int typeEnd = comma < 0 ? n : comma;
      String typeName = text.substring(i + 1, typeEnd).trim();
      if (name.length() == 0) {
        throw new IllegalArgumentException("schema: a column has an empty name (in '" + text + "')");
      }
      if (!names.add(name.toString())) {
        throw new IllegalArgumentException("schema: column " + name + " is declared twice");
      }
      columns.add(new Column(name.toString(), type(name.toString(), typeName)));
      if (comma < 0) {
        return columns;
      }
      i = comma + 1;
    }
  }

  private static int readName(String text, int i, StringBuilder name) {
    int n = text.length();
    if (i < n && text.charAt(i) == '`') {
      i++;
      while (i < n) {
        char c = text.charAt(i);
        if (c == '`') {
          if (i + 1 < n && text.charAt(i + 1) == '`') {
            name.append('`');
            i += 2;
            continue;
          }
          return i + 1;
        }
        name.append(c);
        i++;
      }
      throw new IllegalArgumentException("schema: column name `" + name + " has no closing backquote");
    }
    int start = i;
    while (i < n && text.charAt(i) != ':' && text.charAt(i) != ',') {
      i++;
    }
    name.append(text, start, i);
    while (name.length() > 0 && name.charAt(name.length() - 1) == ' ') {
      name.setLength(name.length() - 1);
    }
    return i;
  }

  private static ColumnType type(String column, String typeName) {
    String t = typeName.toLowerCase(Locale.ROOT);
    for (ColumnType type : TYPES) {
      if (type.displayName().equals(t)) {
        return type;
      }
    }
    throw new IllegalArgumentException("schema: column " + column + " has type '" + typeName
        + "', not one of boolean, int, long, float, double, string, date, timestamp");
  }

  /** The schema text of some columns; bytes columns are written as string. */
  public static String format(List<Column> columns) {
    StringBuilder b = new StringBuilder();
    for (Column c : columns) {
      if (b.length() > 0) {
        b.append(',');
      }
      appendName(b, c.name());
      ColumnType t = c.type() == ColumnType.BYTES ? ColumnType.STRING : c.type();
      b.append(':').append(t.displayName());
    }
    return b.toString();
  }

  private static void appendName(StringBuilder b, String name) {
    boolean quote = name.isEmpty() || name.startsWith(" ") || name.endsWith(" ") || name.startsWith("`")
        || name.indexOf(',') >= 0 || name.indexOf(':') >= 0;
    if (!quote) {
      b.append(name);
      return;
    }
    b.append('`').append(name.replace("`", "``")).append('`');
  }
}
