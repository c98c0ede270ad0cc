package io.lakemr.formats.hdf5;

import io.jhdf.HdfFile;
import io.jhdf.Superblock;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.jhdf.object.datatype.CompoundDataType;
import io.lakemr.conf.BadInputException;
import io.lakemr.data.Column;
import io.lakemr.data.ColumnType;
import io.lakemr.data.TableSchema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The table lakemr reads from an HDF5 dataset or group: its columns, its row count, the
 * dataset(s) behind it and the {@link Hdf5Layout} used. Built from metadata only; every
 * problem found here is a {@link BadInputException} naming the file and the dataset.
 *
 * <p>Rows are counted in two units. A <em>record</em> is one index of dimension 0 (what chunks
 * and splits are cut along); a record holds {@link #rowsPerRecord()} table rows (one, except
 * for rank 3 or more, and the cells layout).
 */
public final class Hdf5TableMapping {

  private final String file;
  private final String dataset;
  private final Hdf5Layout layout;
  private final TableSchema schema;
  private final List<Hdf5DatasetPart> parts;
  private final List<Hdf5ColumnSource> sources;
  private final long records;
  private final long rowsPerRecord;
  private final long[] dims;

  private Hdf5TableMapping(String file, String dataset, Hdf5Layout layout, TableSchema schema,
      List<Hdf5DatasetPart> parts, List<Hdf5ColumnSource> sources, long records, long rowsPerRecord,
      long[] dims) {
    this.file = file;
    this.dataset = dataset;
    this.layout = layout;
    this.schema = schema;
    this.parts = List.copyOf(parts);
    this.sources = List.copyOf(sources);
    this.records = records;
    this.rowsPerRecord = rowsPerRecord;
    this.dims = dims;
  }

  /**
   * Maps a dataset or group of an open file to a table.
   *
   * @param file the open file
   * @param fileName the file's name or path, for messages
   * @param options dataset, columns and layout to use
   * @throws BadInputException naming the file and dataset: missing dataset, several candidates,
   *     unknown or unreadable column, unequal column lengths, unsupported type or filter,
   *     truncated file
   */
  public static Hdf5TableMapping resolve(HdfFile file, String fileName, Hdf5ReadOptions options) {
    String path = options.dataset();
    try {
      Node node;
      if (path == null) {
        List<Dataset> all = new ArrayList<>();
        collectDatasets(file, all);
        if (all.size() != 1) {
          throw new BadInputException(fileName + ": " + (all.isEmpty() ? "holds no dataset"
              : "holds " + all.size() + " datasets, choose one with --dataset: " + describe(all)));
        }
        node = all.get(0);
      } else {
        node = find(file, fileName, path);
      }
      Hdf5TableMapping m = node instanceof Group
          ? Hdf5GroupColumns.map(fileName, (Group) node, options)
          : mapDataset(fileName, (Dataset) node, options);
      m.checkNotTruncated(file);
      return m;
    } catch (BadInputException e) {
      throw e;
    } catch (RuntimeException e) {
      String where = path == null ? fileName : fileName + ": dataset " + path;
      String truncated = truncation(file);
      throw new BadInputException(where + ": " + (truncated == null ? "cannot read HDF5 metadata: "
          + Hdf5Files.oneLine(e) : truncated + " (" + Hdf5Files.oneLine(e) + ")"), e);
    }
  }

  private static Node find(HdfFile file, String fileName, String path) {
    Node node;
    try {
      node = file.getByPath(path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path);
    } catch (RuntimeException e) {
      node = null;
    }
    if (node == null || !(node instanceof Group || node instanceof Dataset)) {
      List<Dataset> all = new ArrayList<>();
      collectDatasets(file, all);
      throw new BadInputException(fileName + ": no dataset " + path + "; datasets: " + describe(all));
    }
    return node;
  }

  static void collectDatasets(Group group, List<Dataset> out) {
    for (Node n : group.getChildren().values()) {
      if (n.isLink()) {
        continue;
      }
      if (n instanceof Dataset) {
        out.add((Dataset) n);
      } else if (n instanceof Group) {
        collectDatasets((Group) n, out);
      }
    }
  }

