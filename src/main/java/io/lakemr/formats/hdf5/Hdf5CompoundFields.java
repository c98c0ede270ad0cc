package io.lakemr.formats.hdf5;

import io.jhdf.object.datatype.ArrayDataType;
import io.jhdf.object.datatype.CompoundDataType;
import io.jhdf.object.datatype.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Flattens an HDF5 compound type into columns: a field becomes a column named by the field,
 * an array field {@code name_0 .. name_{n-1}} (row-major over its dimensions), a nested
 * compound field {@code outer_inner}. Fields lakemr cannot read are reported with the reason.
 */
final class Hdf5CompoundFields {

  /** One flattened field: its column name, byte offset in the element and type. */
  record Field(String name, int offset, Hdf5ValueType type) {
  }

  private Hdf5CompoundFields() {
  }

  /**
   * @param unreadable receives field name to reason for fields that cannot be read
   */
  static List<Field> flatten(CompoundDataType type, Map<String, String> unreadable) {
    List<Field> out = new ArrayList<>();
    add("", 0, type, out, unreadable);
    return out;
  }

  private static void add(String prefix, int base, CompoundDataType type, List<Field> out,
      Map<String, String> unreadable) {
    for (CompoundDataType.CompoundDataMember m : type.getMembers()) {
      String name = prefix + m.getName();
      addMember(name, base + m.getOffset(), m.getDataType(), out, unreadable);
    }
  }

  private static void addMember(String name, int offset, DataType t, List<Field> out,
      Map<String, String> unreadable) {
    if (t instanceof CompoundDataType) {
      add(name + "_", offset, (CompoundDataType) t, out, unreadable);
      return;
    }
    if (t instanceof ArrayDataType) {
      ArrayDataType a = (ArrayDataType) t;
      int n = 1;
      for (int d : a.getArrayTypeDimensions()) {
        n *= d;
      }
      DataType baseType = a.getBaseType();
      int size = baseType.getSize();
      for (int i = 0; i < n; i++) {
        addMember(name + "_" + i, offset + i * size, baseType, out, unreadable);
      }
      return;
    }
    try {
      out.add(new Field(name, offset, Hdf5ValueType.of(t)));
    } catch (IllegalArgumentException e) {
      unreadable.put(name, e.getMessage());
    }
  }
}
