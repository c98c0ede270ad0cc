package io.lakemr.formats.hdf5;

import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import io.lakemr.conf.BadInputException;
import io.lakemr.data.Column;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps a group of 1-D datasets of equal length (the column-store layout of many instrument
 * files) to one table with a column per dataset, named by the dataset. Datasets that are not
 * 1-D are listed as unreadable; datasets of different lengths are an error naming them, unless
 * the column selection picks datasets of one length.
 */
final class Hdf5GroupColumns {

  private Hdf5GroupColumns() {
  }

  static Hdf5TableMapping map(String fileName, Group group, Hdf5ReadOptions options) {
    String groupPath = trimSlash(group.getPath());
    String where = fileName + ": group " + groupPath;
    if (options.cells()) {
      throw new BadInputException(where + ": --layout cells needs a dataset, not a group");
    }
    Map<String, String> unreadable = new LinkedHashMap<>();
    List<Hdf5DatasetPart> parts = new ArrayList<>();
    List<Hdf5ColumnSource> all = new ArrayList<>();
    for (Node n : group.getChildren().values()) {
      if (!(n instanceof Dataset) || n.isLink()) {
        continue;
      }
      Dataset ds = (Dataset) n;
      if (ds.getDimensions().length != 1) {
        unreadable.put(ds.getName(), "a column of a group must be a 1-D dataset, this one has shape "
            + Arrays.toString(ds.getDimensions()));
        continue;
      }
      try {
        Hdf5ValueType t = Hdf5ValueType.of(ds.getDataType());
        Hdf5DatasetPart part = new Hdf5DatasetPart(fileName, ds);
        all.add(new Hdf5ColumnSource(new Column(ds.getName(), t.columnType()), parts.size(), 0, t, -1));
        parts.add(part);
      } catch (IllegalArgumentException e) {
        unreadable.put(ds.getName(), e.getMessage());
      }
    }
    List<Hdf5ColumnSource> picked = Hdf5TableMapping.select(where, all, unreadable, options.columns());
    Map<Long, List<String>> byLength = new TreeMap<>();
    for (Hdf5ColumnSource s : picked) {
      Hdf5DatasetPart p = parts.get(s.part());
      byLength.computeIfAbsent(p.records(), k -> new ArrayList<>()).add(p.path);
    }
    if (byLength.size() > 1) {
      StringBuilder b = new StringBuilder(where).append(": datasets differ in length:");
      String sep = " ";
      for (Map.Entry<Long, List<String>> e : byLength.entrySet()) {
        b.append(sep).append(String.join(", ", e.getValue())).append(" ")
            .append(e.getValue().size() == 1 ? "has " : "have ").append(e.getKey()).append(" rows");
        sep = "; ";
      }
      b.append(" (choose equal-length ones with --columns)");
      throw new BadInputException(b.toString());
    }
    long records = byLength.isEmpty() ? 0 : byLength.keySet().iterator().next();
    return Hdf5TableMapping.build(fileName, groupPath, Hdf5Layout.COLUMN_GROUP, parts, picked,
        unreadable, records, 1, new long[] {records});
  }

  private static String trimSlash(String path) {
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }
}