  static String describe(List<Dataset> datasets) {
    String list = datasets.stream().limit(20).map(Dataset::getPath).collect(Collectors.joining(", "));
    return datasets.size() > 20 ? list + " and " + (datasets.size() - 20) + " more" : list;
  }

  private static Hdf5TableMapping mapDataset(String fileName, Dataset ds, Hdf5ReadOptions options) {
    Hdf5DatasetPart part;
    try {
      part = new Hdf5DatasetPart(fileName, ds);
    } catch (IllegalArgumentException e) {
      throw new BadInputException(fileName + ": dataset " + ds.getPath() + ": " + e.getMessage(), e);
    }
    long[] dims = part.dims;
    int rank = dims.length;
    if (rank == 0) {
      throw new BadInputException(part.where() + ": a scalar dataset is not a table");
    }
    String name = ds.getName();
    Map<String, String> unreadable = new LinkedHashMap<>();
    List<Hdf5ColumnSource> all = new ArrayList<>();
    Hdf5Layout layout;
    long rowsPerRecord;
    long perRecordElements = 1;
    for (int k = 1; k < rank; k++) {
      perRecordElements *= dims[k];
    }
    boolean compound = ds.getDataType() instanceof CompoundDataType;
    if (options.cells() || compound) {
      layout = options.cells() ? Hdf5Layout.CELLS : Hdf5Layout.COMPOUND;
      rowsPerRecord = perRecordElements;
      if (options.cells()) {
        for (int k = 0; k < rank; k++) {
          all.add(new Hdf5ColumnSource(new Column("i" + k, ColumnType.LONG), 0, 0, null, k));
        }
      }
      if (compound) {
        for (Hdf5CompoundFields.Field f
            : Hdf5CompoundFields.flatten((CompoundDataType) ds.getDataType(), unreadable)) {
          all.add(new Hdf5ColumnSource(new Column(f.name(), f.type().columnType()), 0, f.offset(), f.type(), -1));
        }
      } else {
        addValueColumn(name, 0, ds, all, unreadable);
      }
    } else {
      long last = rank == 1 ? 1 : dims[rank - 1];
      layout = rank == 1 ? Hdf5Layout.SERIES : rank == 2 ? Hdf5Layout.MATRIX : Hdf5Layout.ROWS;
      rowsPerRecord = rank <= 2 ? 1 : perRecordElements / Math.max(1, last);
      if (rank == 1) {
        addValueColumn(name, 0, ds, all, unreadable);
      } else {
        for (int k = 0; k < last; k++) {
          addValueColumn(name + "_" + k, k * part.elementSize, ds, all, unreadable);
        }
      }
    }
    List<Hdf5ColumnSource> picked = select(part.where(), all, unreadable, options.columns());
    return build(fileName, ds.getPath(), layout, List.of(part), picked, unreadable, part.records(),
        rowsPerRecord, dims);
  }

  private static void addValueColumn(String name, int offset, Dataset ds, List<Hdf5ColumnSource> out,
      Map<String, String> unreadable) {
    try {
      Hdf5ValueType t = Hdf5ValueType.of(ds.getDataType());
      out.add(new Hdf5ColumnSource(new Column(name, t.columnType()), 0, offset, t, -1));
    } catch (IllegalArgumentException e) {
      unreadable.put(name, e.getMessage());
    }
  }

