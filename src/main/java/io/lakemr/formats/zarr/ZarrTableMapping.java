package io.lakemr.formats.zarr;

import io.lakemr.conf.BadInputException;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.TableSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The table lakemr reads from a Zarr array or group, with the same rules as HDF5: a 1-D array
 * is one column named after it; a 2-D N x K array is N rows of columns {@code name_0..K-1};
 * rank 3 or more is rows over the leading dimensions and columns over the last; a structured
 * dtype is one column per field ({@code outer_inner} for nested fields, {@code name_i} for
 * sub-array fields); {@code cells} is one row per element with index columns {@code i0..} and
 * a value column; a group of 1-D arrays of equal length and chunking is one column per array.
 * Built from metadata only; every problem is a {@link BadInputException} naming the store and
 * the array.
 *
 * <p>A <em>record</em> is one index of dimension 0 (what chunks and splits are cut along); it
 * holds {@link #rowsPerRecord()} table rows.
 */
public final class ZarrTableMapping {

  private final String store;
  private final String dataset;
  private final ZarrLayout layout;
  private final TableSchema schema;
  private final List<ZarrArrayMeta> arrays;
  private final List<ZarrColumnSource> sources;
  private final long records;
  private final long rowsPerRecord;
  private final long[] dims;

  private ZarrTableMapping(String store, String dataset, ZarrLayout layout, List<ZarrArrayMeta> arrays,
      List<ZarrColumnSource> sources, Map<String, String> unreadable, long records, long rowsPerRecord,
      long[] dims) {
    this.store = store;
    this.dataset = dataset;
    this.layout = layout;
    this.arrays = List.copyOf(arrays);
    this.sources = List.copyOf(sources);
    this.records = records;
    this.rowsPerRecord = rowsPerRecord;
    this.dims = dims.clone();
    List<Column> columns = sources.stream().map(ZarrColumnSource::column).collect(Collectors.toList());
    this.schema = new TableSchema(store + ":" + dataset, columns, unreadable);
  }

  /**
   * Maps an array or group of a store to a table.
   *
   * @throws BadInputException naming the store and array: missing or broken array, several
   *     candidates, unknown or unreadable column, unequal lengths or chunking in a group
   */
  public static ZarrTableMapping resolve(ZarrHierarchy h, ZarrReadOptions options) {
    String storeName = h.store().name();
    ZarrNode node;
    if (options.dataset() == null) {
      node = only(h);
    } else {
      node = h.node(options.dataset());
      if (node == null) {
        throw new BadInputException(storeName + ": no array or group " + options.dataset() + "; arrays: "
            + describe(h.arrays()));
      }
    }
    if (node.kind() == ZarrNode.Kind.BROKEN) {
      throw new BadInputException(storeName + ": " + node.display() + ": " + node.problem());
    }
    return node.kind() == ZarrNode.Kind.GROUP ? group(h, node, options) : array(storeName, node.array(), options);
  }

  private static ZarrNode only(ZarrHierarchy h) {
    ZarrNode root = h.node("");
    if (root.kind() != ZarrNode.Kind.GROUP) {
      return root;
    }
    List<ZarrArrayMeta> all = h.arrays();
    if (all.size() == 1) {
      return h.node(all.get(0).path());
    }
    List<ZarrNode> children = h.children("");
    boolean columns = !children.isEmpty();
    for (ZarrNode n : children) {
      columns = columns && n.kind() == ZarrNode.Kind.ARRAY && n.array().rank() == 1
          && children.get(0).kind() == ZarrNode.Kind.ARRAY
          && n.array().shape()[0] == children.get(0).array().shape()[0]
          && n.array().chunks()[0] == children.get(0).array().chunks()[0];
    }
    if (columns && children.size() == all.size()) {
      return root;
    }
    List<String> broken = new ArrayList<>();
    for (ZarrNode n : h.nodes().values()) {
      if (n.kind() == ZarrNode.Kind.BROKEN) {
        broken.add(n.display() + ": " + n.problem());
      }
    }
    String store = h.store().name();
    if (all.isEmpty()) {
      throw new BadInputException(store + ": holds no array" + (broken.isEmpty() ? "" : "; " + String.join("; ", broken)));
    }
    throw new BadInputException(store + ": holds " + all.size() + " arrays, choose one with --dataset: "
        + describe(all));
  }

  static String describe(List<ZarrArrayMeta> arrays) {
    String list = arrays.stream().limit(20).map(a -> "/" + a.path()).collect(Collectors.joining(", "));
    return arrays.size() > 20 ? list + " and " + (arrays.size() - 20) + " more" : list;
  }

  private static ZarrTableMapping array(String store, ZarrArrayMeta a, ZarrReadOptions options) {
    String where = store + ": array /" + a.path();
    long[] dims = a.shape();
    int rank = dims.length;
    if (rank == 0) {
      throw new BadInputException(where + ": a 0-d array is not a table");
    }
    String name = a.name(lastName(store));
    int[] readChunks = a.readChunks();
    for (int k = 1; k < rank && a.dtype().isVariableLength(); k++) {
      if (readChunks[k] != dims[k]) {
        throw new BadInputException(where + ": data_type " + a.dtype().name() + " is read only from chunks"
            + " spanning every dimension but the first; chunks are " + Arrays.toString(readChunks));
      }
    }
    Map<String, String> unreadable = new LinkedHashMap<>();
    List<ZarrColumnSource> all = new ArrayList<>();
    long perRecord = 1;
    for (int k = 1; k < rank; k++) {
      perRecord *= dims[k];
    }
    boolean struct = a.dtype().kind() == ZarrDataType.Kind.STRUCT;
    ZarrLayout layout;
    long rowsPerRecord;
    if (options.cells() || struct) {
      layout = options.cells() ? ZarrLayout.CELLS : ZarrLayout.RECORDS;
      rowsPerRecord = perRecord;
      if (options.cells()) {
        for (int k = 0; k < rank; k++) {
          all.add(new ZarrColumnSource(new Column("i" + k, ColumnType.LONG), 0, 0, null, k));
        }
      }
      if (struct) {
        flatten("", 0, a.dtype(), all);
      } else {
        all.add(new ZarrColumnSource(new Column(name, a.dtype().columnType()), 0, 0, a.dtype(), -1));
      }
    } else {
      long last = rank == 1 ? 1 : dims[rank - 1];
      layout = rank == 1 ? ZarrLayout.SERIES : rank == 2 ? ZarrLayout.MATRIX : ZarrLayout.ROWS;
      rowsPerRecord = rank <= 2 ? 1 : perRecord / Math.max(1, last);
      for (int k = 0; k < last; k++) {
        String col = rank == 1 ? name : name + "_" + k;
        all.add(new ZarrColumnSource(new Column(col, a.dtype().columnType()), 0, k * a.dtype().size(), a.dtype(), -1));
      }
    }
    List<ZarrColumnSource> picked = select(where, all, unreadable, options.columns());
    return new ZarrTableMapping(store, "/" + a.path(), layout, List.of(a), picked, unreadable, dims[0],
        rowsPerRecord, dims);
  }

  private static String lastName(String store) {
    String s = store.endsWith("/") ? store.substring(0, store.length() - 1) : store;
    s = s.substring(s.lastIndexOf('/') + 1);
    return s.endsWith(".zarr") ? s.substring(0, s.length() - 5) : s;
  }

  /** One column per scalar of a structured dtype: nested fields {@code outer_inner}, sub-arrays {@code name_i}. */
  private static void flatten(String prefix, int base, ZarrDataType t, List<ZarrColumnSource> out) {
    for (ZarrDataType.Field f : t.fields()) {
      String name = prefix + f.name();
      for (int i = 0; i < f.count(); i++) {
        String n = f.count() > 1 ? name + "_" + i : name;
        int offset = base + f.offset() + i * f.type().size();
        if (f.type().kind() == ZarrDataType.Kind.STRUCT) {
          flatten(n + "_", offset, f.type(), out);
        } else {
          out.add(new ZarrColumnSource(new Column(n, f.type().columnType()), 0, offset, f.type(), -1));
        }
      }
    }
  }

  private static ZarrTableMapping group(ZarrHierarchy h, ZarrNode g, ZarrReadOptions options) {
    String store = h.store().name();
    String where = store + ": group " + g.display();
    Map<String, String> unreadable = new LinkedHashMap<>();
    List<ZarrArrayMeta> arrays = new ArrayList<>();
    List<ZarrColumnSource> all = new ArrayList<>();
    for (ZarrNode n : h.children(g.path())) {
      String name = n.path().substring(n.path().lastIndexOf('/') + 1);
      if (n.kind() == ZarrNode.Kind.BROKEN) {
        unreadable.put(name, n.problem());
      } else if (n.kind() == ZarrNode.Kind.ARRAY) {
        ZarrArrayMeta a = n.array();
        if (a.rank() != 1) {
          unreadable.put(name, "a " + a.rank() + "-d array is not a column");
        } else if (a.dtype().kind() == ZarrDataType.Kind.STRUCT) {
          unreadable.put(name, "a structured array is not a column");
        } else {
          all.add(new ZarrColumnSource(new Column(name, a.dtype().columnType()), arrays.size(), 0, a.dtype(), -1));
          arrays.add(a);
        }
      }
    }
    if (options.cells()) {
      throw new BadInputException(where + ": --layout cells needs an array, not a group");
    }
    List<ZarrColumnSource> picked = select(where, all, unreadable, options.columns());
    ZarrArrayMeta first = arrays.get(picked.get(0).part());
    for (ZarrColumnSource s : picked) {
      ZarrArrayMeta a = arrays.get(s.part());
      if (a.shape()[0] != first.shape()[0] || a.chunks()[0] != first.chunks()[0]
          || a.readChunks()[0] != first.readChunks()[0]) {
        throw new BadInputException(where + ": arrays /" + first.path() + " " + Arrays.toString(first.shape())
            + " chunks " + Arrays.toString(first.chunks()) + " and /" + a.path() + " " + Arrays.toString(a.shape())
            + " chunks " + Arrays.toString(a.chunks())
            + " differ in length or chunking; leave one out with --columns");
      }
    }
    return new ZarrTableMapping(store, g.display(), ZarrLayout.COLUMN_GROUP, arrays, picked, unreadable,
        first.shape()[0], 1, first.shape());
  }

  /** The requested columns in the order asked for, or all readable ones. */
  static List<ZarrColumnSource> select(String where, List<ZarrColumnSource> all, Map<String, String> unreadable,
      List<String> wanted) {
    if (wanted.isEmpty()) {
      if (all.isEmpty()) {
        throw new BadInputException(where + ": no readable column" + (unreadable.isEmpty() ? "" : ": " + unreadable));
      }
      return all;
    }
    List<ZarrColumnSource> out = new ArrayList<>();
    for (String w : wanted) {
      ZarrColumnSource found = null;
      for (ZarrColumnSource s : all) {
        if (s.column().name().equals(w)) {
          found = s;
        }
      }
      if (found == null) {
        String reason = unreadable.get(w);
        throw new BadInputException(where + ": column " + w + (reason != null ? " cannot be read: " + reason
            : " does not exist; columns: " + all.stream().map(s -> s.column().name()).collect(Collectors.joining(", "))));
      }
      out.add(found);
    }
    return out;
  }

  /** The store's root, as given. */
  public String store() {
    return store;
  }

  /** Path in the store of the array or group read ({@code /} for the root). */
  public String dataset() {
    return dataset;
  }

  public ZarrLayout layout() {
    return layout;
  }

  /** The columns read, in batch order, and the columns that cannot be read with the reason. */
  public TableSchema schema() {
    return schema;
  }

  /** Table rows. */
  public long rowCount() {
    return records * rowsPerRecord;
  }

  /** Indexes of dimension 0. */
  public long records() {
    return records;
  }

  public long rowsPerRecord() {
    return rowsPerRecord;
  }

  /** The shape of the array (of one column's array for a group). */
  public long[] dimensions() {
    return dims.clone();
  }

  /** Records per grid chunk along dimension 0 (per shard when sharded): what splits align to. */
  public int unitRecords() {
    return arrays.get(usedParts().get(0)).chunks()[0];
  }

  /** Decoded bytes per record over the arrays read. */
  public long bytesPerRecord() {
    long b = 0;
    for (int i : usedParts()) {
      ZarrArrayMeta a = arrays.get(i);
      long per = a.dtype().size();
      long[] shape = a.shape();
      for (int k = 1; k < shape.length; k++) {
        per *= shape[k];
      }
      b += per;
    }
    return b;
  }

  /** The arrays the selected columns come from. */
  public List<ZarrArrayMeta> arraysRead() {
    List<ZarrArrayMeta> out = new ArrayList<>();
    for (int i : usedParts()) {
      out.add(arrays.get(i));
    }
    return out;
  }

  List<Integer> usedParts() {
    List<Integer> used = new ArrayList<>();
    for (ZarrColumnSource s : sources) {
      if (!s.isIndex() && !used.contains(s.part())) {
        used.add(s.part());
      }
    }
    if (used.isEmpty()) {
      used.add(0);
    }
    return used;
  }

  List<ZarrArrayMeta> arrays() {
    return arrays;
  }

  List<ZarrColumnSource> sources() {
    return sources;
  }
}
