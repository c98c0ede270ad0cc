package io.lakemr.formats.parquet;

import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.GroupType;

/**
 * The record converter {@code ColumnReadStoreImpl} asks for: lakemr pulls values from the
 * column readers itself, so every converter here ignores what it is given.
 */
final class NoOpConverter extends GroupConverter {

  private final Converter[] children;

  NoOpConverter(GroupType schema) {
    children = new Converter[schema.getFieldCount()];
    for (int i = 0; i < children.length; i++) {
      children[i] = schema.getType(i).isPrimitive()
          ? new PrimitiveConverter() { }
          : new NoOpConverter(schema.getType(i).asGroupType());
    }
  }

  @Override
  public Converter getConverter(int fieldIndex) {
    return children[fieldIndex];
  }

  @Override
  public void start() {
  }

  @Override
  public void end() {
  }
}