  /** The requested columns in the order asked for, or all readable ones. */
  static List<Hdf5ColumnSource> select(String where, List<Hdf5ColumnSource> all,
      Map<String, String> unreadable, List<String> wanted) {
    if (wanted.isEmpty()) {
      if (all.isEmpty()) {
        throw new BadInputException(where + ": no readable column: " + unreadable);
      }
      return all;
    }
    List<Hdf5ColumnSource> out = new ArrayList<>();
    for (String w : wanted) {
      Hdf5ColumnSource found = null;
      for (Hdf5ColumnSource s : all) {
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

  static Hdf5TableMapping build(String file, String dataset, Hdf5Layout layout, List<Hdf5DatasetPart> parts,
      List<Hdf5ColumnSource> sources, Map<String, String> unreadable, long records, long rowsPerRecord,
      long[] dims) {
    List<Column> columns = sources.stream().map(Hdf5ColumnSource::column).collect(Collectors.toList());
    TableSchema schema = new TableSchema(file + ":" + dataset, columns, unreadable);
    return new Hdf5TableMapping(file, dataset, layout, schema, parts, sources, records, rowsPerRecord,
        dims);
  }

  private void checkNotTruncated(HdfFile hdf) {
    long size = hdf.size();
    for (Hdf5DatasetPart p : parts) {
      for (Hdf5ByteExtent e : p.extents()) {
        if (e.address() + e.length() > size) {
          throw new BadInputException(p.where() + ": the file is truncated: rows " + e.firstRecord()
              + ".." + (e.endRecord() - 1) + " are stored up to byte " + (e.address() + e.length())
              + ", the file has " + size);
        }
      }
    }
    String truncated = truncation(hdf);
    if (truncated != null) {
      throw new BadInputException(file + ": dataset " + dataset + ": " + truncated);
    }
  }

  /** Says the file is truncated when it is shorter than its superblock's end-of-file address; else null. */
  private static String truncation(HdfFile hdf) {
    long size = hdf.size();
    Superblock sb = hdf.getHdfBackingStorage().getSuperblock();
    long end = sb.getBaseAddressByte() + sb.getEndOfFileAddress();
    return end > size ? "the file is truncated: its superblock says " + end + " bytes, the file has " + size
        : null;
  }

  /** The file's name, as given. */
  public String file() {
    return file;
  }

  /** Path in the file of the dataset or group read. */
  public String dataset() {
    return dataset;
  }

  public Hdf5Layout layout() {
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

  /** Indexes of dimension 0 (what splits are cut along). */
  public long records() {
    return records;
  }

  /** Table rows per index of dimension 0. */
  public long rowsPerRecord() {
    return rowsPerRecord;
  }

  /** The shape of the dataset (of one column's dataset for a group). */
  public long[] dimensions() {
    return dims.clone();
  }

  /** Paths of the datasets the selected columns come from. */
  public List<String> datasetPaths() {
    List<String> out = new ArrayList<>();
    for (Hdf5ColumnSource s : sources) {
      String p = parts.get(s.part()).path;
      if (!s.isIndex() && !out.contains(p)) {
        out.add(p);
      }
    }
    return out;
  }

  /**
   * Records per chunk along dimension 0 that splits align to (of the first chunked dataset
   * read), or 0 when the data is not chunked.
   */
  public int chunkRecords() {
    for (int i : usedParts()) {
      if (parts.get(i).chunkRecords() > 0) {
        return parts.get(i).chunkRecords();
      }
    }
    return 0;
  }

  /** Decoded bytes per record over the datasets read: the split planner's size estimate. */
  public long bytesPerRecord() {
    long b = 0;
    for (int i : usedParts()) {
      b += parts.get(i).recordBytes();
    }
    return b;
  }

  /** Filter names of the first dataset read, in pipeline order. */
  public List<String> filters() {
    Hdf5DatasetPart p = parts.get(usedParts().get(0));
    return p.decoder == null ? List.of() : p.decoder.filterNames();
  }

  /**
   * Where the bytes of the datasets read lie in the file, from the chunk indexes (metadata
   * only), for split locality.
   */
  public List<Hdf5ByteExtent> byteExtents() {
    List<Hdf5ByteExtent> out = new ArrayList<>();
    for (int i : usedParts()) {
      out.addAll(parts.get(i).extents());
    }
    return out;
  }

  List<Integer> usedParts() {
    List<Integer> used = new ArrayList<>();
    for (Hdf5ColumnSource s : sources) {
      if (!s.isIndex() && !used.contains(s.part())) {
        used.add(s.part());
      }
    }
    if (used.isEmpty()) {
      used.add(0);
    }
    return used;
  }

  List<Hdf5DatasetPart> parts() {
    return parts;
  }

  List<Hdf5ColumnSource> sources() {
    return sources;
  }
}
