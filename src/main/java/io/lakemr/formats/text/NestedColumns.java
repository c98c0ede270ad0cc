package io.lakemr.formats.text;

import io.lakemr.data.Column;
import io.lakemr.data.Schemas;
import io.lakemr.data.TableSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * Flattens an Avro record schema into columns: a field of a nested record (nullable or not)
 * becomes the column {@code outer_inner}, at any depth. Fields lakemr cannot compute with
 * (arrays, maps, unions of several types) are listed as unreadable with the reason.
 */
public final class NestedColumns {

  /** Joins the names of a nested field's path. */
  public static final String SEPARATOR = "_";

  private final List<Column> columns = new ArrayList<>();
  private final List<int[]> paths = new ArrayList<>();
  private final Map<String, String> unreadable = new LinkedHashMap<>();

  private NestedColumns() {
  }

  /** The columns of a record schema, nested records flattened. */
  public static TableSchema flatten(String source, Schema record) {
    NestedColumns n = of(record);
    return new TableSchema(source, n.columns, n.unreadable);
  }

  /** The flattened columns with, for each, the field positions leading to it. */
  public static NestedColumns of(Schema record) {
    if (record.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException("schema is a " + record.getType().getName() + ", not a record");
    }
    NestedColumns n = new NestedColumns();
    n.add("", record, new int[0]);
    return n;
  }

  private void add(String prefix, Schema record, int[] path) {
    List<Schema.Field> fields = record.getFields();
    for (int i = 0; i < fields.size(); i++) {
      Schema.Field f = fields.get(i);
      String name = prefix + f.name();
      int[] p = Arrays.copyOf(path, path.length + 1);
      p[path.length] = i;
      Schema s;
      try {
        s = Schemas.nonNull(f.schema());
      } catch (IllegalArgumentException e) {
        unreadable.put(name, e.getMessage());
        continue;
      }
      if (s.getType() == Schema.Type.RECORD) {
        add(name + SEPARATOR, s, p);
        continue;
      }
      try {
        columns.add(Column.of(name, s));
        paths.add(p);
      } catch (IllegalArgumentException e) {
        unreadable.put(name, e.getMessage());
      }
    }
  }

  public List<Column> columns() {
    return columns;
  }

  /** For each column, the positions of the fields from the top record down to its value. */
  public List<int[]> paths() {
    return paths;
  }

  public Map<String, String> unreadable() {
    return unreadable;
  }
}
